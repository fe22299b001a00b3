import Fluent

struct CreateSLAAlerts: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(SLAAlert.schema)
      .id()
      .field("order_id", .uuid, .required, .references(WorkOrder.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("stage", .string, .required)
      .field("level", .string, .required)
      .field("clock_started_at", .datetime, .required)
      .field("due_at", .datetime, .required)
      .field("is_chase", .bool, .required)
      .field("acknowledged_at", .datetime)
      .field("created_at", .datetime, .required)
      .unique(on: "order_id", "stage", "clock_started_at", "level")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(SLAAlert.schema).delete()
  }
}
