import Analytics
import Domain
import Vapor

/// `/analysis/ahp`: enter criteria and judgments, compute (weights, λmax, CI, CR and the
/// judgment to revisit), save as a run. Works without JavaScript; `/js/ahp.js` adds a live CR.
enum AHPPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.analysisAHP.components, use: show)
    pages.post(Paths.analysisAHP.components, use: submit)
  }

  struct Entry {
    var title = ""
    var criteriaText = ""
    var cells: [String: String] = [:]
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try AnalysisRunService.authorise(try req.actor)
    // The eight service modules with equal judgments: a starting point to edit.
    let names = ServiceModule.allCases.map { req.t("module.\($0.rawValue)") }
    return try await render(req, Entry(criteriaText: names.joined(separator: "\n")), criteria: names)
  }

  @Sendable static func submit(req: Request) async throws -> Response {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let fields = try req.content.decode([String: String].self)
    let entry = Entry(title: fields["title"] ?? "", criteriaText: fields["criteria"] ?? "", cells: fields)
    var errors = FieldErrors()
    let criteria = AHPRuns.criteria(fromLines: entry.criteriaText, into: &errors)
    guard errors.isEmpty else {
      return try await render(req, entry, criteria: criteria, errors: errors, status: .unprocessableEntity)
    }
    // A changed list of criteria first gets its grid; nothing is computed from a stale one.
    guard fields["size"] == String(criteria.count) else {
      return try await render(req, entry, criteria: criteria, gridUpdated: true)
    }
    let matrix = AHPRuns.matrix(upper: fields, count: criteria.count, into: &errors)
    guard errors.isEmpty else {
      return try await render(req, entry, criteria: criteria, errors: errors, status: .unprocessableEntity)
    }
    if fields["intent"] == "save" {
      return try await req.submitForm {
        let result = try AHPRuns.result(criteria: criteria, matrix: matrix)
        let scope = try await AnalysisScope.of(actor, on: req.db)
        let run = try await AnalysisRunService.save(result, title: entry.title, scope: scope, actor: actor, on: req.db, now: req.now)
        return req.redirect(to: Paths.analysisRun.link(try run.requireID()))
      } showAgain: { errors, status in
        try await render(req, entry, criteria: criteria, errors: errors, status: status)
      }
    }
    let outcome = try AHPRuns.compute(criteria: criteria, matrix: matrix)
    return try await render(req, entry, criteria: criteria, outcome: outcome)
  }

  static func render(
    _ req: Request, _ entry: Entry, criteria: [String], outcome: AHPAnalysis.Outcome? = nil, gridUpdated: Bool = false,
    errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let l = req.application.localizer
    let locale = req.locale
    let messages = errors.localized(l, locale)
    let shown = Array(criteria.prefix(PairwiseComparisonMatrix.maximumCriteria))
    let n = shown.count >= 2 ? shown.count : 0
    let worst = outcome.flatMap { $0.summary.isConsistent ? nil : $0.summary.mostInconsistentJudgment }
    func value(_ i: Int, _ j: Int) -> String { entry.cells[AHPRuns.cellField(i, j)] ?? "1" }
    let rows = (0..<n).map { i in
      AHPPage.Row(
        criterion: shown[i],
        cells: (0..<n).map { j in
          let field = i < j ? AHPRuns.cellField(i, j) : AHPRuns.cellField(j, i)
          let shownValue = i < j ? value(i, j) : i == j ? "1" : reciprocal(value(j, i))
          return AHPPage.Cell(
            field: field, label: "\(shown[i]) : \(shown[j])", value: shownValue, editable: i < j, diagonal: i == j, row: i, column: j,
            revisit: worst.map { ($0.row, $0.column) == (min(i, j), max(i, j)) } ?? false, invalid: messages[field] != nil)
        })
    }
    let problems = errors.messages.compactMap { m -> AHPPage.Problem? in
      let parts = m.field.split(separator: "_")
      guard parts.count == 3, let i = Int(parts[1]), let j = Int(parts[2]), i < shown.count, j < shown.count else { return nil }
      return .init(message: "\(shown[i]) : \(shown[j]) — \(l.text(m.key, locale: locale, args: m.args))")
    }
    let presenter = AnalysisRunPresenter(text: { l.text($0, locale: locale) })
    let page = AHPPage(
      chrome: try await .make(for: req, titleKey: "analysis.ahp.title"), action: Paths.analysisAHP.link(), listHref: Paths.analysis.link(),
      title: entry.title, criteriaText: entry.criteriaText, criteria: shown, size: n, rows: rows, hasGrid: n >= 2,
      gridUpdated: gridUpdated,
      result: outcome.map { presenter.ahp(AHPOutputs($0), criteria: $0.criteria, args: { l.text($0, locale: locale, args: $1) }) },
      errors: messages, problems: problems, randomIndex: AHP.randomIndex.map { String($0) }.joined(separator: ","),
      threshold: String(AHP.consistencyThreshold))
    return try await req.page("analysis/ahp", page, status: status)
  }

  /// The mirror of a typed judgment, as text ("3" → "1/3", "1/5" → "5"); unreadable stays blank.
  static func reciprocal(_ text: String) -> String {
    guard let v = AHPAnalysis.fraction(text.trimmingCharacters(in: .whitespaces)), v > 0, v.isFinite else { return "" }
    return AHPRuns.format(1 / v)
  }
}
