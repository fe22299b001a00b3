import Domain
import Fluent
import Vapor

/// The penalty rules page: every signed-in person reads them; administrators save new versions
/// (ACC-RULE-VERSIONS).
enum RulesPagesController {
  static let versionParameter = QueryParameter<Int>.integer("version", 1...1_000_000)

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.accountabilityRules.components, use: show).query(versionParameter)
    pages.post(Paths.accountabilityRuleVersions.components, use: create)
  }

  static func render(
    _ req: Request, number requested: Int?, values: [String: String] = [:], errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let versions = try await PenaltyRulesService.versions(on: req.db)
    let today = BusinessTime.civilDate(of: req.now)
    let inForce = PenaltyRuleVersion.inForce(on: today, among: versions)
    guard let shown = requested.map({ n in versions.first { $0.number == n } }) ?? inForce ?? versions.last else {
      throw AppError.notFound("entity.penalty_rule_version")
    }
    let localizer = req.application.localizer
    let text = { (key: String) in localizer.text(key, locale: req.locale) }
    let rules = shown.rules
    let general = rules.general.map { rule in
      var notes: [String] = []
      if rule.offDutyMonths > 0 {
        notes.append(localizer.text("accountability.off_duty", locale: req.locale, args: [String(rule.offDutyMonths)]))
      }
      if rule.examRequired { notes.append(text("accountability.exam_required")) }
      return RulesPage.Range(
        labelKey: "accountability.cause.\(rule.cause.rawValue)", label: "",
        range: RulesPage.range(rule.amount, ceiling: rules.ceilingFen, text: text), defaultAmount: RulesPage.yuan(rule.amount.defaultFen),
        note: notes.joined(separator: "；"))
    }
    let companySets = [CauseFramework.tenProhibitions, .tenCommitments].map { framework in
      RulesPage.CompanySet(
        titleKey: "accountability.framework.\(framework.rawValue)",
        items: rules.items(of: framework).map {
          RulesPage.Range(
            labelKey: "", label: "\($0.code) \($0.title)", range: RulesPage.range($0.amount, ceiling: rules.ceilingFen, text: text),
            defaultAmount: RulesPage.yuan($0.amount.defaultFen), note: "")
        })
    }
    let events = rules.events.map {
      RulesPage.Event(
        severityKey: "accountability.severity.\($0.severity.rawValue)", roleKey: "accountability.role.\($0.role.rawValue)",
        minimum: RulesPage.range($0.amount, ceiling: rules.ceilingFen, text: text), sanctions: RulesPage.sanctions($0.sanctions, text: text)
      )
    }
    var shownValues = values
    if shownValues["rules"] == nil, actor.isAdmin {
      shownValues["rules"] = String(decoding: try JSONCoding.encoder(pretty: true).encode(rules), as: UTF8.self)
    }
    let page = RulesPage(
      chrome: try await .make(for: req, titleKey: "accountability.rules.title"),
      versions: versions.reversed().map {
        .init(
          number: $0.number, effectiveFrom: $0.effectiveFrom.description, href: Paths.accountabilityRules.link() + "?version=\($0.number)",
          selected: $0.number == shown.number, inForce: $0.number == inForce?.number)
      },
      number: shown.number, effectiveFrom: shown.effectiveFrom.description, general: general, companySets: companySets, events: events,
      channels: rules.outsideChannels.map { "\($0.name)（\($0.code)）" }, factor: rules.outsideChannelFactor,
      unitPenalty: RulesPage.range(rules.unitFalseReply, ceiling: rules.ceilingFen, text: text), ceiling: RulesPage.yuan(rules.ceilingFen),
      canEdit: actor.isAdmin, createAction: Paths.accountabilityRuleVersions.link(), values: shownValues,
      errors: errors.localized(localizer, req.locale))
    return try await req.page("accountability/rules", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await render(req, number: try req.query(versionParameter))
  }

  /// A new version from the form: the effective day and the rule document as JSON, which the
  /// form shows filled with the version on screen.
  @Sendable static func create(req: Request) async throws -> Response {
    try await RuleVersionForm<PenaltyRuleSet>.save(req, shownAt: Paths.accountabilityRules) { values, errors, status in
      try await render(req, number: nil, values: values, errors: errors, status: status)
    }
  }
}
