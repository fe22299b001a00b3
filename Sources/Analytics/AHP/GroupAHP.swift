import Foundation

/// Group decision making with AHP (Forman & Peniwati 1998).
public enum GroupAHP {
  public enum PriorityMean: String, Sendable, Codable {
    case geometric, arithmetic
  }

  /// AIJ — aggregation of individual judgments: element-wise weighted geometric mean, which keeps
  /// the result reciprocal (the arithmetic mean would not).
  public static func aggregateJudgments(
    _ matrices: [PairwiseComparisonMatrix], expertWeights: [Double]? = nil
  ) throws
    -> PairwiseComparisonMatrix
  {
    let lambdas = try normalizedExpertWeights(count: matrices.count, expertWeights)
    let n = matrices[0].size
    guard matrices.allSatisfy({ $0.size == n }) else {
      throw AnalyticsError.dimensionMismatch(context: "all experts must compare the same \(n) criteria")
    }
    var rows = Array(repeating: Array(repeating: 1.0, count: n), count: n)
    for i in 0..<n {
      for j in 0..<n {
        rows[i][j] = exp(zip(matrices, lambdas).reduce(0.0) { $0 + $1.1 * log($1.0.values[i, j]) })
      }
    }
    return try PairwiseComparisonMatrix(rows)
  }

  /// AIP — aggregation of individual priorities: each expert's eigenvector weights combined by a
  /// weighted geometric (renormalised) or arithmetic mean.
  public static func aggregatePriorities(
    _ matrices: [PairwiseComparisonMatrix], expertWeights: [Double]? = nil, mean: PriorityMean = .geometric
  ) throws -> [Double] {
    let lambdas = try normalizedExpertWeights(count: matrices.count, expertWeights)
    let n = matrices[0].size
    guard matrices.allSatisfy({ $0.size == n }) else {
      throw AnalyticsError.dimensionMismatch(context: "all experts must compare the same \(n) criteria")
    }
    let priorities = matrices.map { AHP.analyze($0).weights }
    var combined = (0..<n).map { i -> Double in
      switch mean {
      case .geometric: return exp(zip(priorities, lambdas).reduce(0.0) { $0 + $1.1 * log($1.0[i]) })
      case .arithmetic: return zip(priorities, lambdas).reduce(0.0) { $0 + $1.1 * $1.0[i] }
      }
    }
    let s = combined.reduce(0, +)
    combined = combined.map { $0 / s }
    return combined
  }

  static func normalizedExpertWeights(count: Int, _ weights: [Double]?) throws -> [Double] {
    guard count > 0 else { throw AnalyticsError.insufficientData(context: "group AHP needs at least one expert") }
    let w = weights ?? Array(repeating: 1, count: count)
    guard w.count == count else { throw AnalyticsError.dimensionMismatch(context: "\(w.count) expert weights for \(count) experts") }
    guard w.allSatisfy({ $0.isFinite && $0 >= 0 }), w.reduce(0, +) > 0 else {
      throw AnalyticsError.invalidArgument("expert weights must be non-negative with a positive sum")
    }
    let s = w.reduce(0, +)
    return w.map { $0 / s }
  }
}
