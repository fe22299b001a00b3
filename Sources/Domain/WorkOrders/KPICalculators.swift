import Foundation

/// KPI calculators over `OrderFacts` (DOMAIN.md §2 KPIs, issue item 7). Pure functions; the
/// caller selects the unit and period (see `select`). Merged duplicates are never counted.
public enum WorkOrderKPIs {
  /// Orders of one unit (or all when nil) accepted within the period.
  public static func select(_ facts: [OrderFacts], unitID: String?, period: DateInterval) -> [OrderFacts] {
    facts.filter { f in
      (unitID == nil || f.unitID == unitID) && f.acceptedAt >= period.start && f.acceptedAt < period.end
    }
  }

  static func counted(_ facts: [OrderFacts]) -> [OrderFacts] { facts.filter { !$0.isMergedDuplicate } }

  /// Orders per type; complaints count only when verified as the supply side's responsibility.
  public static func volumeByType(_ facts: [OrderFacts]) -> [OrderType: Int] {
    var out: [OrderType: Int] = [:]
    for f in counted(facts) where f.type != .complaint || f.countsAsComplaint { out[f.type, default: 0] += 1 }
    return out
  }

  /// Counted complaints per taxonomy category code.
  public static func complaintsByCategory(_ facts: [OrderFacts]) -> [String: Int] {
    var out: [String: Int] = [:]
    for f in counted(facts) where f.countsAsComplaint { out[f.categoryCode ?? "unclassified", default: 0] += 1 }
    return out
  }

  /// Counted complaints per 10,000 customers; nil without customers.
  public static func complaintsPer10k(
    _ facts: [OrderFacts], customers: Int, settings: KPISettings = .default
  ) -> Double? {
    guard customers > 0 else { return nil }
    let n = counted(facts).filter(\.countsAsComplaint).count
    return Double(n) * Double(settings.customersPerBase) / Double(customers)
  }

  /// Share of judged stages done by their deadline. A stage still open and not yet due is left
  /// out; one open past its deadline counts as late.
  public static func timeliness(_ facts: [OrderFacts], stage: StageClock, asOf now: Date) -> KPIRate {
    var rate = KPIRate(numerator: 0, denominator: 0)
    for f in counted(facts) {
      guard let judged = f.stages[stage]?.isTimely(asOf: now) else { continue }
      rate.denominator += 1
      if judged { rate.numerator += 1 }
    }
    return rate
  }

  public static func dispatchTimeliness(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    timeliness(facts, stage: .dispatch, asOf: now)
  }

  /// 首日联系率.
  public static func firstDayContactRate(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    timeliness(facts, stage: .firstContact, asOf: now)
  }

  /// 及时回复率.
  public static func timelyReplyRate(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    timeliness(facts, stage: .reply, asOf: now)
  }

  /// 回访率: orders that required a return visit and reached it (handling done) or are closed.
  public static func returnVisitRate(_ facts: [OrderFacts]) -> KPIRate {
    let due = counted(facts).filter { $0.returnVisitRequired && ($0.stages[.returnVisit] != nil || $0.closedAt != nil) }
    return KPIRate(numerator: due.filter { $0.returnVisitedAt != nil }.count, denominator: due.count)
  }

  /// 回访满意率: satisfied among visits with a recorded result.
  public static func returnVisitSatisfaction(_ facts: [OrderFacts]) -> KPIRate {
    let visited = counted(facts).compactMap(\.returnVisitSatisfied)
    return KPIRate(numerator: visited.filter { $0 }.count, denominator: visited.count)
  }

  /// 一次解决率: closed orders with no re-dispatch and no contact from the same customer on the
  /// same matter within the window after closure. `allFacts` is searched for repeats (it should
  /// reach at least the window past the period).
  public static func firstTimeResolutionRate(
    _ facts: [OrderFacts], allFacts: [OrderFacts], settings: KPISettings = .default
  ) -> KPIRate {
    let window = TimeInterval(settings.repeatContactWindowDays * 86_400)
    // Grouped once by customer and matter: a month of a county holds thousands of orders, and
    // searching all of them for each one grew with the square of the volume.
    var sameMatter: [RepeatKey: [OrderFacts]] = [:]
    for other in allFacts {
      guard let key = RepeatKey(other) else { continue }
      sameMatter[key, default: []].append(other)
    }
    var rate = KPIRate(numerator: 0, denominator: 0)
    for f in counted(facts) {
      guard let closed = f.closedAt else { continue }
      rate.denominator += 1
      guard f.redispatchCount == 0 else { continue }
      let repeated = RepeatKey(f).map { key in
        (sameMatter[key] ?? []).contains { other in
          other.orderID != f.orderID && other.acceptedAt > f.acceptedAt && other.acceptedAt <= closed.addingTimeInterval(window)
        }
      }
      if repeated != true { rate.numerator += 1 }
    }
    return rate
  }

  /// The same customer on the same matter: what makes a later order a repeat contact.
  struct RepeatKey: Hashable {
    let account: String
    let matter: String

    init?(_ f: OrderFacts) {
      guard let account = f.customerAccount, let matter = f.matterCode else { return nil }
      self.account = account
      self.matter = matter
    }
  }

  /// 及时办结率: closed by the order's closure deadline; orders open past it count as late.
  public static func timelyClosureRate(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    var rate = KPIRate(numerator: 0, denominator: 0)
    for f in counted(facts) {
      guard let due = f.closureDue,
        let judged = StageFact(due: due, completedAt: f.closedAt).isTimely(asOf: now)
      else { continue }
      rate.denominator += 1
      if judged { rate.numerator += 1 }
    }
    return rate
  }

  /// Orders with at least one stage late (done late, or open past its deadline) as of `now`.
  public static func overdueCount(_ facts: [OrderFacts], asOf now: Date) -> Int {
    counted(facts).filter { f in f.stages.values.contains { $0.isTimely(asOf: now) == false } }.count
  }

  /// Mean seconds from acceptance to closure over closed orders; nil when none closed.
  public static func meanHandlingSeconds(_ facts: [OrderFacts]) -> Double? {
    let spans = counted(facts).compactMap { f in f.closedAt.map { $0.timeIntervalSince(f.acceptedAt) } }
    return spans.isEmpty ? nil : spans.reduce(0, +) / Double(spans.count)
  }
}
