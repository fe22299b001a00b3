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

  /// The input file: `{"criteria":[…],"matrix":[[…]]}` or `{"criteria":[…],"judges":[…],"method":"AIJ"|"AIP","judgeWeights":[…]}`;
  /// a judgment is a number or text such as "1/3".
  struct InputFile: Decodable {
    /// A judgment as written: a number, or text that `fraction` reads.
    struct Judgment: Decodable {
      let value: Double?
      init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
          value = number
        } else {
          value = fraction(try container.decode(String.self))
        }
      }
    }

    var criteria: [String]?
    var matrix: [[Judgment]]?
    var judges: [[[Judgment]]]?
    var method: String?
    var judgeWeights: [Double]?
  }

  static func run(inputPath: String) throws -> Outcome {
    let data = try AnalysisJSON.read(inputPath, what: "input")
    let file = try AnalysisJSON.decode(InputFile.self, from: data, source: inputPath, notObject: "analysis.fail.ahp.not_object")
    return try run(file, source: inputPath)
  }

  static func run(_ file: InputFile, source: String) throws -> Outcome {
    // `problem` completes the key `analysis.fail.ahp.`; its texts start with the source.
    func bad(_ problem: String, _ args: String...) -> AnalysisFailure {
      AnalysisFailure(key: "analysis.fail.ahp." + problem, args: [source] + args)
    }
    guard let criteria = file.criteria else { throw bad("criteria_not_array") }
    guard criteria.allSatisfy({ !$0.isEmpty }) else { throw bad("criterion_not_string") }
    guard !criteria.isEmpty else { throw bad("criteria_empty") }
    guard criteria.count <= PairwiseComparisonMatrix.maximumCriteria else {
      throw AnalyticsError.tooManyCriteria(count: criteria.count, maximum: PairwiseComparisonMatrix.maximumCriteria)
    }
    var seen = Set<String>()
    for c in criteria where !seen.insert(c).inserted { throw bad("criterion_twice", c) }

    func matrix(_ rows: [[InputFile.Judgment]], label: String) throws -> PairwiseComparisonMatrix {
      guard rows.count == criteria.count else {
        throw bad("row_count", label, String(rows.count), String(criteria.count))
      }
      let numbers = try rows.enumerated().map { i, cells -> [Double] in
        guard cells.count == criteria.count else {
          throw bad("row_length", label, String(i + 1), String(cells.count), String(criteria.count))
        }
        return try cells.enumerated().map { j, cell in
          guard let value = cell.value else { throw bad("cell_not_number", label, String(i + 1), String(j + 1)) }
          return value
        }
      }
      do {
        return try PairwiseComparisonMatrix(numbers)
      } catch let e as AnalyticsError {
        throw describe(e, criteria: criteria, label: label)
      }
    }

    guard (file.matrix == nil) != (file.judges == nil) else { throw bad(file.matrix != nil ? "matrix_and_judges" : "no_matrix") }
    if let single = file.matrix {
      if file.method != nil { throw bad("method_without_judges") }
      let result = AHP.analyze(try matrix(single, label: "matrix"))
      return Outcome(criteria: criteria, method: nil, weights: result.weights, summary: result, summaryJudge: nil, judges: [])
    }
    guard let judgeList = file.judges, !judgeList.isEmpty else { throw bad("judges_not_array") }
    let matrices = try judgeList.enumerated().map { try matrix($1, label: "judges[\($0)]") }
    if let w = file.judgeWeights, w.count != matrices.count { throw bad("judge_weights", String(matrices.count)) }
    let individual = matrices.map { AHP.analyze($0) }
    switch (file.method ?? "AIJ").uppercased() {
    case "AIJ":
      let aggregate = AHP.analyze(try GroupAHP.aggregateJudgments(matrices, expertWeights: file.judgeWeights))
      return Outcome(
        criteria: criteria, method: "AIJ", weights: aggregate.weights, summary: aggregate, summaryJudge: nil, judges: individual)
    case "AIP":
      let weights = try GroupAHP.aggregatePriorities(matrices, expertWeights: file.judgeWeights, mean: .geometric)
      guard let worst = individual.indices.max(by: { individual[$0].consistencyRatio < individual[$1].consistencyRatio }) else {
        throw bad("judges_not_array")
      }
      return Outcome(
        criteria: criteria, method: "AIP", weights: weights, summary: individual[worst], summaryJudge: worst + 1, judges: individual)
    default:
      throw bad("method", file.method ?? "")
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
