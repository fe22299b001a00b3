import Fluent

/// Failed logins per client address, shared by every server instance on the database.
struct CreateLoginSources: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(LoginCounters.sourcesTable)
      .field("source", .string, .identifier(auto: false))
      .field("window_start", .datetime, .required)
      .field("failures", .int, .required)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(LoginCounters.sourcesTable).delete()
  }
}
