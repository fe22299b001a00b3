import Fluent
import SQLKit

/// The imported interruption history (rule REL-IMPORT), read by unit and start time.
struct CreateInterruptionRecords: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(InterruptionRecord.schema)
      .id()
      .field("created_at", .datetime)
      .field("external_id", .string, .required)
      .field("type", .string, .required)
      .field("cause", .string, .required)
      .field("start_at", .datetime, .required)
      .field("end_at", .datetime, .required)
      .field("customers", .int, .required)
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .unique(on: "external_id")
      .create()
    try await database.sql.raw("CREATE INDEX interruption_records_unit_start ON interruption_records (unit_id, start_at)").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(InterruptionRecord.schema).delete()
  }
}
