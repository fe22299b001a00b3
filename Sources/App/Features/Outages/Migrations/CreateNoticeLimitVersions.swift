import Domain
import Fluent
import Foundation

/// OUT-NOTICE-LIMITS: the versions of the notice limits, version 1 the documented 7 days,
/// 24 hours and 7 days from 2000-01-01.
struct CreateNoticeLimitVersions: AsyncMigration {
  let now: @Sendable () -> Date

  func prepare(on database: any Database) async throws {
    try await RuleVersions<NoticeLimits>.createTable(on: database)
    try await RuleVersions<NoticeLimits>.seed(.default, on: database, now: now())
  }

  func revert(on database: any Database) async throws { try await RuleVersions<NoticeLimits>.dropTable(on: database) }
}
