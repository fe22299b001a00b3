import Fluent

struct CreateDepartments: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(Department.schema)
      .id()
      .field("code", .string, .required)
      .field("name_zh", .string, .required)
      .field("name_en", .string, .required)
      .field("modules", .string, .required)
      .field("created_at", .datetime)
      .field("updated_at", .datetime)
      .unique(on: "code")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(Department.schema).delete()
  }
}
