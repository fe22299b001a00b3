import Fluent

struct CreateSavedQueueFilters: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(SavedQueueFilter.schema)
      .id()
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("name", .string, .required)
      .field("query", .string, .required)
      .field("created_at", .datetime, .required)
      .unique(on: "user_id", "name")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(SavedQueueFilter.schema).delete()
  }
}
