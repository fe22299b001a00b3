import Charts
import Domain
import Fluent
import SQLKit
import Vapor

/// The results page of a wave (SV-SCORE-DISPLAY, scores against SV-TARGETS).
enum ScoresPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.surveyWaveScores.components, use: show).query(unitParameter)
  }

  /// The unit whose results are shown (the first with answers when not given).
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")

  @Sendable static func show(req: Request) async throws -> Response {
    let actor = try req.actor
    let wave = try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
    let scores = try await ScoreService.scores(wave: wave, actor: actor, on: req.db)
    let requested = try req.query(unitParameter)
    let selected = scores.units.first { $0.unit.id == requested } ?? scores.units.first
    let l = req.application.localizer
    let locale = req.locale
    func text(_ key: String) -> String { l.text(key, locale: locale) }
    let noData = text("survey.no_data")
    let base = Paths.surveyWaveScores.link(try wave.requireID())

    let chrome = try await Chrome.make(for: req, titleKey: "survey.scores")
    let units = try scores.units.map {
      Choice(value: try $0.unit.requireID().uuidString, label: $0.unit.name, selected: $0.unit.id == selected?.unit.id)
    }
    let waveHref = Paths.surveyWave.link(try wave.requireID())
    guard let selected else {
      return try await req.page(
        "surveys/scores",
        ScoresPage(
          chrome: chrome, waveName: wave.name, waveCode: wave.code, unitName: "", units: units, hasData: false, overall: nil,
          assessment: "", stretch: "", outcomeKey: "", change: "", modules: [], segments: [], channels: [], children: [],
          scaleLabels: [], items: [], radarChart: .empty, unitChart: .empty, trendChart: .empty, waveHref: waveHref))
    }

    let overallMean = selected.overall.summary()?.mean
    let page = ScoresPage(
      chrome: chrome, waveName: wave.name, waveCode: wave.code, unitName: selected.unit.name, units: units, hasData: true,
      overall: .init(labelKey: "survey.overall", selected.overall),
      assessment: selected.target.map { DisplayFormat.score($0.assessment) } ?? "–",
      stretch: selected.target.map { DisplayFormat.score($0.stretch) } ?? "–",
      outcomeKey: selected.target.flatMap { t in overallMean.map { "survey.outcome.\(t.outcome(for: $0).rawValue)" } } ?? "",
      change: change(overallMean, selected.previous),
      modules: ServiceModule.allCases.map { .init(labelKey: "module.\($0.rawValue)", selected.modules[$0]) },
      segments: CustomerSegment.allCases.filter { selected.segments[$0] != nil }.map {
        .init(labelKey: "survey.segment.\($0.rawValue)", selected.segments[$0])
      },
      channels: selected.channels.keys.sorted().map { .init(labelKey: "survey.channel.\($0)", selected.channels[$0]) },
      children: try childRows(scores, of: selected, base: base),
      scaleLabels: try wave.questionnaire.scale.points.map { text($0.labelKey) },
      items: try await distributions(wave: wave, unit: selected.unit, scores: selected, on: req.db, locale: locale),
      radarChart: moduleChart(selected, text: text, noData: noData),
      unitChart: try unitChart(scores, of: selected, base: base, text: text, noData: noData),
      trendChart: try await trendChart(selected.unit, wave: wave, on: req.db, text: text, noData: noData),
      waveHref: waveHref)
    return try await req.page("surveys/scores", page)
  }

  static func change(_ now: Double?, _ previous: Double?) -> String {
    guard let now, let previous else { return "–" }
    let delta = now - previous
    return (delta >= 0 ? "+" : "") + DisplayFormat.score(delta)
  }

  static func children(_ scores: ScoreService.WaveScores, of parent: ScoreService.UnitScores) -> [ScoreService.UnitScores] {
    scores.units.filter { $0.unit.$parent.id == parent.unit.id }
  }

  static func childRows(_ scores: ScoreService.WaveScores, of parent: ScoreService.UnitScores, base: String) throws -> [ScoresPage.UnitRow]
  {
    try children(scores, of: parent).map { child in
      let mean = child.overall.summary()?.mean
      return .init(
        name: child.unit.name, href: base + "?unitId=\(try child.unit.requireID().uuidString)",
        figure: .init(labelKey: "", child.overall),
        assessment: child.target.map { DisplayFormat.score($0.assessment) } ?? "–",
        stretch: child.target.map { DisplayFormat.score($0.stretch) } ?? "–",
        outcomeKey: child.target.flatMap { t in mean.map { "survey.outcome.\(t.outcome(for: $0).rawValue)" } } ?? "survey.outcome.none",
        change: change(mean, child.previous))
    }
  }

  /// The unit's mean per service module.
  static func moduleChart(_ selected: ScoreService.UnitScores, text: (String) -> String, noData: String) -> ChartView {
    ChartView(
      RadarChart(
        title: text("survey.chart.modules"), axes: ServiceModule.allCases.map { text("module.\($0.rawValue)") },
        series: [
          ChartSeries(name: selected.unit.name, values: ServiceModule.allCases.map { selected.modules[$0]?.summary()?.mean })
        ], valueFormat: .oneDecimal, noDataText: noData))
  }

  static func unitChart(
    _ scores: ScoreService.WaveScores, of parent: ScoreService.UnitScores, base: String, text: (String) -> String, noData: String
  ) throws -> ChartView {
    let units = children(scores, of: parent)
    return ChartView(
      BarChart(
        title: text("survey.chart.units"), categories: units.map(\.unit.name),
        series: [
          ChartSeries(
            name: text("survey.satisfaction"), values: units.map { $0.overall.summary()?.mean },
            links: try units.map { base + "?unitId=\(try $0.unit.requireID().uuidString)" }),
          ChartSeries(name: text("survey.assessment_target"), values: units.map { $0.target?.assessment }),
        ], valueFormat: .oneDecimal, target: parent.target?.assessment, targetLabel: text("survey.assessment_target"),
        noDataText: noData))
  }

  static func trendChart(
    _ unit: OrgUnit, wave: SurveyWave, on db: any Database, text: (String) -> String, noData: String
  ) async throws -> ChartView {
    let waves = try await SurveyWave.query(on: db).filter(\.$year <= wave.year).sort(\.$year).all()
    let paths = try await ScoreService.unitPaths(on: db)
    var labels: [String] = []
    var values: [Double?] = []
    for w in waves.suffix(6) {
      labels.append("\(w.year) \(w.code)")
      values.append(try await ScoreService.overallMeans(waveID: w.requireID(), paths: paths, on: db)[unit.requireID()])
    }
    return ChartView(
      LineChart(
        title: text("survey.chart.trend"), xLabels: labels, series: [ChartSeries(name: unit.name, values: values)],
        valueFormat: .oneDecimal, noDataText: noData))
  }

  struct CountRow: Decodable {
    let unit_id: UUID
    let question_code: String
    let raw: String
    let n: Int
  }

  /// Share of each scale answer per five-point item in the unit's subtree (unweighted counts).
  static func distributions(
    wave: SurveyWave, unit: OrgUnit, scores: ScoreService.UnitScores, on db: any Database, locale: String
  ) async throws -> [ScoresPage.Distribution] {
    let sql = db.sql
    let rows = try await sql.raw(
      """
      SELECT unit_id, question_code, raw, COUNT(*) AS n FROM survey_answers
      WHERE wave_id = \(bind: wave.requireID()) AND module IS NOT NULL GROUP BY unit_id, question_code, raw
      """
    ).all(decoding: CountRow.self)
    let paths = try await ScoreService.unitPaths(on: db)
    var counts: [String: [String: Int]] = [:]
    for row in rows where paths[row.unit_id].map(unit.unitPath.contains) == true {
      counts[row.question_code, default: [:]][row.raw, default: 0] += row.n
    }
    let questionnaire = try wave.questionnaire
    return questionnaire.questions.filter { $0.kind == .fivePoint }.map { q in
      let byCode = counts[q.code] ?? [:]
      let total = max(1, byCode.values.reduce(0, +))
      return .init(
        code: q.code, text: locale == "en" ? q.textEn : q.textZh, figure: .init(labelKey: "", scores.items[q.code]),
        shares: questionnaire.scale.points.map { DisplayFormat.percent(Double(byCode[String($0.code)] ?? 0) / Double(total)) })
    }
  }
}
