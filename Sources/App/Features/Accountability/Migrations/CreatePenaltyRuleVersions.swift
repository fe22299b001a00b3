import Domain
import Fluent

/// ACC-RULE-VERSIONS: numbered versions, each starting on a day of its own.
struct CreatePenaltyRuleVersions: AsyncMigration {
  func prepare(on database: any Database) async throws { try await RuleVersions<PenaltyRuleSet>.createTable(on: database) }

  func revert(on database: any Database) async throws { try await RuleVersions<PenaltyRuleSet>.dropTable(on: database) }
}
