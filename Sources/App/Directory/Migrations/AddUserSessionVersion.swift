import Fluent
import SQLKit

/// A number each session records at sign-in; changing a password raises it, which ends the
/// user's other sessions.
struct AddUserSessionVersion: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(User.schema).field("session_version", .int, .required, .sql(.default(0))).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(User.schema).deleteField("session_version").update()
  }
}
