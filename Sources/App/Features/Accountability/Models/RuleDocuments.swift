import Domain

// The accountability feature's rule documents and their tables (rule ORG-RULE-VERSIONS).

extension PenaltyRuleSet: StoredRuleDocument {
  /// ACC-RULE-VERSIONS.
  static let versionsTable = "penalty_rule_versions"
  static let auditEntity = AuditEntity.penaltyRuleVersion
  static let problemMessageKey = "accountability.error.rule_field"
}

extension ScorecardRules: StoredRuleDocument {
  /// ACC-SCORE-RULES.
  static let versionsTable = "scorecard_rule_versions"
  static let auditEntity = AuditEntity.scorecardRuleVersion
  static let problemMessageKey = "accountability.error.rule_field"
}
