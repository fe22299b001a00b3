import Domain
import Vapor

/// A version of the penalty rules as the API shows it (ACC-RULE-VERSIONS); `rules` is the
/// document an administrator sends back, changed, as a new version.
struct RuleVersionDTO: Content {
  let number: Int
  let effectiveFrom: String
  let rules: PenaltyRuleSet

  init(_ version: PenaltyRuleVersion) {
    number = version.number
    effectiveFrom = version.effectiveFrom.description
    rules = version.rules
  }
}

struct RulesResponse: Content {
  /// The number of the version in force today.
  let inForce: Int?
  let items: [RuleVersionDTO]
}

struct NewRuleVersionRequest: Content {
  let effectiveFrom: String
  let rules: PenaltyRuleSet
}
