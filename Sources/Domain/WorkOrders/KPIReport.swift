import Foundation

/// All work-order KPIs of one unit (or the whole company) for one period (KPI-SCOPE).
public struct WorkOrderKPIReport: Hashable, Sendable {
  public var unitID: UUID?
  public var period: DateInterval
  public var volumeByType: [OrderType: Int]
  public var complaintsByCategory: [String: Int]
  public var complaintsPer10k: Double?
  public var dispatchTimeliness: KPIRate
  public var firstDayContact: KPIRate
  public var timelyReply: KPIRate
  public var returnVisit: KPIRate
  public var returnVisitSatisfaction: KPIRate
  public var firstTimeResolution: KPIRate
  public var timelyClosure: KPIRate
  public var repairArrival: KPIRate
  public var repairRestoration: KPIRate
  public var overdueCount: Int
  public var meanHandlingSeconds: Double?
}

extension WorkOrderKPIs {
  /// Computes the report from every known order. `customers` is the unit's customer count for
  /// the per-10,000 rate; `asOf` judges open stages (usually the period end, or now if earlier).
  public static func report(
    _ allFacts: [OrderFacts], unitID: UUID?, period: DateInterval, customers: Int, asOf now: Date,
    settings: KPISettings = .default
  ) -> WorkOrderKPIReport {
    let facts = select(allFacts, unitID: unitID, period: period)
    return WorkOrderKPIReport(
      unitID: unitID, period: period, volumeByType: volumeByType(facts),
      complaintsByCategory: complaintsByCategory(facts),
      complaintsPer10k: complaintsPer10k(facts, customers: customers, settings: settings),
      dispatchTimeliness: dispatchTimeliness(facts, asOf: now),
      firstDayContact: firstDayContactRate(facts, asOf: now), timelyReply: timelyReplyRate(facts, asOf: now),
      returnVisit: returnVisitRate(facts), returnVisitSatisfaction: returnVisitSatisfaction(facts),
      firstTimeResolution: firstTimeResolutionRate(facts, allFacts: allFacts, settings: settings),
      timelyClosure: timelyClosureRate(facts, asOf: now),
      repairArrival: timeliness(counted(facts), stage: .repairArrival, asOf: now).rate,
      repairRestoration: timeliness(counted(facts), stage: .repairRestoration, asOf: now).rate,
      overdueCount: overdueCount(facts, asOf: now),
      meanHandlingSeconds: meanHandlingSeconds(facts))
  }
}
