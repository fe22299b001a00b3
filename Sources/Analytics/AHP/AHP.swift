import Foundation

/// The judgment that departs most from the weights derived from the whole matrix.
public struct InconsistentJudgment: Sendable, Equatable {
  /// Zero-based row and column (row < column).
  public let row: Int
  public let column: Int
  public let judgment: Double
  /// Value consistent with the derived weights, w_row / w_column — a suggested revision.
  public let implied: Double
  /// max(ε, 1/ε) with ε = a_ij · w_j / w_i (Saaty's error ratio); 1 means perfectly consistent.
  public let deviation: Double
}

public struct AHPResult: Sendable, Equatable {
  /// Principal right eigenvector normalised to sum 1.
  public let weights: [Double]
  public let lambdaMax: Double
  /// CI = (λmax − n)/(n − 1).
  public let consistencyIndex: Double
  public let randomIndex: Double
  /// CR = CI / RI (0 for n ≤ 2, which are always consistent).
  public let consistencyRatio: Double
  /// Saaty's rule: CR < 0.10.
  public let isConsistent: Bool
  /// `nil` for n < 3.
  public let mostInconsistentJudgment: InconsistentJudgment?
}

/// Analytic hierarchy process (Saaty 1980): eigenvector weights and the consistency check.
public enum AHP {
  /// Saaty's random consistency index for n = 1…15. n = 1…10: Saaty (1980), *The Analytic
  /// Hierarchy Process*, McGraw-Hill (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49).
  /// n = 11…15: 1.51, 1.48, 1.56, 1.57, 1.59 — the extension of Saaty's table in general use
  /// (the same values appear in most published AHP implementations). They are Monte-Carlo
  /// estimates, hence non-monotone at n = 12; later simulations differ in the second decimal.
  /// Not re-checked against the printed source in this offline build.
  public static let randomIndex: [Double] = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
  public static let consistencyThreshold = 0.10

  /// Weights by power iteration (the principal eigenvector of a positive matrix is unique by
  /// Perron–Frobenius, and iteration converges without a general eigen-solver).
  public static func analyze(_ matrix: PairwiseComparisonMatrix, tolerance: Double = 1e-13, maxIterations: Int = 10_000) -> AHPResult {
    let a = matrix.values
    let n = matrix.size
    var w = [Double](repeating: 1 / Double(n), count: n)
    for _ in 0..<maxIterations {
      var next = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * w[$1] } }
      let s = next.reduce(0, +)
      next = next.map { $0 / s }
      let change = zip(next, w).map { abs($0 - $1) }.max() ?? 0
      w = next
      if change < tolerance { break }
    }
    let aw = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * w[$1] } }
    let lambda = (0..<n).reduce(0.0) { $0 + aw[$1] / w[$1] } / Double(n)
    let ci = n > 2 ? max(lambda - Double(n), 0) / Double(n - 1) : 0
    let ri = randomIndex[n - 1]
    let cr = ri > 0 ? ci / ri : 0
    var worst: InconsistentJudgment?
    if n >= 3 {
      for i in 0..<n {
        for j in (i + 1)..<n {
          let epsilon = a[i, j] * w[j] / w[i]
          let deviation = max(epsilon, 1 / epsilon)
          if deviation > (worst?.deviation ?? 1 + 1e-12) {
            worst = InconsistentJudgment(row: i, column: j, judgment: a[i, j], implied: w[i] / w[j], deviation: deviation)
          }
        }
      }
    }
    return AHPResult(
      weights: w, lambdaMax: lambda, consistencyIndex: ci, randomIndex: ri, consistencyRatio: cr,
      isConsistent: cr < consistencyThreshold, mostInconsistentJudgment: worst)
  }
}
