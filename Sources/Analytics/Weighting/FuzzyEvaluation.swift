import Foundation

/// Fuzzy comprehensive evaluation (模糊综合评价) over the five-point satisfaction scale.
public struct FuzzyEvaluationResult: Sendable, Equatable {
  /// B = w·R normalised to sum 1: the membership of the whole object in each grade.
  public let gradeMembership: [Double]
  /// Σ B_k · score_k on 0–100.
  public let score: Double
  /// Grade with the largest membership (maximum-membership principle).
  public let dominantGrade: Int
}

public enum FuzzyEvaluation {
  /// Grade scores: very satisfied 100, fairly 80, basically 60, not very 40, very dissatisfied 0.
  public static let fivePointScores: [Double] = [100, 80, 60, 40, 0]

  /// Weighted-average operator M(·, ⊕): B = w·R. `membership[i][k]` is indicator i's membership in
  /// grade k (rows need not sum to 1; each is normalised so a row of counts works too).
  public static func evaluate(
    weights: [Double], membership: [[Double]], gradeScores: [Double] = fivePointScores
  ) throws
    -> FuzzyEvaluationResult
  {
    let r = try Matrix(rowArrays: membership)
    guard r.rows == weights.count, r.rows > 0 else {
      throw AnalyticsError.dimensionMismatch(context: "\(weights.count) weights for \(r.rows) membership rows")
    }
    guard r.cols == gradeScores.count else {
      throw AnalyticsError.dimensionMismatch(context: "\(r.cols) grades in the membership matrix, \(gradeScores.count) grade scores")
    }
    guard (weights + r.values).allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw AnalyticsError.invalidArgument("weights and memberships must be finite and non-negative")
    }
    let ws = weights.reduce(0, +)
    guard ws > 0 else { throw AnalyticsError.invalidArgument("weights sum to 0") }
    var b = [Double](repeating: 0, count: r.cols)
    for i in 0..<r.rows {
      let row = r.row(i)
      let rs = row.reduce(0, +)
      guard rs > 0 else { throw AnalyticsError.invalidArgument("membership row \(i + 1) is all zero") }
      for k in 0..<r.cols { b[k] += weights[i] / ws * row[k] / rs }
    }
    let total = b.reduce(0, +)
    b = b.map { $0 / total }
    let score = zip(b, gradeScores).reduce(0.0) { $0 + $1.0 * $1.1 }
    let dominant = b.indices.max { b[$0] < b[$1] } ?? 0
    return FuzzyEvaluationResult(gradeMembership: b, score: score, dominantGrade: dominant)
  }

  /// Membership matrix from survey answers: `responses[i]` holds grade indices (0 = best) given
  /// to indicator i; membership = share of respondents choosing each grade.
  public static func membership(responses: [[Int]], grades: Int = 5) throws -> [[Double]] {
    try responses.enumerated().map { i, answers in
      guard !answers.isEmpty else { throw AnalyticsError.insufficientData(context: "indicator \(i + 1) has no responses") }
      var counts = [Double](repeating: 0, count: grades)
      for a in answers {
        guard a >= 0, a < grades else { throw AnalyticsError.invalidArgument("grade \(a) outside 0…\(grades - 1)") }
        counts[a] += 1
      }
      return counts.map { $0 / Double(answers.count) }
    }
  }
}
