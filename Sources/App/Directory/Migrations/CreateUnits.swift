import Fluent

struct CreateUnits: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(OrgUnit.schema)
      .id()
      .field("code", .string, .required)
      .field("name", .string, .required)
      .field("kind", .string, .required)
      .field("path", .string, .required)
      .field("customer_count", .int, .required, .sql(.default(0)))
      .field("duty_phone", .string)
      .field("parent_id", .uuid, .references(OrgUnit.schema, "id"))
      .field("created_at", .datetime)
      .field("updated_at", .datetime)
      .unique(on: "code")
      .unique(on: "path")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(OrgUnit.schema).delete()
  }
}
