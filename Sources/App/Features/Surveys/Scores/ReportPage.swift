import Charts
import Domain
import Fluent
import Vapor

/// The printable satisfaction analysis report of one unit, in the shape of the report template
/// in the seeds (满意度分析报告): overall, sample, scores, main problems with counts and shares,
/// and the measures owed by the departments answerable for the weakest modules.
struct ReportPage: Encodable {
  struct ModuleRow: Encodable {
    let labelKey: String
    let mean: String
    let rate: String
    let n: Int
  }
  struct Problem: Encodable {
    let labelKey: String
    let count: Int
    let share: String
    let examples: [String]
  }
  struct Measure: Encodable {
    let labelKey: String
    let mean: String
    let departments: String
  }
  let chrome: Chrome
  let unitName: String
  let year: Int
  let waveName: String
  let units: [Choice]
  let hasData: Bool
  let planText: String
  let respondents: Int
  let mean: String
  let rate: String
  let meanCI: String
  let target: String
  let outcomeKey: String
  let change: String
  let comments: Int
  let commentShare: String
  let modules: [ModuleRow]
  let problems: [Problem]
  let unmatched: Int
  let measures: [Measure]
  let moduleChart: ChartView
  let unitChart: ChartView
  let problemChart: ChartView
  /// Whether the unit has subordinate units with scores (the unit chart is shown only then).
  let hasUnits: Bool
}

enum ReportPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.surveyWaveReport.components, use: show).query(ScoresPagesController.unitParameter)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let actor = try req.actor
    let wave = try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
    let scores = try await ScoreService.scores(wave: wave, actor: actor, on: req.db)
    let requested = try req.query(ScoresPagesController.unitParameter)
    let units = scores.units.filter { $0.overall.count > 0 }
    let chosen = units.first { $0.unit.id == requested } ?? units.first
    let plan = try wave.plan
    let planText: String
    switch plan.size {
    case .count(let n): planText = req.t("survey.plan.count", String(n))
    case .fraction(let f): planText = req.t("survey.plan.percent", DisplayFormat.percent(f))
    }
    let choices = try units.map {
      Choice(value: try $0.unit.requireID().uuidString, label: $0.unit.name, selected: $0.unit.id == chosen?.unit.id)
    }
    guard let chosen, let summary = chosen.overall.summary() else {
      return try await req.page(
        "surveys/report",
        ReportPage(
          chrome: try await .make(for: req, titleKey: "report.title"), unitName: "", year: wave.year, waveName: wave.name, units: choices,
          hasData: false, planText: planText, respondents: 0, mean: "", rate: "", meanCI: "", target: "", outcomeKey: "",
          change: "", comments: 0, commentShare: "", modules: [], problems: [], unmatched: 0, measures: [], moduleChart: .empty,
          unitChart: .empty, problemChart: .empty, hasUnits: false))
    }
    let respondents = try await respondentCount(wave: wave, unit: chosen.unit, on: req.db)
    let comments = try await comments(wave: wave, unit: chosen.unit, on: req.db)
    let tally = CommentTopics.standard.tally(comments)
    let departments = try await DepartmentModules.names(locale: req.locale, on: req.db)
    let weakest = ServiceModule.allCases.compactMap { m in chosen.modules[m]?.summary().map { (m, $0.mean) } }
      .sorted { $0.1 < $1.1 }.prefix(3)
    func text(_ key: String) -> String { req.t(key) }
    let noData = text("survey.no_data")
    let problems: [ReportPage.Problem] = ServiceModule.allCases.compactMap { m in
      guard let count = tally.byModule[m] else { return nil }
      return .init(
        labelKey: "module.\(m.rawValue)", count: count, share: DisplayFormat.percent(Double(count) / Double(max(respondents, 1))),
        examples: distinct(comments.filter { CommentTopics.standard.modules(of: $0).contains(m) }, limit: 3))
    }.sorted { $0.count > $1.count }
    let problemChart = ChartView(
      BarChart(
        title: text("report.chart.problems"), categories: problems.map { text($0.labelKey) },
        series: [ChartSeries(name: text("report.chart.mentions"), values: problems.map { Double($0.count) })],
        valueFormat: .integer, noDataText: noData))
    let page = ReportPage(
      chrome: try await .make(for: req, titleKey: "report.title"), unitName: chosen.unit.name, year: wave.year, waveName: wave.name,
      units: choices, hasData: true, planText: planText, respondents: respondents, mean: DisplayFormat.score(summary.mean),
      rate: DisplayFormat.percent(summary.satisfactionRate),
      meanCI: "\(DisplayFormat.score(summary.meanCI.low))–\(DisplayFormat.score(summary.meanCI.high))",
      target: chosen.target.map { "\(DisplayFormat.score($0.assessment)) / \(DisplayFormat.score($0.stretch))" } ?? "–",
      outcomeKey: chosen.target.map { "survey.outcome.\($0.outcome(for: summary.mean).rawValue)" } ?? "survey.outcome.none",
      change: ScoresPagesController.change(summary.mean, chosen.previous), comments: comments.count,
      commentShare: DisplayFormat.percent(Double(comments.count) / Double(max(respondents, 1))),
      modules: ServiceModule.allCases.map { m in
        let s = chosen.modules[m]?.summary()
        return .init(
          labelKey: "module.\(m.rawValue)", mean: s.map { DisplayFormat.score($0.mean) } ?? "–",
          rate: s.map { DisplayFormat.percent($0.satisfactionRate) } ?? "–", n: s?.n ?? 0)
      },
      problems: problems, unmatched: tally.unmatched,
      measures: weakest.map { module, mean in
        .init(
          labelKey: "module.\(module.rawValue)", mean: DisplayFormat.score(mean),
          departments: (departments[module] ?? []).joined(separator: "、"))
      }, moduleChart: ScoresPagesController.moduleChart(chosen, text: text, noData: noData),
      unitChart: try ScoresPagesController.unitChart(
        scores, of: chosen, base: Paths.surveyWaveReport.link(try wave.requireID()), text: text, noData: noData),
      problemChart: problemChart, hasUnits: !ScoresPagesController.children(scores, of: chosen).isEmpty)
    return try await req.page("surveys/report", page)
  }

  /// The first `limit` different texts, in order.
  static func distinct(_ texts: [String], limit: Int) -> [String] {
    var seen: Set<String> = []
    return Array(texts.filter { seen.insert($0).inserted }.prefix(limit))
  }

  /// Sampled-survey responses in the unit's subtree.
  static func sampledResponses(wave: SurveyWave, unit: OrgUnit, on db: any Database) async throws -> QueryBuilder<SurveyResponse> {
    let units = try await OrgUnit.query(on: db).filter(\.$path =~ unit.path).all().compactMap(\.id)
    let waveID = try wave.requireID()
    return SurveyResponse.query(on: db).filter(\.$wave.$id == waveID).filter(\.$unit.$id ~~ units)
      .filter(\.$channel ~~ ResponseChannel.allCases.filter(\.isSampleSurvey).map(\.rawValue))
  }

  static func respondentCount(wave: SurveyWave, unit: OrgUnit, on db: any Database) async throws -> Int {
    try await sampledResponses(wave: wave, unit: unit, on: db).count()
  }

  static func comments(wave: SurveyWave, unit: OrgUnit, on db: any Database) async throws -> [String] {
    try await sampledResponses(wave: wave, unit: unit, on: db).filter(\.$comment != nil).field(\.$comment).all()
      .compactMap(\.comment).filter { !$0.isEmpty }
  }
}
