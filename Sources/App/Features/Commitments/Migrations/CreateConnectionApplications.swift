import Fluent

/// COM-APPLICATION, COM-PAUSE: connection applications, their stages and the customer's waits.
struct CreateConnectionApplications: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(ConnectionApplication.schema)
      .id()
      .field("version", .int, .required)
      .field("created_at", .datetime, .required)
      .field("number", .string, .required)
      .field("external_id", .string)
      .field("kind", .string, .required)
      .field("customer_account", .string, .required)
      .field("customer_name", .string, .required)
      .field("customer_phone", .string)
      .field("connection_class", .string, .required)
      .field("voltage", .string, .required)
      .field("capacity_kw", .double, .required)
      .field("acceptance_level", .string, .required)
      .field("rule_version", .int, .required)
      .field("created_by", .string, .required)
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .unique(on: "number")
      .unique(on: "external_id")
      .create()
    try await database.schema(ConnectionStageRecord.schema)
      .id()
      .field("recorded_at", .datetime, .required)
      .field("application_id", .uuid, .required, .references(ConnectionApplication.schema, "id"))
      .field("stage", .string, .required)
      .field("started_at", .datetime)
      .field("finished_at", .datetime)
      .field("recorded_by", .string, .required)
      .unique(on: "application_id", "stage")
      .create()
    try await database.schema(ConnectionWait.schema)
      .id()
      .field("application_id", .uuid, .required, .references(ConnectionApplication.schema, "id"))
      .field("started_at", .datetime, .required)
      .field("ended_at", .datetime)
      .field("reason", .string, .required)
      .field("recorded_by", .string, .required)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(ConnectionWait.schema).delete()
    try await database.schema(ConnectionStageRecord.schema).delete()
    try await database.schema(ConnectionApplication.schema).delete()
  }
}
