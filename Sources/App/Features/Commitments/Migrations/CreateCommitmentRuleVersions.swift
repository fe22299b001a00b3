import Domain
import Fluent
import Foundation

/// COM-EDITIONS: the versions of the commitment rules, shipped with both editions: the 2011
/// edition as version 1 (from 2000-01-01), the current edition as version 2 from 2023-01-01.
struct CreateCommitmentRuleVersions: AsyncMigration {
  let now: @Sendable () -> Date
  static let currentEditionFrom = CivilDate(year: 2023, month: 1, day: 1)

  func prepare(on database: any Database) async throws {
    try await RuleVersions<CommitmentRules>.createTable(on: database)
    try await RuleVersions<CommitmentRules>.seed(.edition2011, on: database, now: now())
    try await RuleVersions<CommitmentRules>.seed(.current, number: 2, from: Self.currentEditionFrom, on: database, now: now())
  }

  func revert(on database: any Database) async throws { try await RuleVersions<CommitmentRules>.dropTable(on: database) }
}
