import Domain
import Fluent
import Foundation

/// Version 1 of the penalty rules, the company's documented numbers (`PenaltyRuleSet.default`),
/// in force from 2000-01-01 so every verified complaint has a version (ACC-RULE-VERSIONS).
struct SeedPenaltyRules: AsyncMigration {
  let now: @Sendable () -> Date
  static let firstDay = CivilDate(year: 2000, month: 1, day: 1)

  func prepare(on database: any Database) async throws {
    guard let day = Self.firstDay else { return }
    let version = PenaltyRuleVersion(number: 1, effectiveFrom: day, rules: .default)
    try await PenaltyRuleVersionRecord(version, createdBy: nil, at: now()).create(on: database)
  }

  func revert(on database: any Database) async throws {
    try await PenaltyRuleVersionRecord.query(on: database).filter(\.$number == 1).delete()
  }
}
