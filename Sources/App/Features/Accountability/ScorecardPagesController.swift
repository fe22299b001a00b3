import Domain
import Fluent
import Vapor

/// Staff scorecards (ACC-SCORE-…): a person's card, the list of a unit's cards, the imported
/// results with HR's import, and the scorecard rules.
enum ScorecardPagesController {
  static let personParameter = QueryParameter<UUID>.uuid("personId")
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let periodParameter = QueryParameter<String>.text("period", maxLength: 7)
  static let versionParameter = QueryParameter<Int>.integer("version", 1...1_000_000)

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.accountabilityScorecard.components, use: card).query(personParameter, periodParameter)
    pages.get(Paths.accountabilityScorecards.components, use: list).query(unitParameter, periodParameter)
    pages.get(Paths.accountabilityScores.components, use: scores)
    pages.post(Paths.accountabilityScoreImport, bodyLimit: UploadLimits.Form.pay.collected, use: importScores)
    pages.get(Paths.accountabilityScorecardRules.components, use: rules).query(versionParameter)
    pages.post(Paths.accountabilityScorecardRuleVersions.components, use: createVersion)
  }

  static func cardHref(_ personID: UUID, _ period: ScorePeriod) -> String {
    Paths.accountabilityScorecard.link() + "?personId=\(personID.uuidString)&period=\(period)"
  }

  static func gradeKey(_ grade: ScoreGrade) -> String { "accountability.score.grade.\(grade.rawValue)" }

  // MARK: a person's card

  @Sendable static func card(req: Request) async throws -> Response {
    let actor = try req.actor
    let period = try ScorecardService.period(try req.query(periodParameter), now: req.now)
    let personID = try req.query(personParameter) ?? actor.userID
    let card = try await ScorecardService.card(personID: personID, period: period, actor: actor, on: req.db, now: req.now)
    let today = BusinessTime.civilDate(of: req.now)
    func point(_ point: Scorecard.Point) -> ScorecardPage.Point {
      ScorecardPage.Point(
        kindKey: "accountability.score.kind.\(point.evidence.kind.rawValue)", day: point.evidence.day.description,
        label: point.evidence.label, href: card.links[point.evidence.reference] ?? "", points: ScoreFormat.points(point.tenths))
    }
    let periods = ScoreCadence.allCases.map { cadence -> ScorecardPage.PeriodLink in
      let shown = ScorePeriod.containing(today, cadence: cadence)
      return .init(label: shown.description, href: cardHref(personID, shown))
    }
    let page = ScorecardPage(
      chrome: try await .make(for: req, titleKey: "accountability.scorecard.title"), personId: personID.uuidString,
      personName: card.personName, unitName: card.unitName, period: period.description, action: Paths.accountabilityScorecard.link(),
      periods: periods,
      parts: card.scorecard.parts.map { part in
        ScorecardPage.Part(
          id: part.component.rawValue, nameKey: "accountability.score.component.\(part.component.rawValue)",
          cadenceKey: "accountability.score.cadence.\(part.cadence.rawValue)", weight: part.weight,
          base: ScoreFormat.points(part.baseTenths),
          imported: !part.basis.isEmpty, basis: part.basis.map(point), deductions: part.deductions.map(point),
          score: ScoreFormat.points(part.scoreTenths), hasPoints: !part.basis.isEmpty || !part.deductions.isEmpty)
      },
      total: ScoreFormat.points(card.scorecard.totalTenths), grade: card.scorecard.grade.rawValue, gradeKey: gradeKey(card.scorecard.grade),
      ruleVersion: card.ruleVersion, rulesHref: Paths.accountabilityScorecardRules.link() + "?version=\(card.ruleVersion)",
      listHref: CaseService.canOversee(actor) ? Paths.accountabilityScorecards.link() + "?period=\(period)" : nil)
    return try await req.page("accountability/scorecard", page)
  }

  // MARK: a unit's cards

  @Sendable static func list(req: Request) async throws -> Response {
    let actor = try req.actor
    let period = try ScorecardService.period(try req.query(periodParameter), now: req.now)
    guard CaseService.canOversee(actor) else { return req.redirect(to: cardHref(actor.userID, period)) }
    let unitID = try req.query(unitParameter)
    let cards = try await ScorecardService.cards(unitID: unitID, period: period, actor: actor, on: req.db, now: req.now)
    let units = try await OrgUnit.visible(to: actor, on: req.db)
    let components = ScoreComponent.allCases.filter { component in
      cards.first?.scorecard.parts.contains { $0.component == component } ?? true
    }
    let page = ScorecardListPage(
      chrome: try await .make(for: req, titleKey: "accountability.scorecards.title"), period: period.description,
      action: Paths.accountabilityScorecards.link(),
      units: try units.map {
        let id = try $0.requireID()
        return .init(id: id.uuidString, name: $0.name, selected: id == (unitID ?? actor.unitID))
      },
      componentKeys: components.map { "accountability.score.component.\($0.rawValue)" },
      rows: cards.map { card in
        let href = cardHref(card.personID, period)
        return ScorecardListPage.Row(
          name: card.personName, unit: card.unitName, href: href,
          cells: components.map { component in
            let part = card.scorecard.parts.first { $0.component == component }
            return .init(score: part.map { ScoreFormat.points($0.scoreTenths) } ?? "", href: href + "#part-\(component.rawValue)")
          }, total: ScoreFormat.points(card.scorecard.totalTenths), grade: card.scorecard.grade.rawValue,
          gradeKey: gradeKey(card.scorecard.grade))
      })
    return try await req.page("accountability/scorecards", page)
  }

  // MARK: imported results (ACC-SCORE-IMPORT)

  static func renderScores(
    _ req: Request, notice: String? = nil, errors: FieldErrors = .init(), lines: [ImportFailure.Line] = [], status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let rows = try await ScoreImportService.visibleRows(for: actor, on: req.db)
    let localizer = req.application.localizer
    let page = ImportedScoresPage(
      chrome: try await .make(for: req, titleKey: "accountability.scores.title"),
      rows: try rows.map { row, name in
        ImportedScoresPage.Row(
          id: try row.requireID().uuidString, person: name, kindKey: "accountability.score.imported.\(row.kind.rawValue)", day: row.examOn,
          title: row.title, score: ScoreFormat.points(row.scoreTenths), line: row.sourceLine)
      }, canImport: actor.has(.hr) || actor.isAdmin, importAction: Paths.accountabilityScoreImport.link(), notice: notice,
      errors: errors.localized(localizer, req.locale),
      importLines: lines.map {
        localizer.text(
          "import.line", locale: req.locale, args: [String($0.line), localizer.text($0.key, locale: req.locale, args: $0.args)])
      })
    return try await req.page("accountability/scores", page, status: status)
  }

  @Sendable static func scores(req: Request) async throws -> Response { try await renderScores(req) }

  struct ImportForm: Content {
    var file: File?
  }

  @Sendable static func importScores(req: Request) async throws -> Response {
    let actor = try req.actor
    try PayService.requireHR(actor)
    let form = try req.content.decode(ImportForm.self)
    do {
      let saved = try await ScoreImportService.importTable(
        Data(buffer: form.file?.data ?? ByteBuffer()), actor: actor, on: req.db, now: req.now)
      return try await renderScores(req, notice: req.t("accountability.scores.imported", String(saved)))
    } catch let error as AppError where error.field != nil {
      var errors = FieldErrors()
      errors.add("file", error.messageKey, args: error.args)
      return try await renderScores(req, errors: errors, lines: error.lines, status: error.status)
    }
  }

  // MARK: rules (ACC-SCORE-RULES)

  static func renderRules(
    _ req: Request, number requested: Int?, values: [String: String] = [:], errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let versions = try await ScorecardService.versions(on: req.db)
    let current = ScorecardRuleVersion.inForce(
      for: ScorePeriod.containing(BusinessTime.civilDate(of: req.now), cadence: .month), among: versions)
    guard let shown = requested.map({ n in versions.first { $0.number == n } }) ?? current ?? versions.last else {
      throw AppError.notFound("entity.scorecard_rule_version")
    }
    var shownValues = values
    if shownValues["rules"] == nil, actor.isAdmin {
      shownValues["rules"] = String(decoding: try JSONCoding.encoder(pretty: true).encode(shown.rules), as: UTF8.self)
    }
    let page = ScorecardRulesPage(
      chrome: try await .make(for: req, titleKey: "accountability.score_rules.title"),
      versions: versions.reversed().map {
        .init(
          number: $0.number, effectiveFrom: $0.effectiveFrom.description,
          href: Paths.accountabilityScorecardRules.link() + "?version=\($0.number)", selected: $0.number == shown.number,
          inForce: $0.number == current?.number)
      }, number: shown.number, effectiveFrom: shown.effectiveFrom.description,
      components: shown.rules.components.map { component in
        .init(
          nameKey: "accountability.score.component.\(component.component.rawValue)",
          cadenceKey: "accountability.score.cadence.\(component.cadence.rawValue)", weight: component.weight,
          baseKey: component.base.map { "accountability.score.kind.\($0.rawValue)" },
          deductions: component.deductions.map { .init(kindKey: "accountability.score.kind.\($0.kind.rawValue)", points: $0.points) })
      }, excellentFrom: shown.rules.excellentFrom, passFrom: shown.rules.passFrom, canEdit: actor.isAdmin,
      createAction: Paths.accountabilityScorecardRuleVersions.link(), values: shownValues,
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("accountability/scorecard-rules", page, status: status)
  }

  @Sendable static func rules(req: Request) async throws -> Response {
    try await renderRules(req, number: try req.query(versionParameter))
  }

  @Sendable static func createVersion(req: Request) async throws -> Response {
    try await RuleVersionForm<ScorecardRules>.save(req, shownAt: Paths.accountabilityScorecardRules) { values, errors, status in
      try await renderRules(req, number: nil, values: values, errors: errors, status: status)
    }
  }
}
