import Domain
import Vapor

/// The commitments' pages: the editions of the commitment rules (COM-EDITIONS).
enum CommitmentPagesController {
  static func register(_ pages: any RoutesBuilder) {
    RuleVersionsPages<CommitmentRules>.register(
      pages,
      .init(
        show: Paths.commitmentRules, create: Paths.commitmentRuleVersions, titleKey: "commitments.rules.title",
        introKey: "commitments.rules.intro"))
  }
}
