import Domain
import Fluent
import Foundation
import SQLKit

/// Who an order waits on and its nearest deadlines, as columns: the 待我处理, due-soon and
/// overdue queues become one indexed query each instead of a check of every order in scope.
/// Open orders stored before are filled in from their snapshot and clocks.
struct AddWorkOrderQueueColumns: AsyncMigration {
  let now: @Sendable () -> Date

  func prepare(on database: any Database) async throws {
    // One column per statement: SQLite adds one at a time.
    for (name, type) in Self.columns { try await database.schema(WorkOrder.schema).field(name, type).update() }
    let sql = database.sql
    try await sql.create(index: "work_orders_waiting_role_unit").on(WorkOrder.schema).column("waiting_role").column("unit_id").run()
    try await sql.create(index: "work_orders_approval_role").on(WorkOrder.schema).column("approval_role").run()
    let workflow = Workflow(calendar: try await WorkingCalendar.load(on: database))
    let now = now()
    var after: UUID?
    while true {
      let query = WorkOrder.query(on: database)
        .filter(\.$state != WorkOrderState.closed).filter(\.$state != WorkOrderState.merged)
      if let after { query.filter(\.$id > after) }
      let batch = try await query.sort(\.$id).limit(500).all()
      guard let last = batch.last else { break }
      for order in batch {
        try order.store(snapshot: try order.snapshot, ledger: try order.ledger, workflow: workflow, now: now)
        try await order.save(on: database)
      }
      after = last.id
    }
  }

  func revert(on database: any Database) async throws {
    let sql = database.sql
    try await sql.drop(index: "work_orders_approval_role").run()
    try await sql.drop(index: "work_orders_waiting_role_unit").run()
    for (name, _) in Self.columns.reversed() { try await database.schema(WorkOrder.schema).deleteField(name).update() }
  }

  static let columns: [(FieldKey, DatabaseSchema.DataType)] = [
    ("waiting_role", .string), ("waiting_person", .uuid), ("approval_role", .string), ("deadline_at", .datetime),
    ("warning_at", .datetime),
  ]
}
