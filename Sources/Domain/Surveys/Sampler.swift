import Foundation

/// Draws the yearly survey sample (SV-SAMPLE-SIZE, SV-SAMPLE-STRATA: 1000 random customers per
/// county company or 3 % of a station's customers, stratified by segment), reproducibly from the
/// plan's seed.
public enum Sampler {
  public static func draw(_ candidates: [SamplingCandidate], plan: SamplingPlan, asOf: CivilDate) -> SampleDraw {
    let cutoff = plan.excludeSurveyedWithinMonths.map { asOf.subtracting(months: max(0, $0)) }
    var screened: [CustomerSegment: Screening] = [:]
    for candidate in candidates {
      screened[candidate.segment, default: Screening()].add(candidate, cutoff: cutoff, plan: plan)
    }
    let segments = CustomerSegment.allCases
    let population = candidates.count
    let eligible = segments.map { screened[$0]?.eligible.count ?? 0 }
    let total = targetTotal(plan.size, population: population, eligible: eligible.reduce(0, +))
    let allocated = StratumAllocation.allocate(total: total, capacities: eligible, method: plan.allocation)

    var customers: [SampledCustomer] = []
    var strata: [StratumReport] = []
    for (index, segment) in segments.enumerated() {
      let screening = screened[segment] ?? Screening()
      let main = allocated[index]
      let reserve = reserveSize(main: main, eligible: eligible[index], fraction: plan.reserveFraction)
      let weight = main > 0 ? Double(eligible[index]) / Double(main) : 0
      let ids = screening.eligible.sorted()
      var generator = SplitMix64(seed: plan.seed ^ SplitMix64.fnv1a(segment.rawValue))
      let picked = partialShuffle(ids, count: main + reserve, using: &generator)
      for (position, id) in picked.enumerated() {
        let rank = position < main ? nil : position - main + 1
        customers.append(SampledCustomer(id: id, segment: segment, designWeight: weight, reserveRank: rank))
      }
      strata.append(
        StratumReport(
          segment: segment, population: screening.population, excludedRecentlySurveyed: screening.recentlySurveyed,
          excludedOpenComplaint: screening.openComplaint, eligible: eligible[index], allocated: main, drawn: main,
          reserve: reserve, designWeight: weight))
    }
    return SampleDraw(customers: customers, strata: strata)
  }

  /// Fraction: round-half-up of fraction × population before exclusion (3 % of 15,000 = 450);
  /// count: as given. Either way no more than the eligible customers.
  static func targetTotal(_ size: SampleSize, population: Int, eligible: Int) -> Int {
    let wanted: Int
    switch size {
    case .count(let count):
      wanted = count
    case .fraction(let fraction):
      let exact = max(0, fraction.isFinite ? fraction : 0) * Double(population)
      // The epsilon keeps binary noise (0.015 × 100 = 1.4999…) from rounding a half down.
      wanted = Int(min((exact + 0.5 + 1e-9).rounded(.down), Double(population)))
    }
    return min(max(0, wanted), eligible)
  }

  /// ceil(main × fraction), capped by the customers left after the main sample.
  static func reserveSize(main: Int, eligible: Int, fraction: Double) -> Int {
    guard fraction.isFinite, fraction > 0 else { return 0 }
    // The epsilon keeps binary noise (60 × 0.2 = 12.000…02) from rounding up a whole number.
    let wanted = Int((Double(main) * fraction - 1e-9).rounded(.up))
    return max(0, min(wanted, eligible - main))
  }

  /// The first `count` elements of a seeded Fisher–Yates shuffle, in draw order.
  static func partialShuffle(_ ids: [Int64], count: Int, using generator: inout SplitMix64) -> [Int64] {
    var pool = ids
    let limit = min(count, pool.count)
    for position in 0..<limit {
      let pick = position + generator.next(below: pool.count - position)
      pool.swapAt(position, pick)
    }
    return Array(pool.prefix(limit))
  }
}

/// Per-stratum exclusion tally. A customer excluded for both reasons counts once, as recently
/// surveyed.
private struct Screening {
  var population = 0
  var recentlySurveyed = 0
  var openComplaint = 0
  var eligible: [Int64] = []

  mutating func add(_ candidate: SamplingCandidate, cutoff: CivilDate?, plan: SamplingPlan) {
    population += 1
    if let cutoff, let last = candidate.lastSurveyedOn, last >= cutoff {
      recentlySurveyed += 1
    } else if plan.excludeOpenComplaints, candidate.hasOpenComplaint {
      openComplaint += 1
    } else {
      eligible.append(candidate.id)
    }
  }
}

extension CivilDate {
  /// The same day `months` calendar months earlier, clamped to the month's end (31 March minus one
  /// month is 28 or 29 February).
  func subtracting(months: Int) -> CivilDate {
    let earliest = CivilDate(dayNumber: CivilDate(year: 1, month: 1, day: 1)!.dayNumber)
    let index = year * 12 + (month - 1) - months
    guard index >= 12 else { return earliest }
    let newYear = index / 12
    let newMonth = index % 12 + 1
    let newDay = min(day, CivilDate.daysIn(month: newMonth, year: newYear))
    return CivilDate(year: newYear, month: newMonth, day: newDay) ?? earliest
  }
}
