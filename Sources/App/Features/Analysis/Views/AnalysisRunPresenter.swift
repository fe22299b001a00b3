import Charts
import Foundation

/// Builds the run page from what was saved (the outputs JSON), never by estimating again, so
/// the page shows exactly the stored result.
struct AnalysisRunPresenter {
  let text: (String) -> String

  /// A construct's display name: the questionnaire's constructs are translated, others shown as named.
  func label(_ name: String) -> String {
    let key = "analysis.construct.\(name)"
    let translated = text(key)
    return translated == key ? name : translated
  }

  /// What went in and who ran it; `run.scopeUnit` must be loaded (AnalysisRunService.find does).
  func facts(_ run: AnalysisRun) -> [AnalysisRunPage.Fact] {
    [
      .init(labelKey: "analysis.scope", value: run.$scopeUnit.value?.name ?? ""),
      .init(labelKey: "analysis.input", value: run.inputDescription),
      .init(labelKey: "analysis.input_hash", value: run.inputHash),
      .init(labelKey: "analysis.version", value: run.softwareVersion),
      .init(labelKey: "analysis.created_by", value: run.createdBy),
      .init(labelKey: "analysis.created_at", value: DisplayFormat.dateTime(run.createdAt)),
    ]
  }

  /// The settings as saved, indented for reading.
  static func settingsText(_ content: AnalysisRunContent) -> String {
    (try? content.settingsText(pretty: true)) ?? ""
  }

  /// Constructs and indicators are listed in the order of the model saved with the run.
  func csi(_ out: CSIOutputs, settings: CSIRunSettings) -> AnalysisRunPage.CSI {
    let model = settings.model.constructs ?? []
    let names = model.compactMap(\.name).filter { out.index[$0] != nil }
    let formative = Set(model.filter { $0.mode?.uppercased() == "B" }.compactMap(\.name))
    let diagram = PathDiagram(
      title: text("analysis.path_diagram"), description: text("analysis.path_diagram_help"),
      nodes: names.map { PathNode(name: label($0), rSquared: out.rSquared[$0]) },
      edges: names.flatMap { from in
        names.compactMap { to in
          out.paths[from]?[to].map { PathEdge(from: label(from), to: label(to), coefficient: $0) }
        }
      }, rSquaredLabel: "R²", noDataText: text("survey.no_data"))
    var loadings: [AnalysisRunPage.LoadingRow] = []
    for construct in model {
      guard let name = construct.name, let block = out.loadings[name] else { continue }
      for indicator in construct.indicators ?? [] {
        loadings.append(
          .init(
            construct: label(name), indicator: indicator, weight: MarkedValue(out.outerWeights[name]?[indicator]).value,
            loading: MarkedValue(block[indicator], passes: formative.contains(name) ? nil : { $0 >= QualityThresholds.loading })))
      }
    }
    let constructs = names.map { name -> AnalysisRunPage.ConstructRow in
      let q = out.quality[name]
      let reflective = !formative.contains(name)
      return .init(
        name: label(name), rSquared: out.rSquared[name].map { String(format: "%.3f", $0) } ?? "",
        index: out.index[name].map(DisplayFormat.score) ?? "–", interval: Self.interval(out.indexInterval?[name]),
        alpha: MarkedValue(q?.alpha ?? nil), rhoA: MarkedValue(q?.rhoA ?? nil),
        rhoC: MarkedValue(q?.rhoC ?? nil, passes: reflective ? { $0 >= QualityThresholds.rhoC } : nil),
        ave: MarkedValue(q?.ave ?? nil, passes: reflective ? { $0 >= QualityThresholds.ave } : nil))
    }
    var pairs: [AnalysisRunPage.PairRow] = []
    for (a, first) in names.enumerated() {
      for second in names[..<a] {
        pairs.append(
          .init(
            first: label(first), second: label(second),
            htmt: MarkedValue(out.htmt[first]?[second] ?? nil, passes: { $0 < QualityThresholds.htmt })))
      }
    }
    let failures =
      loadings.filter { $0.loading.pass == false }.count
      + constructs.filter { $0.rhoC.pass == false || $0.ave.pass == false }.count + pairs.filter { $0.htmt.pass == false }.count
    // A wave run groups by unit (names saved) or segment (codes saved, shown translated).
    let groupBy = settings.groupBy
    let groups = (out.groups?.pairs ?? []).map { value, g -> AnalysisRunPage.GroupRow in
      .init(
        label: groupBy == .segment ? text("survey.segment.\(value)") : value, n: String(g.n),
        index: names.map { (g.index[$0] ?? nil).map(DisplayFormat.score) ?? "–" })
    }
    return .init(
      pathDiagram: diagram.svg(), loadings: loadings, constructs: constructs, htmt: pairs, failures: failures,
      ipmaTarget: out.ipmaTarget.map(label) ?? "", ipmaChart: ipmaChart(out), rowsUsed: "\(out.rows.used) / \(out.rows.input)",
      converged: out.converged, hasInterval: out.indexInterval != nil,
      groupColumn: groupBy.map { text("analysis.group_by_\($0.rawValue)") } ?? out.groupColumn ?? "", groupHeaders: names.map(label),
      groups: groups)
  }

  /// "[lower, upper]" of a bootstrap interval on the 0–100 scale, "" without one.
  static func interval(_ value: CSIOutputs.Bounds?) -> String {
    guard let value else { return "" }
    return "[\(DisplayFormat.score(value.lower)), \(DisplayFormat.score(value.upper))]"
  }

  func ipmaChart(_ out: CSIOutputs) -> String {
    let target = out.ipmaTarget
    let points = out.ipma.map { ScatterPoint(label: label($0.construct), x: $0.importance, y: $0.performance) }
    func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
    return ScatterChart(
      title: text("analysis.ipma") + (target.map { " · " + label($0) } ?? ""), points: points,
      xAxisTitle: text("analysis.importance"), yAxisTitle: text("analysis.performance"), xDivider: mean(points.map(\.x)),
      yDivider: mean(points.map(\.y)),
      quadrantLabels: QuadrantLabels(
        topLeft: text("analysis.ipma.maintain"), topRight: text("analysis.ipma.keep"),
        bottomLeft: text("analysis.ipma.opportunity"), bottomRight: text("analysis.ipma.improve_first")),
      xFormat: .init(decimals: 3), yFormat: .oneDecimal, noDataText: text("survey.no_data")
    ).svg()
  }

  /// Criteria in the order they were entered.
  func ahp(_ out: AHPOutputs, criteria: [String], args: (String, [String]) -> String) -> AnalysisRunPage.AHP {
    let names = criteria.filter { out.weights[$0] != nil }
    var revisit = ""
    if let r = out.revisit {
      revisit = args(
        "analysis.ahp.revisit", [r.row, r.column, AHPRuns.format(r.judgment), String(format: "%.2f", r.suggested)])
    }
    let values = names.map { out.weights[$0] }
    return .init(
      weights: zip(names, values).map { .init(criterion: $0, weight: $1.map(DisplayFormat.percent) ?? "–") },
      weightChart: BarChart(
        title: text("analysis.ahp.weights"), categories: names,
        series: [ChartSeries(name: text("analysis.ahp.weight"), values: values.map { $0.map { $0 * 100 } })],
        valueFormat: .init(decimals: 1, suffix: "%"), noDataText: text("survey.no_data")
      ).svg(),
      lambdaMax: String(format: "%.4f", out.lambdaMax), ci: String(format: "%.4f", out.ci), cr: String(format: "%.4f", out.cr),
      consistent: out.consistent, revisit: revisit)
  }
}
