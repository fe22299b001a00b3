import Domain
import Fluent
import Foundation

// What WorkOrders offers other features, and all of it they may name (FeatureBoundaryTests):
// `WorkOrderSummaries` and the plain values it returns. No order model leaves this feature.

/// Facts about work orders as plain values, for features that show or use them.
enum WorkOrderSummaries {
  /// Customer accounts with a complaint still open, for features that must leave those
  /// customers alone (the survey sample excludes them, rule SV-SAMPLE-EXCLUSIONS).
  static func accountsWithOpenComplaints(on db: any Database) async throws -> Set<String> {
    let orders = try await WorkOrder.query(on: db)
      .filter(\.$type == OrderType.complaint)
      .filter(\.$state != WorkOrderState.closed).filter(\.$state != WorkOrderState.merged)
      .field(\.$customerAccount).all()
    return Set(orders.map(\.customerAccount))
  }

  struct ReturnVisit: Sendable {
    let unitID: UUID
    let satisfied: Bool
  }

  /// Return visits recorded in a calendar year (Beijing time): the customer's verdict on how
  /// the order was handled, which the satisfaction results show as their own channel.
  static func returnVisits(year: Int, on db: any Database) async throws -> [ReturnVisit] {
    guard let start = BusinessTime.parseInstant("\(year)-01-01T00:00:00+08:00"),
      let end = BusinessTime.parseInstant("\(year + 1)-01-01T00:00:00+08:00")
    else { return [] }
    return try await WorkOrder.query(on: db)
      .filter(\.$returnVisitedAt >= start).filter(\.$returnVisitedAt < end).filter(\.$returnVisitSatisfied != nil)
      .field(\.$unit.$id).field(\.$returnVisitSatisfied).all()
      .map { ReturnVisit(unitID: $0.$unit.id, satisfied: $0.returnVisitSatisfied ?? false) }
  }

  /// One count of a person's open work, with the queue that lists what it counts.
  struct Count: Sendable {
    let labelKey: String
    let count: Int
    let href: String
    /// Something to act on (overdue, due soon, chased): shown as a warning when not zero.
    let urgent: Bool
  }

  /// Orders waiting on this person, those due soon and overdue, overdue orders in the unit
  /// subtree, and the 催办 raised on its open orders.
  static func openWork(for actor: Actor, on db: any Database, now: Date) async throws -> [Count] {
    func count(_ view: QueueView, overdue: Bool = false) async throws -> Int {
      var filter = WorkOrderQueries.Filter()
      filter.view = view
      filter.overdue = overdue
      return try await WorkOrderQueries.count(filter, for: actor, on: db, now: now)
    }
    let mine = try await count(.mine)
    let due = try await count(.due)
    let overdue = try await count(.overdue)
    let watchedOverdue = try await count(.watching, overdue: true)
    let chases = try await SLAAlert.openChases(visibleTo: actor, on: db)
    let base = Paths.workOrders.link()
    return [
      .init(labelKey: "home.orders_waiting", count: mine, href: base + "?view=mine", urgent: false),
      .init(labelKey: "home.orders_due", count: due, href: base + "?view=due", urgent: true),
      .init(labelKey: "home.orders_mine_overdue", count: overdue, href: base + "?view=overdue", urgent: true),
      .init(labelKey: "home.orders_overdue", count: watchedOverdue, href: base + "?view=watching&overdue=true", urgent: true),
      .init(labelKey: "home.chases", count: chases, href: base + "?view=watching&overdue=true", urgent: true),
    ]
  }
}
