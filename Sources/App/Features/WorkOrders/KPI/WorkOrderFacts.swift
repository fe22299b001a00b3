import Domain
import Fluent
import Vapor

/// Builds the Domain's KPI facts from stored orders: the calculators never see the database.
enum WorkOrderFacts {
  static func facts(_ order: WorkOrder, calendar: WorkingCalendar, now: Date, rules: WorkflowRules = .default) throws -> OrderFacts {
    let ledger = try order.ledger
    let snapshot = try order.snapshot
    var stages: [Domain.StageClock: StageFact] = [:]
    // The first run of each stage is what the customer experienced first; later runs (after a
    // re-dispatch) count through the re-dispatch instead.
    for record in (ledger.finished + Array(ledger.running.values)).sorted(by: { $0.startedAt < $1.startedAt })
    where stages[record.stage] == nil {
      let reading = try record.reading(at: now, calendar: calendar)
      stages[record.stage] = StageFact(due: reading.due, completedAt: record.stoppedAt)
    }
    return OrderFacts(
      orderID: try order.requireID(), unitID: order.$unit.id, type: order.type,
      customerAccount: order.customerAccount, matterCode: order.itemCode ?? order.serviceKind?.rawValue, categoryCode: order.categoryCode,
      verified: order.verified ?? false, supplyResponsibility: order.supplyResponsibility ?? false, acceptedAt: order.acceptedAt,
      closedAt: order.closedAt, isMergedDuplicate: order.state == .merged, redispatchCount: max(snapshot.dispatchCount - 1, 0),
      stages: stages, closureDue: stages.values.map(\.due).max(), returnVisitRequired: rules.returnVisit.contains(order.type),
      returnVisitedAt: order.returnVisitedAt, returnVisitSatisfied: order.returnVisitSatisfied)
  }

  /// Orders accepted in each period and, of those, the complaints counted in statistics
  /// (verified as the supply side's): counted in the database, so a trend over months of a
  /// busy unit never loads its orders.
  static func monthlyCounts(
    units: [UUID], months: [(start: Date, end: Date)], on db: any Database
  ) async throws -> [(orders: Int, complaints: Int)] {
    var out: [(orders: Int, complaints: Int)] = []
    for month in months {
      func accepted() -> QueryBuilder<WorkOrder> {
        WorkOrder.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$acceptedAt >= month.start).filter(\.$acceptedAt < month.end)
      }
      let orders = try await accepted().count()
      let complaints = try await accepted().filter(\.$type == OrderType.complaint)
        .filter(\.$verified == true).filter(\.$supplyResponsibility == true).count()
      out.append((orders, complaints))
    }
    return out
  }
}
