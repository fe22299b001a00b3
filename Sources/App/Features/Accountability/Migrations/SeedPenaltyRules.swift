import Domain
import Fluent
import Foundation

/// Version 1 of the penalty rules, the company's documented numbers (`PenaltyRuleSet.default`),
/// in force from 2000-01-01 so every verified complaint has a version (ACC-RULE-VERSIONS).
struct SeedPenaltyRules: AsyncMigration {
  let now: @Sendable () -> Date

  func prepare(on database: any Database) async throws {
    try await RuleVersions<PenaltyRuleSet>.seed(.default, on: database, now: now())
  }

  func revert(on database: any Database) async throws { try await RuleVersions<PenaltyRuleSet>.unseed(on: database) }
}
