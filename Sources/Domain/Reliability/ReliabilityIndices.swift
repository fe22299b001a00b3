import Foundation

/// The reliability indices of IEEE 1366 and DL/T 836 (rules REL-…), computed from interruption
/// records with plain arrays: one pass over the records, per-day and per-unit sums in arrays, a
/// second pass only over the records of Major Event Days.
public enum ReliabilityIndices {
  /// The first day of the Major Event Day history for a period starting on `from`: the same day
  /// `years` years earlier (28 February for a 29th) (REL-MED).
  public static func historyStart(for from: CivilDate, years: Int) -> CivilDate {
    let year = from.year - max(0, years)
    return CivilDate(year: year, month: from.month, day: from.day)
      ?? CivilDate(year: year, month: from.month, day: 28) ?? from
  }

  /// Computes the report for the units given over the days `from`…`to` (both included).
  /// `interruptions` holds the period's records and those of the history before it (the caller
  /// may pass more: records of other units or days are ignored). Each record counts to the day
  /// on which it starts, in business time (REL-START-DAY).
  public static func compute(
    interruptions: [Interruption], units: [UUID: ReliabilityUnit], from: CivilDate, to: CivilDate,
    settings: ReliabilitySettings = .default
  ) -> ReliabilityReport {
    // Units as small indices.
    var unitIndex: [UUID: Int] = [:]
    unitIndex.reserveCapacity(units.count)
    var unitCustomers: [Int] = []
    var unitArea: [Int] = []  // 0 urban, 1 rural, 2 none
    unitCustomers.reserveCapacity(units.count)
    unitArea.reserveCapacity(units.count)
    var served = 0
    var areaServed = [0, 0]
    for (id, unit) in units {
      unitIndex[id] = unitCustomers.count
      let customers = max(0, unit.customers)
      unitCustomers.append(customers)
      let area: Int
      switch unit.area {
      case .urban?: area = 0
      case .rural?: area = 1
      case nil: area = 2
      }
      unitArea.append(area)
      let (sum, overflow) = served.addingReportingOverflow(customers)
      served = overflow ? Int.max : sum
      if area < 2 { areaServed[area] += customers }
    }

    let fromDay = from.dayNumber
    let toDay = max(to.dayNumber, fromDay)
    let days = toDay - fromDay + 1
    let useMED = settings.majorEventBeta != nil
    let historyDay = useMED ? historyStart(for: from, years: settings.majorEventHistoryYears).dayNumber : fromDay
    let historyDays = fromDay - historyDay

    // Per-day sums (customer-seconds are exact in Double for whole seconds).
    var historySeconds = [Double](repeating: 0, count: historyDays)
    var daySeconds = [Double](repeating: 0, count: days)
    var dayCustomers = [Int](repeating: 0, count: days)
    var dayRecords = [Int](repeating: 0, count: days)
    var dayMomentary = [Int](repeating: 0, count: days)
    var dayMomentaryCustomers = [Int](repeating: 0, count: days)
    // Per-unit sustained customer interruptions (REL-CAIFI).
    var unitSustained = [Int](repeating: 0, count: unitCustomers.count)
    // DL/T per area (0 urban, 1 rural, 2 none): records, customers, customer-seconds, shortage seconds.
    var dltRecords = [0, 0, 0]
    var dltCustomers = [0, 0, 0]
    var dltSeconds: [Double] = [0, 0, 0]
    var dltShortage: [Double] = [0, 0, 0]
    var faults = 0
    var faultSeconds = 0.0

    let ieeeSeconds = settings.ieeeSustainedMinutes * 60
    let dltThreshold = settings.dltSustainedMinutes * 60

    for record in interruptions {
      guard let u = unitIndex[record.unitID] else { continue }
      let day = BusinessTime.dayNumber(of: record.start)
      guard day >= historyDay, day <= toDay else { continue }
      let seconds = max(0, record.end.timeIntervalSince(record.start))
      let customers = max(0, record.customers)
      let customerSeconds = seconds * Double(customers)
      let sustained = seconds > ieeeSeconds
      if day < fromDay {
        if sustained { historySeconds[day - historyDay] += customerSeconds }
        continue
      }
      let d = day - fromDay
      if sustained {
        daySeconds[d] += customerSeconds
        dayCustomers[d] += customers
        dayRecords[d] += 1
        unitSustained[u] += customers
      } else {
        dayMomentary[d] += 1
        dayMomentaryCustomers[d] += customers
      }
      if seconds > dltThreshold {
        let area = unitArea[u]
        dltRecords[area] += 1
        dltCustomers[area] += customers
        dltSeconds[area] += customerSeconds
        if record.type.isSupplyShortage { dltShortage[area] += customerSeconds }
      }
      if record.type == .fault {
        faults += 1
        faultSeconds += seconds
      }
    }

    // REL-MED: α and β of the natural logs of the history's daily SAIDI above zero.
    let nT = Double(served)
    var threshold: Double?
    var alpha: Double?
    var beta: Double?
    var historyUsed = 0
    if let k = settings.majorEventBeta, served > 0 {
      var sum = 0.0
      for s in historySeconds where s > 0 {
        sum += log(s / 60 / nT)
        historyUsed += 1
      }
      if historyUsed >= 2 {
        let mean = sum / Double(historyUsed)
        var squares = 0.0
        for s in historySeconds where s > 0 {
          let x = log(s / 60 / nT) - mean
          squares += x * x
        }
        let sd = (squares / Double(historyUsed - 1)).squareRoot()
        alpha = mean
        beta = sd
        threshold = exp(mean + k * sd)
      }
    }

    var daily: [ReliabilityDay] = []
    daily.reserveCapacity(days)
    var majorDays: [Int] = []
    var all = Sums()
    var kept = Sums()
    for d in 0..<days {
      let saidi = served > 0 ? daySeconds[d] / 60 / nT : 0
      let saifi = served > 0 ? Double(dayCustomers[d]) / nT : 0
      let major = threshold.map { saidi > $0 } ?? false
      daily.append(
        ReliabilityDay(
          date: CivilDate(dayNumber: fromDay + d), saidi: saidi, saifi: saifi, interruptions: dayRecords[d], isMajorEvent: major))
      all.add(daySeconds[d], dayCustomers[d], dayRecords[d], dayMomentary[d], dayMomentaryCustomers[d])
      if major {
        majorDays.append(d)
      } else {
        kept.add(daySeconds[d], dayCustomers[d], dayRecords[d], dayMomentary[d], dayMomentaryCustomers[d])
      }
    }

    // REL-CAIFI without the Major Event Days: their records taken off the per-unit sums.
    var unitKept = unitSustained
    if !majorDays.isEmpty {
      var isMajor = [Bool](repeating: false, count: days)
      for d in majorDays { isMajor[d] = true }
      for record in interruptions {
        guard let u = unitIndex[record.unitID] else { continue }
        let day = BusinessTime.dayNumber(of: record.start)
        guard day >= fromDay, day <= toDay, isMajor[day - fromDay] else { continue }
        if record.end.timeIntervalSince(record.start) > ieeeSeconds { unitKept[u] -= max(0, record.customers) }
      }
    }

    let periodMinutes = Double(days) * 1440
    let ieee = all.indices(served: served, periodMinutes: periodMinutes, distinct: distinctCustomers(unitSustained, unitCustomers))
    let withoutMajor = kept.indices(served: served, periodMinutes: periodMinutes, distinct: distinctCustomers(unitKept, unitCustomers))

    func dlt(_ areas: [Int], served: Int, target: Double?) -> DLTIndices {
      var records = 0
      var customers = 0
      var seconds = 0.0
      var shortage = 0.0
      for a in areas {
        records += dltRecords[a]
        customers += dltCustomers[a]
        seconds += dltSeconds[a]
        shortage += dltShortage[a]
      }
      let n = Double(served)
      let aihc = served > 0 ? seconds / 60 / n : 0
      let aitc = served > 0 ? Double(customers) / n : 0
      let rs1 = 1 - aihc / periodMinutes
      let rs3 = 1 - (served > 0 ? (seconds - shortage) / 60 / n : 0) / periodMinutes
      return DLTIndices(
        customersServed: served, rs1: rs1, rs3: rs3, aihc: aihc, aitc: aitc, interruptions: records,
        customerInterruptions: customers, customerMinutes: seconds / 60, shortageCustomerMinutes: shortage / 60,
        target: target, meetsTarget: target.map { served > 0 ? rs1 >= $0 : true })
    }

    return ReliabilityReport(
      from: CivilDate(dayNumber: fromDay), to: CivilDate(dayNumber: toDay), customersServed: served,
      periodMinutes: periodMinutes, ieee: ieee, withoutMajorEvents: withoutMajor, majorEventThreshold: threshold,
      majorEventHistoryDays: historyUsed, majorEventAlpha: alpha, majorEventBeta: beta,
      majorEventDays: majorDays.map { CivilDate(dayNumber: fromDay + $0) },
      dlt: dlt([0, 1, 2], served: served, target: nil),
      urban: dlt([0], served: areaServed[0], target: settings.urbanTarget),
      rural: dlt([1], served: areaServed[1], target: settings.ruralTarget),
      faultInterruptions: faults, averageFaultRestorationMinutes: faults > 0 ? faultSeconds / 60 / Double(faults) : nil,
      daily: daily)
  }

  /// REL-CAIFI: records carry counts, not customers, so the distinct customers interrupted in a
  /// unit are estimated as its customer interruptions, at most the customers it serves.
  static func distinctCustomers(_ interrupted: [Int], _ customers: [Int]) -> Int {
    var total = 0
    for i in interrupted.indices { total += min(max(0, interrupted[i]), customers[i]) }
    return total
  }

  struct Sums {
    var seconds = 0.0
    var customers = 0
    var records = 0
    var momentary = 0
    var momentaryCustomers = 0

    mutating func add(_ s: Double, _ c: Int, _ r: Int, _ m: Int, _ mc: Int) {
      seconds += s
      customers += c
      records += r
      momentary += m
      momentaryCustomers += mc
    }

    func indices(served: Int, periodMinutes: Double, distinct: Int) -> IEEEIndices {
      let n = Double(served)
      let minutes = seconds / 60
      let saifi = served > 0 ? Double(customers) / n : 0
      let saidi = served > 0 ? minutes / n : 0
      return IEEEIndices(
        saifi: saifi, saidi: saidi, caidi: customers > 0 ? minutes / Double(customers) : nil,
        asai: 1 - saidi / periodMinutes, caifi: distinct > 0 ? Double(customers) / Double(distinct) : nil,
        ctaidi: distinct > 0 ? minutes / Double(distinct) : nil, maifi: served > 0 ? Double(momentaryCustomers) / n : 0,
        sustainedInterruptions: records, customerInterruptions: customers, customerMinutes: minutes,
        customersInterrupted: distinct, momentaryInterruptions: momentary, momentaryCustomerInterruptions: momentaryCustomers)
    }
  }
}
