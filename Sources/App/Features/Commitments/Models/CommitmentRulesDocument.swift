import Domain

/// COM-EDITIONS: an edition of the commitments is a versioned rule document (ORG-RULE-VERSIONS).
extension CommitmentRules: PresentedRuleDocument {
  static let versionsTable = "commitment_rule_versions"
  static let auditEntity = AuditEntity.commitmentRuleVersion

  /// Each rule by its name: where its clock starts and stops, its limit and its classes.
  func rows(_ text: (String, [String]) -> String) -> [RuleVersionsPage.Row] {
    func point(_ p: CommitmentPoint) -> String {
      text("commitments.point.\(p.edge.rawValue)", [text("commitments.stage.\(p.stage.rawValue)", [])])
    }
    var rows = [
      RuleVersionsPage.Row(label: text("commitments.edition", []), value: edition),
      RuleVersionsPage.Row(
        label: text("commitments.acceptance_level", []),
        value: text("commitments.customer_centre_from", [String(format: "%g", customerCentreFromKW)])),
    ]
    for rule in rules {
      let limit = text("commitments.limit.\(rule.sense.rawValue).\(rule.limit.unit.rawValue)", [String(rule.limit.value)])
      let classes = rule.classes.map { list in list.map { text("commitments.class.\($0.rawValue)", []) }.joined(separator: "、") }
      rows.append(
        RuleVersionsPage.Row(
          label: rule.name,
          value: text("commitments.clock", [point(rule.start), point(rule.end), limit])
            + (classes.map { text("commitments.applies_to", [$0]) } ?? "")))
    }
    return rows
  }
}
