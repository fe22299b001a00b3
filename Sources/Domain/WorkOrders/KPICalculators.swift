import Foundation

/// The figures of the KPI dashboard, each with the orders it counts.
public enum KPIMeasure: String, Codable, Sendable, CaseIterable {
  /// 受理量: every order accepted in the period.
  case volume
  /// Orders per type as statistics count them (complaints only once verified as the supply side's).
  case countedVolume
  /// Complaints counted in statistics (the 万户投诉率 numerator; the complaint bulletin's rows).
  case countedComplaints
  case dispatchTimeliness
  case firstDayContact
  case timelyReply
  case returnVisit
  case returnVisitSatisfaction
  case firstTimeResolution
  case timelyClosure
  /// 抢修到达及时率: fault repairs whose crew arrived within the arrival limit (KPI-REPAIR-TIMELINESS).
  case repairArrival
  /// 抢修修复及时率: fault repairs restored within the restoration limit (KPI-REPAIR-TIMELINESS).
  case repairRestoration
  /// Orders with a stage late.
  case overdue
  /// Closed orders (the base of the mean handling time).
  case handled

  /// Rates have a denominator; the others are counts.
  public var isRate: Bool {
    switch self {
    case .dispatchTimeliness, .firstDayContact, .timelyReply, .returnVisit, .returnVisitSatisfaction,
      .firstTimeResolution, .timelyClosure, .repairArrival, .repairRestoration:
      true
    default: false
    }
  }
}

/// The orders behind a figure: what it counts (a rate's numerator) and, for a rate, its
/// denominator. A figure's number is always the size of these lists, so a drill-down listing
/// them shows exactly what was counted.
public struct KPIMembers: Hashable, Sendable {
  public var counted: [UUID]
  public var base: [UUID]?

  public init(counted: [UUID], base: [UUID]? = nil) {
    self.counted = counted
    self.base = base
  }

  public var rate: KPIRate { KPIRate(numerator: counted.count, denominator: base?.count ?? counted.count) }
}

/// KPI calculators over `OrderFacts` (rules KPI-…, docs/rules/kpis.md). Pure functions; the
/// caller selects the unit and period (see `select`). Merged duplicates are never counted.
public enum WorkOrderKPIs {
  /// Orders of one unit (or all when nil) accepted within the period.
  public static func select(_ facts: [OrderFacts], unitID: UUID?, period: DateInterval) -> [OrderFacts] {
    facts.filter { f in
      (unitID == nil || f.unitID == unitID) && f.acceptedAt >= period.start && f.acceptedAt < period.end
    }
  }

  static func counted(_ facts: [OrderFacts]) -> [OrderFacts] { facts.filter { !$0.isMergedDuplicate } }

  /// The orders behind one figure. `facts` are the period's orders (see `select`); `allFacts`
  /// reach past the period for repeat contacts; `asOf` judges open stages.
  public static func members(
    _ measure: KPIMeasure, _ facts: [OrderFacts], allFacts: [OrderFacts], asOf now: Date,
    settings: KPISettings = .default
  ) -> KPIMembers {
    let counted = counted(facts)
    func ids(_ list: [OrderFacts]) -> [UUID] { list.map(\.orderID) }
    switch measure {
    case .volume: return KPIMembers(counted: ids(counted))
    case .countedVolume: return KPIMembers(counted: ids(counted.filter { $0.type != .complaint || $0.countsAsComplaint }))
    case .countedComplaints: return KPIMembers(counted: ids(counted.filter(\.countsAsComplaint)))
    case .dispatchTimeliness: return timeliness(counted, stage: .dispatch, asOf: now)
    case .firstDayContact: return timeliness(counted, stage: .firstContact, asOf: now)
    case .timelyReply: return timeliness(counted, stage: .reply, asOf: now)
    case .repairArrival: return timeliness(counted, stage: .repairArrival, asOf: now)
    case .repairRestoration: return timeliness(counted, stage: .repairRestoration, asOf: now)
    case .returnVisit:
      let due = counted.filter { $0.returnVisitRequired && ($0.stages[.returnVisit] != nil || $0.closedAt != nil) }
      return KPIMembers(counted: ids(due.filter { $0.returnVisitedAt != nil }), base: ids(due))
    case .returnVisitSatisfaction:
      let visited = counted.filter { $0.returnVisitSatisfied != nil }
      return KPIMembers(counted: ids(visited.filter { $0.returnVisitSatisfied == true }), base: ids(visited))
    case .firstTimeResolution: return firstTimeResolution(counted, allFacts: allFacts, settings: settings)
    case .timelyClosure:
      var judged: [OrderFacts] = []
      var timely: [OrderFacts] = []
      for f in counted {
        guard let due = f.closureDue, let onTime = StageFact(due: due, completedAt: f.closedAt).isTimely(asOf: now)
        else { continue }
        judged.append(f)
        if onTime { timely.append(f) }
      }
      return KPIMembers(counted: ids(timely), base: ids(judged))
    case .overdue:
      return KPIMembers(counted: ids(counted.filter { f in f.stages.values.contains { $0.isTimely(asOf: now) == false } }))
    case .handled: return KPIMembers(counted: ids(counted.filter { $0.closedAt != nil }))
    }
  }

  /// Share of judged stages done by their deadline. A stage still open and not yet due is left
  /// out; one open past its deadline counts as late.
  static func timeliness(_ counted: [OrderFacts], stage: StageClock, asOf now: Date) -> KPIMembers {
    var judged: [UUID] = []
    var timely: [UUID] = []
    for f in counted {
      guard let onTime = f.stages[stage]?.isTimely(asOf: now) else { continue }
      judged.append(f.orderID)
      if onTime { timely.append(f.orderID) }
    }
    return KPIMembers(counted: timely, base: judged)
  }

  /// 一次解决: closed orders with no re-dispatch and no contact from the same customer on the
  /// same matter within the window after closure.
  static func firstTimeResolution(
    _ counted: [OrderFacts], allFacts: [OrderFacts], settings: KPISettings
  ) -> KPIMembers {
    let window = TimeInterval(settings.repeatContactWindowDays * 86_400)
    // Grouped once by customer and matter: a month of a county holds thousands of orders, and
    // searching all of them for each one grew with the square of the volume.
    var sameMatter: [RepeatKey: [OrderFacts]] = [:]
    for other in allFacts {
      guard let key = RepeatKey(other) else { continue }
      sameMatter[key, default: []].append(other)
    }
    var closedOrders: [UUID] = []
    var resolved: [UUID] = []
    for f in counted {
      guard let closed = f.closedAt else { continue }
      closedOrders.append(f.orderID)
      guard f.redispatchCount == 0 else { continue }
      let repeated = RepeatKey(f).map { key in
        (sameMatter[key] ?? []).contains { other in
          other.orderID != f.orderID && other.acceptedAt > f.acceptedAt && other.acceptedAt <= closed.addingTimeInterval(window)
        }
      }
      if repeated != true { resolved.append(f.orderID) }
    }
    return KPIMembers(counted: resolved, base: closedOrders)
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

  public static func dispatchTimeliness(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    timeliness(counted(facts), stage: .dispatch, asOf: now).rate
  }

  /// 首日联系率.
  public static func firstDayContactRate(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    timeliness(counted(facts), stage: .firstContact, asOf: now).rate
  }

  /// 及时回复率.
  public static func timelyReplyRate(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    timeliness(counted(facts), stage: .reply, asOf: now).rate
  }

  /// 回访率: orders that required a return visit and reached it (handling done) or are closed.
  public static func returnVisitRate(_ facts: [OrderFacts]) -> KPIRate {
    members(.returnVisit, facts, allFacts: facts, asOf: .distantFuture).rate
  }

  /// 回访满意率: satisfied among visits with a recorded result.
  public static func returnVisitSatisfaction(_ facts: [OrderFacts]) -> KPIRate {
    members(.returnVisitSatisfaction, facts, allFacts: facts, asOf: .distantFuture).rate
  }

  /// 一次解决率. `allFacts` is searched for repeats (it should reach at least the window past
  /// the period).
  public static func firstTimeResolutionRate(
    _ facts: [OrderFacts], allFacts: [OrderFacts], settings: KPISettings = .default
  ) -> KPIRate {
    firstTimeResolution(counted(facts), allFacts: allFacts, settings: settings).rate
  }

  /// 及时办结率: closed by the order's closure deadline; orders open past it count as late.
  public static func timelyClosureRate(_ facts: [OrderFacts], asOf now: Date) -> KPIRate {
    members(.timelyClosure, facts, allFacts: facts, asOf: now).rate
  }

  /// Orders with at least one stage late (done late, or open past its deadline) as of `now`.
  public static func overdueCount(_ facts: [OrderFacts], asOf now: Date) -> Int {
    members(.overdue, facts, allFacts: facts, asOf: now).counted.count
  }

  /// Mean seconds from acceptance to closure over closed orders; nil when none closed.
  public static func meanHandlingSeconds(_ facts: [OrderFacts]) -> Double? {
    let spans = counted(facts).compactMap { f in f.closedAt.map { $0.timeIntervalSince(f.acceptedAt) } }
    return spans.isEmpty ? nil : spans.reduce(0, +) / Double(spans.count)
  }
}
