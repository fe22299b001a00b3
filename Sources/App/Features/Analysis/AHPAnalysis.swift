import Analytics
import Foundation

/// `analyze ahp`: one judgment matrix, or several judges combined by AIJ (geometric mean of the
/// judgments, then one eigenvector) or AIP (geometric mean of each judge's priorities).
enum AHPAnalysis {
  struct Outcome: Sendable {
    let criteria: [String]
    let method: String?  // nil for a single matrix, else "AIJ" / "AIP"
    let weights: [Double]
    /// The result whose consistency is reported at the top level: the matrix itself, the AIJ
    /// aggregate, or (AIP) the least consistent judge.
    let summary: AHPResult
    /// 1-based judge of `summary` for AIP.
    let summaryJudge: Int?
    let judges: [AHPResult]
  }

  static func run(inputPath: String) throws -> Outcome {
    let json = try JSONParser.parse(AnalysisFiles.read(inputPath, what: "input"), source: inputPath)
    return try run(json, source: inputPath)
  }

  static func run(_ json: JSONValue, source: String) throws -> Outcome {
    // `problem` completes the key `analysis.fail.ahp.`; its texts start with the source.
    func bad(_ problem: String, _ args: String...) -> AnalysisFailure {
      AnalysisFailure(key: "analysis.fail.ahp." + problem, args: [source] + args)
    }
    guard case .object = json else { throw bad("not_object") }
    guard let list = json["criteria"]?.arrayValue else { throw bad("criteria_not_array") }
    let criteria = try list.map { v -> String in
      guard let s = v.stringValue, !s.isEmpty else { throw bad("criterion_not_string") }
      return s
    }
    guard !criteria.isEmpty else { throw bad("criteria_empty") }
    guard criteria.count <= PairwiseComparisonMatrix.maximumCriteria else {
      throw AnalyticsError.tooManyCriteria(count: criteria.count, maximum: PairwiseComparisonMatrix.maximumCriteria)
    }
    var seen = Set<String>()
    for c in criteria where !seen.insert(c).inserted { throw bad("criterion_twice", c) }

    func matrix(_ value: JSONValue, label: String) throws -> PairwiseComparisonMatrix {
      guard let rows = value.arrayValue else { throw bad("rows_not_array", label) }
      guard rows.count == criteria.count else {
        throw bad("row_count", label, String(rows.count), String(criteria.count))
      }
      let numbers = try rows.enumerated().map { i, row -> [Double] in
        guard let cells = row.arrayValue else { throw bad("row_not_array", label, String(i + 1)) }
        guard cells.count == criteria.count else {
          throw bad("row_length", label, String(i + 1), String(cells.count), String(criteria.count))
        }
        return try cells.enumerated().map { j, cell in
          if let d = cell.doubleValue { return d }
          if let s = cell.stringValue, let d = fraction(s) { return d }
          throw bad("cell_not_number", label, String(i + 1), String(j + 1))
        }
      }
      do {
        return try PairwiseComparisonMatrix(numbers)
      } catch let e as AnalyticsError {
        throw describe(e, criteria: criteria, label: label)
      }
    }

    let single = json["matrix"], judges = json["judges"]
    guard (single == nil) != (judges == nil) else { throw bad(single != nil ? "matrix_and_judges" : "no_matrix") }
    if let single {
      if json["method"] != nil { throw bad("method_without_judges") }
      let result = AHP.analyze(try matrix(single, label: "matrix"))
      return Outcome(criteria: criteria, method: nil, weights: result.weights, summary: result, summaryJudge: nil, judges: [])
    }
    guard let judgeList = judges?.arrayValue, !judgeList.isEmpty else {
      throw bad("judges_not_array")
    }
    let matrices = try judgeList.enumerated().map { try matrix($1, label: "judges[\($0)]") }
    var judgeWeights: [Double]?
    if let w = json["judgeWeights"] {
      let numbers = w.arrayValue?.compactMap(\.doubleValue)
      guard let numbers, numbers.count == matrices.count, numbers.count == w.arrayValue?.count else {
        throw bad("judge_weights", String(matrices.count))
      }
      judgeWeights = numbers
    }
    let individual = matrices.map { AHP.analyze($0) }
    let method = (json["method"].map { $0.stringValue ?? "?" } ?? "AIJ").uppercased()
    switch method {
    case "AIJ":
      let aggregate = AHP.analyze(try GroupAHP.aggregateJudgments(matrices, expertWeights: judgeWeights))
      return Outcome(
        criteria: criteria, method: "AIJ", weights: aggregate.weights, summary: aggregate, summaryJudge: nil, judges: individual)
    case "AIP":
      let weights = try GroupAHP.aggregatePriorities(matrices, expertWeights: judgeWeights, mean: .geometric)
      guard let worst = individual.indices.max(by: { individual[$0].consistencyRatio < individual[$1].consistencyRatio }) else {
        throw bad("judges_not_array")
      }
      return Outcome(
        criteria: criteria, method: "AIP", weights: weights, summary: individual[worst], summaryJudge: worst + 1, judges: individual)
    default:
      throw json["method"]?.stringValue.map { bad("method", $0) } ?? bad("method_type")
    }
  }

  /// "3", "0.5" or "1/3".
  static func fraction(_ s: String) -> Double? {
    let parts = s.split(separator: "/")
    if parts.count == 1 { return Double(s.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let a = Double(parts[0].trimmingCharacters(in: .whitespaces)),
      let b = Double(parts[1].trimmingCharacters(in: .whitespaces)), b != 0
    else { return nil }
    return a / b
  }

  /// A library error about the matrix at `label` (`matrix`, `judges[0]`…) naming the
  /// criteria instead of bare indices; any other library error as it is.
  static func describe(_ e: AnalyticsError, criteria: [String], label: String) -> any Error {
    guard case .nonReciprocalMatrix(let row, let column, let value, let mirror) = e, row < criteria.count, column < criteria.count
    else { return e }
    if row == column { return AnalysisFailure("analysis.fail.ahp_diagonal", label, criteria[row], "\(value)") }
    return AnalysisFailure(
      "analysis.fail.ahp_not_reciprocal", label, criteria[row], criteria[column], "\(value)", "\(mirror)", "\(1 / value)")
  }

  static func revisit(_ r: AHPResult, criteria: [String], judge: Int?) -> JSONValue? {
    guard !r.isConsistent, let j = r.mostInconsistentJudgment else { return nil }
    var m: [(String, JSONValue)] = [
      ("row", .string(criteria[j.row])), ("column", .string(criteria[j.column])), ("judgment", .number(j.judgment)),
      ("suggested", .number(j.implied)), ("deviation", .number(j.deviation)),
    ]
    if let judge { m.insert(("judge", .integer(judge)), at: 0) }
    return .object(m)
  }

  static func json(_ o: Outcome) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("weights", .object(zip(o.criteria, o.weights).map { ($0, .number($1)) })),
      ("lambdaMax", .number(o.summary.lambdaMax)),
      ("ci", .number(o.summary.consistencyIndex)),
      ("cr", .number(o.summary.consistencyRatio)),
      ("consistent", .bool(o.summary.isConsistent)),
    ]
    if let r = revisit(o.summary, criteria: o.criteria, judge: o.summaryJudge) { members.append(("revisit", r)) }
    if let method = o.method {
      members.append(("method", .string(method)))
      members.append(
        (
          "judges",
          .array(
            o.judges.enumerated().map { k, r in
              var m: [(String, JSONValue)] = [
                ("weights", .object(zip(o.criteria, r.weights).map { ($0, .number($1)) })),
                ("lambdaMax", .number(r.lambdaMax)), ("ci", .number(r.consistencyIndex)), ("cr", .number(r.consistencyRatio)),
                ("consistent", .bool(r.isConsistent)),
              ]
              if let v = revisit(r, criteria: o.criteria, judge: nil) { m.append(("revisit", v)) }
              return .object(m)
            })
        ))
    }
    return .object(members)
  }

  static func tables(_ o: Outcome) -> String {
    var t = TextTable(header: ["criterion", "weight"])
    for (c, w) in zip(o.criteria, o.weights) { t.add([c, TextTable.fmt(w)]) }
    var out = [
      (o.method.map { "Group AHP (\($0)), \(o.judges.count) judges" } ?? "AHP, \(o.criteria.count) criteria") + "\n" + t.render()
    ]
    let s = o.summary
    let whose = o.summaryJudge.map { " (least consistent judge: \($0))" } ?? (o.method != nil ? " (aggregated matrix)" : "")
    out.append(
      "\nλmax \(TextTable.fmt(s.lambdaMax)), CI \(TextTable.fmt(s.consistencyIndex)), CR \(TextTable.fmt(s.consistencyRatio))\(whose): "
        + (s.isConsistent ? "consistent (CR < 0.10)" : "NOT consistent (CR ≥ 0.10)"))
    if !s.isConsistent, let j = s.mostInconsistentJudgment {
      out.append(
        "Revisit: '\(o.criteria[j.row])' vs '\(o.criteria[j.column])' judged \(TextTable.fmt(j.judgment, digits: 3, trim: true)); "
          + "the weights suggest about \(TextTable.fmt(j.implied, digits: 3, trim: true))")
    }
    if o.method != nil {
      var jt = TextTable(header: ["judge", "λmax", "CI", "CR", "consistent"])
      for (k, r) in o.judges.enumerated() {
        jt.add([
          "\(k + 1)", TextTable.fmt(r.lambdaMax), TextTable.fmt(r.consistencyIndex), TextTable.fmt(r.consistencyRatio),
          r.isConsistent ? "yes" : "no",
        ])
      }
      out.append("\nJudges\n" + jt.render())
    }
    return out.joined(separator: "\n")
  }
}
