import Foundation

/// Whether larger raw values are better (benefit) or worse (cost) for a criterion.
public enum CriterionDirection: String, Sendable, Codable {
  case benefit, cost
}

/// Entropy weight method: criteria whose values vary more across alternatives carry more
/// information and get more weight (objective weighting, Shannon entropy).
public enum EntropyWeights {
  /// `data[i][j]`: alternative i (e.g. county company), criterion j. Values are min–max normalised
  /// per criterion (reversed for cost criteria), p_ij = x_ij / Σ_i x_ij, e_j = −Σ p ln p / ln m,
  /// w_j = (1 − e_j) / Σ(1 − e_k). Constant criteria get weight 0; all-constant data throws.
  public static func compute(_ data: [[Double]], directions: [CriterionDirection]? = nil) throws -> [Double] {
    let matrix = try Matrix(rowArrays: data)
    let m = matrix.rows, n = matrix.cols
    guard m >= 2, n >= 1 else { throw AnalyticsError.insufficientData(context: "entropy weights need ≥ 2 alternatives and ≥ 1 criterion") }
    guard matrix.values.allSatisfy(\.isFinite) else { throw AnalyticsError.nonFiniteValue(context: "entropy-weight data") }
    let dirs = directions ?? Array(repeating: .benefit, count: n)
    guard dirs.count == n else { throw AnalyticsError.dimensionMismatch(context: "\(dirs.count) directions for \(n) criteria") }
    var divergence = [Double](repeating: 0, count: n)
    for j in 0..<n {
      let col = matrix.column(j)
      let lo = col.min()!, hi = col.max()!
      guard hi > lo else { continue }
      let normalized = col.map { dirs[j] == .benefit ? ($0 - lo) / (hi - lo) : (hi - $0) / (hi - lo) }
      let total = normalized.reduce(0, +)
      let entropy =
        -normalized.reduce(0.0) { acc, x in
          let p = x / total
          return p > 0 ? acc + p * log(p) : acc
        } / log(Double(m))
      divergence[j] = max(1 - entropy, 0)
    }
    let sum = divergence.reduce(0, +)
    guard sum > 0 else { throw AnalyticsError.constantIndicator(name: "all criteria (entropy weights undefined)") }
    return divergence.map { $0 / sum }
  }
}
