import Domain

/// OUT-NOTICE-LIMITS: the notice limits are a versioned rule document (ORG-RULE-VERSIONS).
extension NoticeLimits: PresentedRuleDocument {
  static let versionsTable = "outage_notice_limit_versions"
  static let auditEntity = AuditEntity.noticeLimitVersion

  func rows(_ text: (String, [String]) -> String) -> [RuleVersionsPage.Row] {
    [
      .init(label: text("outage.limits.planned", []), value: text("outage.limits.days", [String(plannedDays)])),
      .init(label: text("outage.limits.temporary", []), value: text("outage.limits.hours", [String(temporaryHours)])),
      .init(label: text("outage.limits.arrears", []), value: text("outage.limits.days", [String(arrearsDays)])),
    ]
  }
}
