import Domain
import Fluent
import Vapor

/// Deadlines stored with an order (its deadline, warning and sweep columns, the snapshot's
/// deadlines in force) follow the working calendar: a year imported, a holiday added. Readings
/// of the clocks are always computed afresh; this brings the stored copies along.
enum WorkOrderDeadlines {
  static let batchSize = 500

  /// Open orders with a stored deadline on or after `from` (Beijing date) are recomputed.
  @discardableResult
  static func refresh(from day: CivilDate, on db: any Database, now: Date) async throws -> Int {
    let workflow = try await WorkOrderFlow.workflow(on: db)
    let since = BusinessTime.startOfDay(day)
    var after: UUID?
    var done = 0
    while true {
      let query = WorkOrder.query(on: db)
        .filter(\.$state != WorkOrderState.closed).filter(\.$state != WorkOrderState.merged)
        .group(.or) { $0.filter(\.$deadlineAt >= since).filter(\.$nextDueAt >= since).filter(\.$warningAt >= since) }
      if let after { query.filter(\.$id > after) }
      let batch = try await query.sort(\.$id).limit(batchSize).all()
      guard let last = batch.last else { break }
      for order in batch {
        let ledger = try order.ledger
        let sent = try await SLAAlert.sent(for: order.requireID(), ledger: ledger, on: db)
        try order.store(
          snapshot: try WorkOrderFlow.inForce(try order.snapshot, ledger, workflow: workflow, now: now), ledger: ledger,
          workflow: workflow, now: now, sent: sent)
        try await order.save(on: db)
        done += 1
      }
      after = last.id
    }
    return done
  }
}
