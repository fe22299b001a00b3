import Charts
import Domain
import Foundation

extension ReportPage {
  /// What every version of the report shows: the wave, the unit choice and the plan.
  struct Frame {
    let chrome: Chrome
    let year: Int
    let waveName: String
    let units: [Choice]
    let planText: String
  }

  /// What the report of one unit is made from, as read.
  struct Facts {
    let scores: ScoreService.WaveScores
    let chosen: ScoreService.UnitScores
    let summary: ScoreSummary
    let respondents: Int
    let comments: [String]
    /// Department names per module, in the reader's language.
    let departments: [ServiceModule: [String]]
    /// The report's link, to which a unit is added.
    let unitBase: String
  }

  static func planText(_ plan: SamplingPlan, text: (String, String) -> String) -> String {
    switch plan.size {
    case .count(let n): text("survey.plan.count", String(n))
    case .fraction(let f): text("survey.plan.percent", DisplayFormat.percent(f))
    }
  }

  /// The report of a wave without answers in the viewer's units.
  static func empty(_ frame: Frame) -> ReportPage {
    ReportPage(
      chrome: frame.chrome, unitName: "", year: frame.year, waveName: frame.waveName, units: frame.units, hasData: false,
      planText: frame.planText, respondents: 0, mean: "", rate: "", meanCI: "", target: "", outcomeKey: "", change: "", comments: 0,
      commentShare: "", modules: [], problems: [], unmatched: 0, measures: [], moduleChart: .empty, unitChart: .empty,
      problemChart: .empty, hasUnits: false)
  }

  static func make(_ facts: Facts, _ frame: Frame, text: (String) -> String) throws -> ReportPage {
    let chosen = facts.chosen
    let summary = facts.summary
    let noData = text("survey.no_data")
    let tally = CommentTopics.standard.tally(facts.comments)
    let problems = Self.problems(facts, byModule: tally.byModule)
    return ReportPage(
      chrome: frame.chrome, unitName: chosen.unit.name, year: frame.year, waveName: frame.waveName, units: frame.units, hasData: true,
      planText: frame.planText, respondents: facts.respondents, mean: DisplayFormat.score(summary.mean),
      rate: DisplayFormat.percent(summary.satisfactionRate),
      meanCI: "\(DisplayFormat.score(summary.meanCI.low))–\(DisplayFormat.score(summary.meanCI.high))",
      target: chosen.target.map { "\(DisplayFormat.score($0.assessment)) / \(DisplayFormat.score($0.stretch))" } ?? "–",
      outcomeKey: chosen.target.map { "survey.outcome.\($0.outcome(for: summary.mean).rawValue)" } ?? "survey.outcome.none",
      change: ScoresPagesController.change(summary.mean, chosen.previous), comments: facts.comments.count,
      commentShare: DisplayFormat.percent(Double(facts.comments.count) / Double(max(facts.respondents, 1))),
      modules: modules(chosen), problems: problems, unmatched: tally.unmatched, measures: measures(facts),
      moduleChart: ScoresPagesController.moduleChart(chosen, text: text, noData: noData),
      unitChart: try ScoresPagesController.unitChart(facts.scores, of: chosen, base: facts.unitBase, text: text, noData: noData),
      problemChart: ChartView(
        BarChart(
          title: text("report.chart.problems"), categories: problems.map { text($0.labelKey) },
          series: [ChartSeries(name: text("report.chart.mentions"), values: problems.map { Double($0.count) })],
          valueFormat: .integer, noDataText: noData)),
      hasUnits: !ScoresPagesController.children(facts.scores, of: chosen).isEmpty)
  }

  static func modules(_ chosen: ScoreService.UnitScores) -> [ModuleRow] {
    ServiceModule.allCases.map { m in
      let s = chosen.modules[m]?.summary()
      return .init(
        labelKey: "module.\(m.rawValue)", mean: s.map { DisplayFormat.score($0.mean) } ?? "–",
        rate: s.map { DisplayFormat.percent($0.satisfactionRate) } ?? "–", n: s?.n ?? 0)
    }
  }

  /// The modules comments complain about, most mentioned first, with up to three examples.
  static func problems(_ facts: Facts, byModule: [ServiceModule: Int]) -> [Problem] {
    ServiceModule.allCases.compactMap { m in
      guard let count = byModule[m] else { return nil }
      return .init(
        labelKey: "module.\(m.rawValue)", count: count, share: DisplayFormat.percent(Double(count) / Double(max(facts.respondents, 1))),
        examples: ReportPagesController.distinct(
          facts.comments.filter { CommentTopics.standard.modules(of: $0).contains(m) }, limit: 3))
    }.sorted { $0.count > $1.count }
  }

  /// The three weakest modules and the departments that answer for them.
  static func measures(_ facts: Facts) -> [Measure] {
    ServiceModule.allCases.compactMap { m in facts.chosen.modules[m]?.summary().map { (m, $0.mean) } }
      .sorted { $0.1 < $1.1 }.prefix(3).map { module, mean in
        .init(
          labelKey: "module.\(module.rawValue)", mean: DisplayFormat.score(mean),
          departments: (facts.departments[module] ?? []).joined(separator: "、"))
      }
  }
}
