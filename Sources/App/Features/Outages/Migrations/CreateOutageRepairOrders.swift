import Fluent

/// The repair orders grouped under an outage (OUT-GROUPED-CALLS).
struct CreateOutageRepairOrders: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(OutageRepairOrder.schema)
      .id()
      .field("outage_id", .uuid, .required, .references(Outage.schema, "id"))
      .field("work_order_id", .uuid, .required)
      .field("number", .string, .required)
      .field("attached_at", .datetime, .required)
      .unique(on: "work_order_id")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(OutageRepairOrder.schema).delete()
  }
}
