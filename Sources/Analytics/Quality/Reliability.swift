import Foundation

/// Internal-consistency and convergent-validity measures of one block.
public struct BlockReliability: Sendable, Equatable {
  public let construct: String
  public let indicatorCount: Int
  /// Cronbach's α on standardised indicators (as R plspm reports it), floored at 0.
  public let cronbachAlpha: Double
  /// Dijkstra–Henseler ρA from the standardised outer weights.
  public let rhoA: Double
  /// Composite reliability ρc from the PLS loadings: (Σλ)² / ((Σλ)² + Σ(1 − λ²)).
  public let compositeReliability: Double
  /// Dillon–Goldstein ρ from the block's first principal component (R plspm `unidim`).
  public let dillonGoldsteinRho: Double
  /// Average variance extracted: mean of squared loadings.
  public let ave: Double
  /// First and second eigenvalues of the block's correlation matrix (unidimensionality check).
  public let firstEigenvalue: Double
  public let secondEigenvalue: Double
}

/// Reliability and validity measures (Hair et al. 2022, ch. 4; Dijkstra & Henseler 2015).
/// Only meaningful for reflective blocks; computed for all blocks so formative ones can be shown
/// with a caveat rather than hidden.
public enum Reliability {
  /// Cronbach's α. `standardized = true` uses correlations (plspm's convention); otherwise covariances.
  public static func cronbachAlpha(_ block: Matrix, caseWeights: [Double]? = nil, standardized: Bool = true) throws -> Double {
    let p = block.cols
    guard p >= 1 else { throw AnalyticsError.emptyBlock(construct: "(block)") }
    guard p > 1 else { return 1 }
    let cols = (0..<p).map(block.column)
    var itemVariance = 0.0
    var total = 0.0
    for a in 0..<p {
      let va = WeightedStatistics.variance(cols[a], weights: caseWeights)
      guard va > 0 else { throw AnalyticsError.constantIndicator(name: "column \(a + 1) of block") }
      itemVariance += standardized ? 1 : va
      total += standardized ? 1 : va
      for b in 0..<a {
        let c =
          standardized
          ? WeightedStatistics.correlation(cols[a], cols[b], weights: caseWeights)
          : WeightedStatistics.covariance(cols[a], cols[b], weights: caseWeights)
        total += 2 * c
      }
    }
    guard total > 0 else { return 0 }
    let alpha = Double(p) / Double(p - 1) * (1 - itemVariance / total)
    return max(alpha, 0)
  }

  /// Dillon–Goldstein ρ and the two leading eigenvalues of the correlation matrix.
  public static func dillonGoldstein(_ block: Matrix, caseWeights: [Double]? = nil) throws -> (rho: Double, eig1: Double, eig2: Double) {
    let p = block.cols
    guard p > 1 else { return (1, 1, 0) }
    return try dillonGoldstein(correlations: WeightedStatistics.correlationMatrix(block, weights: caseWeights))
  }

  /// ρA (Dijkstra & Henseler 2015): (w'w)² · w'(S − diag S)w / w'(ww' − diag ww')w with standardised
  /// weights w scaled to a unit-variance composite and S the indicator correlation matrix.
  public static func rhoA(weights w: [Double], correlations s: Matrix) -> Double {
    let p = w.count
    guard p > 1 else { return 1 }
    let ww = w.reduce(0) { $0 + $1 * $1 }
    var numerator = 0.0
    for i in 0..<p { for j in 0..<p where i != j { numerator += w[i] * s[i, j] * w[j] } }
    let denominator = ww * ww - w.reduce(0) { $0 + pow($1, 4) }
    guard denominator > 0 else { return 1 }
    return ww * ww * numerator / denominator
  }

  public static func compositeReliability(loadings: [Double]) -> Double {
    let s = loadings.reduce(0, +)
    let errors = loadings.reduce(0) { $0 + (1 - $1 * $1) }
    let denominator = s * s + errors
    return denominator > 0 ? s * s / denominator : 0
  }

  public static func averageVarianceExtracted(loadings: [Double]) -> Double {
    loadings.isEmpty ? 0 : loadings.reduce(0) { $0 + $1 * $1 } / Double(loadings.count)
  }

  /// Cronbach's α from a block's covariance matrix (correlations when `standardized`).
  static func cronbachAlpha(covariance c: Matrix, standardized: Bool = true) throws -> Double {
    let p = c.rows
    guard p >= 1 else { throw AnalyticsError.emptyBlock(construct: "(block)") }
    guard p > 1 else { return 1 }
    var itemVariance = 0.0
    var total = 0.0
    for a in 0..<p {
      let va = c[a, a]
      guard va > 0 else { throw AnalyticsError.constantIndicator(name: "column \(a + 1) of block") }
      itemVariance += standardized ? 1 : va
      total += standardized ? 1 : va
      for b in 0..<a { total += 2 * (standardized ? c[a, b] / (va * c[b, b]).squareRoot() : c[a, b]) }
    }
    guard total > 0 else { return 0 }
    return max(Double(p) / Double(p - 1) * (1 - itemVariance / total), 0)
  }

  /// Correlation matrix from a covariance matrix (0 off the diagonal for a constant column).
  static func correlations(_ c: Matrix) -> Matrix {
    var r = Matrix.identity(c.rows)
    for a in 0..<c.rows {
      for b in 0..<a {
        let v = c[a, a] * c[b, b]
        let x = v > 0 ? c[a, b] / v.squareRoot() : 0
        r[a, b] = x
        r[b, a] = x
      }
    }
    return r
  }

  /// Dillon–Goldstein ρ and the leading eigenvalues from a block's correlation matrix.
  static func dillonGoldstein(correlations r: Matrix) throws -> (rho: Double, eig1: Double, eig2: Double) {
    let p = r.rows
    guard p > 1 else { return (1, 1, 0) }
    let eig = try SymmetricEigen(r)
    let l1 = eig.values[0]
    let sumLoadings = (0..<p).reduce(0.0) { $0 + eig.vectors[$1, 0] * l1.squareRoot() }
    let numerator = sumLoadings * sumLoadings
    return (numerator / (numerator + Double(p) - l1), l1, eig.values[1])
  }

  /// All measures for every block of a fitted model (from the data's covariance matrix; no pass
  /// over the rows).
  public static func assess(_ result: PLSResult) throws -> [BlockReliability] {
    let stdWeights = result.standardizedOuterWeights
    let s = result.data.covariance
    return try result.constructNames.indices.map { l in
      let block = result.block(of: l)
      var c = Matrix(rows: block.count, cols: block.count)
      for (a, i) in block.enumerated() { for (b, j) in block.enumerated() { c[a, b] = s[i, j] } }
      let r = correlations(c)
      let loadings = block.map { result.loadings[$0] }
      let dg = try dillonGoldstein(correlations: r)
      return BlockReliability(
        construct: result.constructNames[l], indicatorCount: block.count,
        cronbachAlpha: try cronbachAlpha(covariance: c),
        rhoA: rhoA(weights: block.map { stdWeights[$0] }, correlations: r),
        compositeReliability: compositeReliability(loadings: loadings), dillonGoldsteinRho: dg.rho,
        ave: averageVarianceExtracted(loadings: loadings), firstEigenvalue: dg.eig1, secondEigenvalue: dg.eig2)
    }
  }
}
