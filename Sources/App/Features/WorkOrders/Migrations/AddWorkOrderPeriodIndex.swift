import Fluent
import SQLKit

/// Orders of a unit accepted within a period (the KPI dashboard's month and trend counts) and a
/// unit's newest orders (the queues) are read through (unit_id, accepted_at) instead of every
/// order the unit ever had; an administrator's queue over all units through accepted_at.
struct AddWorkOrderPeriodIndex: AsyncMigration {
  func prepare(on database: any Database) async throws {
    let sql = database.sql
    try await sql.create(index: "work_orders_unit_accepted_at").on(WorkOrder.schema).column("unit_id").column("accepted_at").run()
    try await sql.create(index: "work_orders_accepted_at").on(WorkOrder.schema).column("accepted_at").run()
  }

  func revert(on database: any Database) async throws {
    let sql = database.sql
    try await sql.drop(index: "work_orders_accepted_at").run()
    try await sql.drop(index: "work_orders_unit_accepted_at").run()
  }
}
