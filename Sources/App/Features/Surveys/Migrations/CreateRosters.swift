import Fluent

struct CreateRosters: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(RosterVersion.schema)
      .id()
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("version", .int, .required)
      .field("is_current", .bool, .required)
      .field("file_name", .string, .required)
      .field("total_rows", .int, .required)
      .field("valid_rows", .int, .required)
      .field("complete_rows", .int, .required)
      .field("rejected", .string, .required)
      .field("imported_by", .string, .required)
      .field("created_at", .datetime)
      .unique(on: "unit_id", "version")
      .create()
    try await database.schema(RosterCustomer.schema)
      .field(.id, .int64, .identifier(auto: true))
      .field("roster_version_id", .uuid, .required, .references(RosterVersion.schema, "id"))
      .field("county_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("account", .string, .required)
      .field("name", .string, .required)
      .field("phone", .string, .required)
      .field("address", .string)
      .field("segment", .string, .required)
      .field("voltage_class", .string)
      .field("area_class", .string)
      .field("is_complete", .bool, .required)
      .unique(on: "roster_version_id", "account")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(RosterCustomer.schema).delete()
    try await database.schema(RosterVersion.schema).delete()
  }
}
