import Foundation

/// Combining subjective (AHP) and objective (entropy, rough-set) weights.
public enum CombinedWeights {
  /// w = α·subjective + (1 − α)·objective, with α in [0, 1].
  public static func linear(subjective: [Double], objective: [Double], alpha: Double) throws -> [Double] {
    try validate(subjective, objective)
    guard alpha >= 0, alpha <= 1 else { throw AnalyticsError.invalidArgument("α must be in [0, 1], got \(alpha)") }
    return normalize(zip(subjective, objective).map { alpha * $0 + (1 - alpha) * $1 })
  }

  /// w_j = s_j·o_j / Σ s_k·o_k (multiplicative synthesis); throws when every product is 0.
  public static func multiplicative(subjective: [Double], objective: [Double]) throws -> [Double] {
    try validate(subjective, objective)
    let products = zip(subjective, objective).map { $0 * $1 }
    guard products.reduce(0, +) > 0 else {
      throw AnalyticsError.invalidArgument("subjective and objective weights have no criterion in common (all products 0)")
    }
    return normalize(products)
  }

  /// The combined judgment matrix a_ij = w_i / w_j of combined weights (consistent by construction),
  /// for reports that present the synthesis as one AHP matrix.
  public static func judgmentMatrix(_ weights: [Double]) throws -> PairwiseComparisonMatrix {
    try PairwiseComparisonMatrix(consistentWith: weights)
  }

  /// Combined judgment matrix c_ij = a_ij^α · (o_i/o_j)^(1−α): the expert matrix blended with the
  /// ratio matrix of objective (e.g. rough-set) weights, so the weights come from one matrix as
  /// the evaluation method prescribes. Objective weights must be positive (ratios of zero are
  /// undefined; use `linear` when an attribute has zero objective weight).
  public static func combinedJudgmentMatrix(
    subjective: PairwiseComparisonMatrix, objectiveWeights: [Double], alpha: Double
  ) throws -> PairwiseComparisonMatrix {
    guard objectiveWeights.count == subjective.size else {
      throw AnalyticsError.dimensionMismatch(context: "\(objectiveWeights.count) objective weights for \(subjective.size) criteria")
    }
    guard alpha >= 0, alpha <= 1 else { throw AnalyticsError.invalidArgument("α must be in [0, 1], got \(alpha)") }
    let objective = try PairwiseComparisonMatrix(consistentWith: objectiveWeights)
    let n = subjective.size
    let rows = (0..<n).map { i in
      (0..<n).map { j in pow(subjective.values[i, j], alpha) * pow(objective.values[i, j], 1 - alpha) }
    }
    return try PairwiseComparisonMatrix(rows)
  }

  private static func validate(_ a: [Double], _ b: [Double]) throws {
    guard a.count == b.count, !a.isEmpty else {
      throw AnalyticsError.dimensionMismatch(context: "\(a.count) subjective vs \(b.count) objective weights")
    }
    guard (a + b).allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw AnalyticsError.invalidArgument("weights must be finite and non-negative")
    }
  }

  private static func normalize(_ w: [Double]) -> [Double] {
    let s = w.reduce(0, +)
    return s > 0 ? w.map { $0 / s } : w
  }
}
