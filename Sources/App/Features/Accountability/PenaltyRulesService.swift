import Domain
import Fluent
import Foundation

/// Reading and versioning the penalty rules (ACC-RULE-VERSIONS).
enum PenaltyRulesService {
  /// Every version, oldest first.
  static func versions(on db: any Database) async throws -> [PenaltyRuleVersion] {
    try await PenaltyRuleVersionRecord.query(on: db).sort(\.$number).all().map { try $0.domain() }
  }

  /// The version in force on a Beijing civil day.
  static func inForce(on day: CivilDate, db: any Database) async throws -> PenaltyRuleVersion? {
    PenaltyRuleVersion.inForce(on: day, among: try await versions(on: db))
  }

  /// Saves a new version (administrators only): checked whole before anything is stored.
  static func create(
    effectiveFrom raw: String, rules: PenaltyRuleSet, actor: Actor, on db: any Database, now: Date
  ) async throws -> PenaltyRuleVersion {
    try actor.require(.admin)
    guard let day = CivilDate(iso: raw) else { throw AppError.invalid("effectiveFrom", "accountability.error.date") }
    if let field = rules.problem() { throw AppError.invalid("rules." + field, "accountability.error.rule_field", field) }
    return try await db.transaction { tx in
      let existing = try await versions(on: tx)
      if PenaltyRuleVersion.scheduleProblem(effectiveFrom: day, today: BusinessTime.civilDate(of: now), existing: existing) != nil {
        throw AppError.invalid("effectiveFrom", "accountability.error.effective_from")
      }
      let version = PenaltyRuleVersion(number: (existing.map(\.number).max() ?? 0) + 1, effectiveFrom: day, rules: rules)
      try await PenaltyRuleVersionRecord(version, createdBy: actor.userID, at: now).create(on: tx)
      try await AuditLog.record(
        .create, entity: .penaltyRuleVersion, id: String(version.number), actor: actor, before: NoSnapshot?.none,
        after: ["number": String(version.number), "effectiveFrom": version.effectiveFrom.description], on: tx, at: now)
      return version
    }
  }
}
