import Domain
import Fluent
import Foundation

/// REL-SETTINGS: the versions of the reliability settings, version 1 the documented defaults
/// (5 and 3 minutes, 2.5β over five years, targets 99.9 % and 99.8 %) from 2000-01-01.
struct CreateReliabilitySettingVersions: AsyncMigration {
  let now: @Sendable () -> Date

  func prepare(on database: any Database) async throws {
    try await RuleVersions<ReliabilitySettings>.createTable(on: database)
    try await RuleVersions<ReliabilitySettings>.seed(.default, on: database, now: now())
  }

  func revert(on database: any Database) async throws { try await RuleVersions<ReliabilitySettings>.dropTable(on: database) }
}
