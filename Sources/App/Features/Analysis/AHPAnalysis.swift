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
    func bad(_ message: String) -> AnalysisFailure { AnalysisFailure("AHP input \(source): \(message)") }
    guard case .object = json else { throw bad("expected a JSON object with \"criteria\" and \"matrix\" or \"judges\"") }
    guard let list = json["criteria"]?.arrayValue else { throw bad("\"criteria\" must be an array of names") }
    let criteria = try list.map { v -> String in
      guard let s = v.stringValue, !s.isEmpty else { throw bad("criteria must be non-empty strings") }
      return s
    }
    guard !criteria.isEmpty else { throw bad("\"criteria\" is empty") }
    guard criteria.count <= PairwiseComparisonMatrix.maximumCriteria else {
      throw AnalyticsError.tooManyCriteria(count: criteria.count, maximum: PairwiseComparisonMatrix.maximumCriteria)
    }
    var seen = Set<String>()
    for c in criteria where !seen.insert(c).inserted { throw bad("criterion '\(c)' is listed twice") }

    func matrix(_ value: JSONValue, label: String) throws -> PairwiseComparisonMatrix {
      guard let rows = value.arrayValue else { throw bad("\(label) must be an array of rows") }
      guard rows.count == criteria.count else {
        throw bad("\(label) has \(rows.count) rows for \(criteria.count) criteria")
      }
      let numbers = try rows.enumerated().map { i, row -> [Double] in
        guard let cells = row.arrayValue else { throw bad("\(label) row \(i + 1) must be an array") }
        guard cells.count == criteria.count else {
          throw bad("\(label) row \(i + 1) has \(cells.count) values for \(criteria.count) criteria")
        }
        return try cells.enumerated().map { j, cell in
          if let d = cell.doubleValue { return d }
          if let s = cell.stringValue, let d = fraction(s) { return d }
          throw bad("\(label) row \(i + 1), column \(j + 1) is not a number (use 3, 0.333 or \"1/3\")")
        }
      }
      do {
        return try PairwiseComparisonMatrix(numbers)
      } catch let e as AnalyticsError {
        throw AnalysisFailure("\(label): \(describe(e, criteria: criteria))")
      }
    }

    let hasMatrix = json["matrix"] != nil, hasJudges = json["judges"] != nil
    guard hasMatrix != hasJudges else { throw bad("give either \"matrix\" or \"judges\", not \(hasMatrix ? "both" : "neither")") }
    if hasMatrix {
      if json["method"] != nil { throw bad("\"method\" applies only to \"judges\"") }
      let result = AHP.analyze(try matrix(json["matrix"]!, label: "matrix"))
      return Outcome(criteria: criteria, method: nil, weights: result.weights, summary: result, summaryJudge: nil, judges: [])
    }
    guard let judgeList = json["judges"]!.arrayValue, !judgeList.isEmpty else {
      throw bad("\"judges\" must be a non-empty array of matrices")
    }
    let matrices = try judgeList.enumerated().map { try matrix($1, label: "judge \($0 + 1) matrix") }
    var judgeWeights: [Double]?
    if let w = json["judgeWeights"] {
      guard let arr = w.arrayValue, arr.count == matrices.count, arr.allSatisfy({ $0.doubleValue != nil }) else {
        throw bad("\"judgeWeights\" must hold one number per judge (\(matrices.count))")
      }
      judgeWeights = arr.map { $0.doubleValue! }
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
      let worst = individual.indices.max { individual[$0].consistencyRatio < individual[$1].consistencyRatio }!
      return Outcome(
        criteria: criteria, method: "AIP", weights: weights, summary: individual[worst], summaryJudge: worst + 1, judges: individual)
    default:
      throw bad("\"method\" must be \"AIJ\" or \"AIP\", got \(json["method"]!.stringValue.map { "\"\($0)\"" } ?? "a non-string")")
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

  /// Library errors with criterion names instead of bare indices.
  static func describe(_ e: AnalyticsError, criteria: [String]) -> String {
    if case .nonReciprocalMatrix(let row, let column, let value, let mirror) = e, row < criteria.count, column < criteria.count {
      if row == column {
        return "\(e.description) — the diagonal entry of '\(criteria[row])' must be 1"
      }
      return
        "\(e.description) — '\(criteria[row])' vs '\(criteria[column])' is \(value) but the mirror entry is \(mirror), expected \(1 / value)"
    }
    return e.description
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
