import Domain
import Fluent
import Foundation

/// The penalty rules (ACC-RULE-VERSIONS), versioned like every rule document (ORG-RULE-VERSIONS).
typealias PenaltyRulesService = RuleVersions<PenaltyRuleSet>

extension RuleVersions where Rules == PenaltyRuleSet {
  /// The version in force on a Beijing civil day.
  static func inForce(on day: CivilDate, db: any Database) async throws -> PenaltyRuleVersion? {
    PenaltyRuleVersion.inForce(on: day, among: try await versions(on: db))
  }
}
