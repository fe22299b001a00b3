import Charts
import Domain
import Fluent
import Vapor

/// The printable satisfaction analysis report of one unit, in the shape of the company's report
/// template (满意度分析报告, SV-SCORE-DISPLAY, SV-COMMENT-TOPICS): overall, sample, scores, main problems with counts and shares,
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

  /// Query (scores, respondents, comments, departments), then view model (`ReportPage.make`).
  @Sendable static func show(req: Request) async throws -> Response {
    let actor = try req.actor
    let wave = try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
    let scores = try await ScoreService.scores(wave: wave, actor: actor, on: req.db)
    let requested = try req.query(ScoresPagesController.unitParameter)
    let units = scores.units.filter { $0.overall.count > 0 }
    let chosen = units.first { $0.unit.id == requested } ?? units.first
    let frame = ReportPage.Frame(
      chrome: try await .make(for: req, titleKey: "report.title"), year: wave.year, waveName: wave.name,
      units: try units.map {
        Choice(value: try $0.unit.requireID().uuidString, label: $0.unit.name, selected: $0.unit.id == chosen?.unit.id)
      },
      planText: ReportPage.planText(try wave.plan, text: { req.t($0, $1) }))
    guard let chosen, let summary = chosen.overall.summary() else {
      return try await req.page("surveys/report", ReportPage.empty(frame))
    }
    let facts = ReportPage.Facts(
      scores: scores, chosen: chosen, summary: summary,
      respondents: try await respondentCount(wave: wave, unit: chosen.unit, on: req.db),
      comments: try await comments(wave: wave, unit: chosen.unit, on: req.db),
      departments: try await DepartmentModules.names(locale: req.locale, on: req.db),
      unitBase: Paths.surveyWaveReport.link(try wave.requireID()))
    return try await req.page("surveys/report", try ReportPage.make(facts, frame, text: { req.t($0) }))
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
      .filter(\.$channel ~~ ResponseChannel.allCases.filter(\.isSampleSurvey))
  }

  static func respondentCount(wave: SurveyWave, unit: OrgUnit, on db: any Database) async throws -> Int {
    try await sampledResponses(wave: wave, unit: unit, on: db).count()
  }

  static func comments(wave: SurveyWave, unit: OrgUnit, on db: any Database) async throws -> [String] {
    try await sampledResponses(wave: wave, unit: unit, on: db).filter(\.$comment != nil).field(\.$comment).all()
      .compactMap(\.comment).filter { !$0.isEmpty }
  }
}
