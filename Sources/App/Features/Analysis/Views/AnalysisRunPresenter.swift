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

  static func settingsText(_ run: AnalysisRun) -> String {
    (try? JSONParser.parse(Array(run.settings.utf8), source: "settings").render(pretty: true)) ?? run.settings
  }

  func csi(_ out: JSONValue, settings: JSONValue) -> AnalysisRunPage.CSI {
    let names = out["index"]?.objectKeys ?? []
    let formative = Set(
      (settings["model"]?["constructs"]?.arrayValue ?? []).filter { $0["mode"]?.stringValue == "B" }.compactMap { $0["name"]?.stringValue })
    let loadings = loadings(out, names: names, formative: formative)
    let constructs = constructs(out, names: names, formative: formative)
    let pairs = htmt(out, names: names)
    let failures =
      loadings.filter { $0.loading.pass == false }.count
      + constructs.filter { $0.rhoC.pass == false || $0.ave.pass == false }.count + pairs.filter { $0.htmt.pass == false }.count
    let target = out["ipmaTarget"]?.stringValue
    let used = out["rows"]?["used"]?.doubleValue.map { String(Int($0)) } ?? "–"
    let input = out["rows"]?["input"]?.doubleValue.map { String(Int($0)) } ?? "–"
    let groupBy = settings["groupBy"]?.stringValue
    return .init(
      pathDiagram: pathDiagram(out, names: names).svg(), loadings: loadings, constructs: constructs, htmt: pairs, failures: failures,
      ipmaTarget: target.map(label) ?? "", ipmaChart: ipmaChart(out, target: target), rowsUsed: "\(used) / \(input)",
      converged: out["converged"] == .bool(true), hasInterval: out["indexInterval"] != nil,
      groupColumn: groupBy.map { text("analysis.group_by_\($0)") } ?? out["groupColumn"]?.stringValue ?? "", groupHeaders: names.map(label),
      groups: groups(out, names: names, groupBy: groupBy))
  }

  func pathDiagram(_ out: JSONValue, names: [String]) -> PathDiagram {
    let r2 = out["rSquared"]
    let paths = out["paths"]
    return PathDiagram(
      title: text("analysis.path_diagram"), description: text("analysis.path_diagram_help"),
      nodes: names.map { PathNode(name: label($0), rSquared: r2?[$0]?.doubleValue) },
      edges: (paths?.objectKeys ?? []).flatMap { from in
        (paths?[from]?.objectKeys ?? []).map { to in
          PathEdge(from: label(from), to: label(to), coefficient: paths?[from]?[to]?.doubleValue ?? .nan)
        }
      }, rSquaredLabel: "R²", noDataText: text("survey.no_data"))
  }

  /// Outer weights and loadings; a reflective indicator's loading is checked against its threshold.
  func loadings(_ out: JSONValue, names: [String], formative: Set<String>) -> [AnalysisRunPage.LoadingRow] {
    names.flatMap { name in
      let block = out["loadings"]?[name]
      return (block?.objectKeys ?? []).map { indicator in
        AnalysisRunPage.LoadingRow(
          construct: label(name), indicator: indicator,
          weight: MarkedValue(out["outerWeights"]?[name]?[indicator]?.doubleValue).value,
          loading: MarkedValue(block?[indicator]?.doubleValue, passes: formative.contains(name) ? nil : { $0 >= QualityThresholds.loading })
        )
      }
    }
  }

  func constructs(_ out: JSONValue, names: [String], formative: Set<String>) -> [AnalysisRunPage.ConstructRow] {
    names.map { name in
      let q = out["quality"]?[name]
      let reflective = !formative.contains(name)
      return .init(
        name: label(name), rSquared: out["rSquared"]?[name]?.doubleValue.map { String(format: "%.3f", $0) } ?? "",
        index: out["index"]?[name]?.doubleValue.map(DisplayFormat.score) ?? "–",
        interval: Self.interval(out["indexInterval"]?[name]),
        alpha: MarkedValue(q?["alpha"]?.doubleValue), rhoA: MarkedValue(q?["rhoA"]?.doubleValue),
        rhoC: MarkedValue(q?["rhoC"]?.doubleValue, passes: reflective ? { $0 >= QualityThresholds.rhoC } : nil),
        ave: MarkedValue(q?["ave"]?.doubleValue, passes: reflective ? { $0 >= QualityThresholds.ave } : nil))
    }
  }

  /// The heterotrait–monotrait ratio of each pair of constructs.
  func htmt(_ out: JSONValue, names: [String]) -> [AnalysisRunPage.PairRow] {
    names.enumerated().flatMap { a, first in
      names[..<a].map { second in
        AnalysisRunPage.PairRow(
          first: label(first), second: label(second),
          htmt: MarkedValue(out["htmt"]?[first]?[second]?.doubleValue, passes: { $0 < QualityThresholds.htmt }))
      }
    }
  }

  /// A wave run groups by unit (names saved) or segment (codes saved, shown translated).
  func groups(_ out: JSONValue, names: [String], groupBy: String?) -> [AnalysisRunPage.GroupRow] {
    (out["groups"]?.objectKeys ?? []).map { value in
      let g = out["groups"]?[value]
      return .init(
        label: groupBy == CSIRuns.WaveGrouping.segment.rawValue ? text("survey.segment.\(value)") : value,
        n: g?["n"]?.doubleValue.map { String(Int($0)) } ?? "–",
        index: names.map { g?["index"]?[$0]?.doubleValue.map(DisplayFormat.score) ?? "–" })
    }
  }

  /// "[lower, upper]" of a bootstrap interval on the 0–100 scale, "" without one.
  static func interval(_ value: JSONValue?) -> String {
    guard let lower = value?["lower"]?.doubleValue, let upper = value?["upper"]?.doubleValue else { return "" }
    return "[\(DisplayFormat.score(lower)), \(DisplayFormat.score(upper))]"
  }

  func ipmaChart(_ out: JSONValue, target: String?) -> String {
    let entries = out["ipma"]?.arrayValue ?? []
    let points = entries.compactMap { e -> ScatterPoint? in
      guard let name = e["construct"]?.stringValue, let x = e["importance"]?.doubleValue, let y = e["performance"]?.doubleValue
      else { return nil }
      return ScatterPoint(label: label(name), x: x, y: y)
    }
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

  func ahp(_ out: JSONValue, args: (String, [String]) -> String) -> AnalysisRunPage.AHP {
    let weights = out["weights"]
    let names = weights?.objectKeys ?? []
    let consistent = out["consistent"] == .bool(true)
    var revisit = ""
    if let r = out["revisit"], let row = r["row"]?.stringValue, let column = r["column"]?.stringValue {
      revisit = args(
        "analysis.ahp.revisit",
        [
          row, column, AHPRuns.format(r["judgment"]?.doubleValue ?? 1), String(format: "%.2f", r["suggested"]?.doubleValue ?? 1),
        ])
    }
    let values = names.map { weights?[$0]?.doubleValue }
    return .init(
      weights: zip(names, values).map { .init(criterion: $0, weight: $1.map(DisplayFormat.percent) ?? "–") },
      weightChart: BarChart(
        title: text("analysis.ahp.weights"), categories: names,
        series: [ChartSeries(name: text("analysis.ahp.weight"), values: values.map { $0.map { $0 * 100 } })],
        valueFormat: .init(decimals: 1, suffix: "%"), noDataText: text("survey.no_data")
      ).svg(),
      lambdaMax: String(format: "%.4f", out["lambdaMax"]?.doubleValue ?? 0), ci: String(format: "%.4f", out["ci"]?.doubleValue ?? 0),
      cr: String(format: "%.4f", out["cr"]?.doubleValue ?? 0), consistent: consistent, revisit: revisit)
  }
}
