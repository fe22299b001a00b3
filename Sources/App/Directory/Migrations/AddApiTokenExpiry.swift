import Fluent
import Foundation

/// API tokens expire. Tokens issued before this migration get the default lifetime from now.
struct AddApiTokenExpiry: AsyncMigration {
  let now: @Sendable () -> Date

  func prepare(on database: any Database) async throws {
    try await database.schema(ApiToken.schema).field("expires_at", .datetime).update()
    try await ApiToken.query(on: database).filter(\.$expiresAt == nil)
      .set(\.$expiresAt, to: now().addingTimeInterval(TimeInterval(AppConfig.defaultTokenDays) * 86_400)).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(ApiToken.schema).deleteField("expires_at").update()
  }
}
