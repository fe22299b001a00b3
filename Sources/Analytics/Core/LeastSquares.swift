import Foundation

/// Result of an (optionally case-weighted) ordinary least-squares fit.
public struct RegressionFit: Sendable, Equatable {
  /// Slopes in the order of the predictor columns.
  public let coefficients: [Double]
  /// Intercept (0 when fitted without one).
  public let intercept: Double
  /// Coefficient of determination, 1 − SSE/SST (weighted when case weights are given).
  public let rSquared: Double
  public let residuals: [Double]
}

/// OLS via the normal equations solved by Cholesky. PLS regressions are small and well
/// conditioned after standardisation, so normal equations are accurate enough and cheap.
public enum LeastSquares {
  /// Regresses `y` on the columns of `x` (n × k). Case weights, when given, are sampling weights
  /// (weighted least squares). Throws on collinear predictors or size mismatch.
  public static func fit(
    x: Matrix, y: [Double], weights: [Double]? = nil, intercept: Bool = true, context: String = "regression"
  ) throws -> RegressionFit {
    let n = x.rows
    let k = x.cols
    guard y.count == n else {
      throw AnalyticsError.dimensionMismatch(context: "\(context): \(n) predictor rows but \(y.count) responses")
    }
    if let w = weights, w.count != n {
      throw AnalyticsError.dimensionMismatch(context: "\(context): \(w.count) case weights for \(n) rows")
    }
    let p = k + (intercept ? 1 : 0)
    guard n >= p, p > 0 else { throw AnalyticsError.insufficientData(context: "\(context): \(n) observations for \(p) parameters") }
    var xtx = Matrix(rows: p, cols: p)
    var xty = [Double](repeating: 0, count: p)
    var design = [Double](repeating: 0, count: p)
    for i in 0..<n {
      let wi = weights?[i] ?? 1
      if intercept { design[0] = 1 }
      for j in 0..<k { design[j + (intercept ? 1 : 0)] = x[i, j] }
      for a in 0..<p {
        let da = design[a] * wi
        xty[a] += da * y[i]
        for b in 0...a { xtx.values[a * p + b] += da * design[b] }
      }
    }
    for a in 0..<p { for b in 0..<a { xtx.values[b * p + a] = xtx.values[a * p + b] } }
    let beta = try LinearSolver.solveCholesky(xtx, xty, context: context)
    let b0 = intercept ? beta[0] : 0
    let slopes = intercept ? Array(beta.dropFirst()) : beta
    var residuals = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var fitted = b0
      for j in 0..<k { fitted += slopes[j] * x[i, j] }
      residuals[i] = y[i] - fitted
    }
    let ym = WeightedStatistics.mean(y, weights: weights)
    var sse = 0.0
    var sst = 0.0
    for i in 0..<n {
      let wi = weights?[i] ?? 1
      sse += wi * residuals[i] * residuals[i]
      sst += wi * (y[i] - ym) * (y[i] - ym)
    }
    let r2 = sst > 0 ? 1 - sse / sst : 0
    return RegressionFit(coefficients: slopes, intercept: b0, rSquared: r2, residuals: residuals)
  }
}
