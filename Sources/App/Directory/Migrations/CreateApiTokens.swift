import Fluent

struct CreateApiTokens: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(ApiToken.schema)
      .id()
      .field("name", .string, .required)
      .field("token_hash", .string, .required)
      .field("revoked_at", .datetime)
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("created_at", .datetime)
      .unique(on: "token_hash")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(ApiToken.schema).delete()
  }
}
