import Analytics
import Foundation

/// `analyze roughset`: dependency, significance, core, one reduct and attribute weights of a
/// decision table read from CSV. Every column other than the decision (and an unnamed row-name
/// column) is a condition attribute unless `--attributes` lists them.
enum RoughSetAnalysis {
  enum DiscretizeRule: Equatable {
    case equalFrequency(Int), equalWidth(Int), cuts([Double])

    static func parse(_ text: String) throws -> DiscretizeRule {
      let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
      let usage = AnalysisFailure("analysis.fail.discretize", text)
      guard parts.count == 2 else { throw usage }
      switch parts[0].lowercased() {
      case "equal-frequency", "equal-width":
        guard let k = Int(parts[1]), k >= 2, k <= 1000 else { throw AnalysisFailure("analysis.fail.discretize_bins", text) }
        return parts[0].lowercased() == "equal-width" ? .equalWidth(k) : .equalFrequency(k)
      case "cuts":
        let cuts = try parts[1].split(separator: ",", omittingEmptySubsequences: false).map { s -> Double in
          guard let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite else { throw usage }
          return d
        }
        guard zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }) else {
          throw AnalysisFailure("analysis.fail.discretize_cuts", parts[1])
        }
        return .cuts(cuts)
      default:
        throw usage
      }
    }

    func apply(_ x: [Double]) throws -> [Int] {
      switch self {
      case .equalFrequency(let k): return try Discretization.equalFrequency(x, bins: k)
      case .equalWidth(let k): return try Discretization.equalWidth(x, bins: k)
      case .cuts(let c): return try Discretization.cutPoints(x, cuts: c)
      }
    }
  }

  struct Outcome: Sendable {
    let table: DecisionTable
    let objectsRead: Int
    let dependency: Double
    let significance: [Double]
    let core: [Int]
    let reduct: [Int]
    let weights: RoughSetWeights
  }

  static func run(dataPath: String, decision: String, discretize: String?, attributes: String?) throws -> Outcome {
    let rule = try discretize.map(DiscretizeRule.parse)
    let requested = attributes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    if let r = requested, r.isEmpty { throw AnalysisFailure("analysis.fail.attributes_empty") }
    var conditionPositions: [Int] = []
    var decisionPosition = 0
    var header: [String] = []
    let table = try FastCSV.read(path: dataPath) { h in
      header = h
      guard let d = h.firstIndex(of: decision) else {
        throw AnalysisFailure("analysis.fail.decision_column_missing", decision, dataPath)
      }
      decisionPosition = d
      if let r = requested {
        conditionPositions = try r.map { name in
          guard let j = h.firstIndex(of: name) else {
            throw AnalysisFailure("analysis.fail.attribute_column_missing", name, dataPath)
          }
          guard j != d else { throw AnalysisFailure("analysis.fail.attribute_is_decision", name) }
          return j
        }
      } else {
        conditionPositions = h.indices.filter { $0 != d && !h[$0].isEmpty }
      }
      guard !conditionPositions.isEmpty else {
        throw AnalysisFailure("analysis.fail.no_condition_attribute", dataPath, decision)
      }
      var kinds = [CSVColumnKind](repeating: .skip, count: h.count)
      for j in conditionPositions + [d] { kinds[j] = .text }
      return kinds
    }
    let used = conditionPositions + [decisionPosition]
    // The reader fills every column asked for as text, one value per row.
    let usedColumns = try used.map { j -> [String?] in
      guard let column = table.text[j], column.count == table.rowCount else {
        throw AnalysisFailure("analysis.fail.no_data_rows", dataPath)
      }
      return column
    }
    let keep = (0..<table.rowCount).filter { i in usedColumns.allSatisfy { $0[i] != nil } }
    guard keep.count >= 2 else {
      throw AnalysisFailure("analysis.fail.too_few_complete_rows", dataPath, String(keep.count))
    }
    func codes(_ values: [String]) -> [Int] {
      var map: [String: Int] = [:]
      return values.map { v in
        if let c = map[v] { return c }
        map[v] = map.count
        return map.count - 1
      }
    }
    var conditions: [[Int]] = []
    for k in conditionPositions.indices {
      let column = keep.compactMap { usedColumns[k][$0] }
      if let rule {
        let numbers = column.compactMap { Double($0) }
        if numbers.count == column.count {
          conditions.append(try rule.apply(numbers))
          continue
        }
      }
      conditions.append(codes(column))
    }
    let decisionValues = keep.compactMap { usedColumns[used.count - 1][$0] }
    let t = try DecisionTable(
      conditionNames: conditionPositions.map { header[$0] }, conditions: conditions, decisionName: decision,
      decision: codes(decisionValues))
    let all = t.allConditions
    return Outcome(
      table: t, objectsRead: table.rowCount, dependency: t.dependency(all), significance: all.map { t.significance(of: $0) },
      core: t.core(), reduct: t.reduct(), weights: t.attributeWeights())
  }

  /// What `wanjia analyze roughset --json` prints, in this order.
  struct Outputs: Codable {
    let dependency: Double
    let significance: NamedValues<Double>
    let core: [String]
    let reduct: [String]
    let weights: NamedValues<Double>
    let weightMethod: String
    let objects: Int
    let rowsDropped: Int

    init(_ o: Outcome) {
      let names = o.table.conditionNames
      dependency = o.dependency
      significance = NamedValues(zip(names, o.significance))
      core = o.core.map { names[$0] }
      reduct = o.reduct.map { names[$0] }
      weights = NamedValues(zip(names, o.weights.weights))
      weightMethod = o.weights.method.rawValue
      objects = o.table.objectCount
      rowsDropped = o.objectsRead - o.table.objectCount
    }
  }

  static func tables(_ o: Outcome) -> String {
    let names = o.table.conditionNames
    var t = TextTable(header: ["attribute", "significance", "weight", "core", "reduct"])
    for k in names.indices {
      t.add([
        names[k], TextTable.fmt(o.significance[k]), TextTable.fmt(o.weights.weights[k]), o.core.contains(k) ? "yes" : "",
        o.reduct.contains(k) ? "yes" : "",
      ])
    }
    var lines = [
      "Rough set: \(o.table.objectCount) objects"
        + (o.objectsRead > o.table.objectCount ? " (\(o.objectsRead - o.table.objectCount) incomplete rows dropped)" : "")
        + ", decision '\(o.table.decisionName)', dependency γ(C, D) = \(TextTable.fmt(o.dependency))",
      t.render(),
      "Weights by \(o.weights.method.rawValue)",
    ]
    lines.append("Core: " + (o.core.isEmpty ? "(empty)" : o.core.map { names[$0] }.joined(separator: ", ")))
    lines.append("Reduct: " + o.reduct.map { names[$0] }.joined(separator: ", "))
    return lines.joined(separator: "\n")
  }
}
