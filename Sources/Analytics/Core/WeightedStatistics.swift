import Foundation

/// Case-weighted descriptive statistics. Weights are sampling weights; `nil` means all ones.
/// Variances use the population divisor Σw (R plspm divides by N, not N − 1), so the
/// unweighted case reproduces plspm exactly.
public enum WeightedStatistics {
  public static func mean(_ x: [Double], weights: [Double]? = nil) -> Double {
    guard !x.isEmpty else { return 0 }
    guard let w = weights else { return x.reduce(0, +) / Double(x.count) }
    var s = 0.0
    var sw = 0.0
    for i in x.indices { s += w[i] * x[i]; sw += w[i] }
    return sw > 0 ? s / sw : 0
  }

  /// Population (divisor Σw) covariance.
  public static func covariance(_ x: [Double], _ y: [Double], weights: [Double]? = nil) -> Double {
    guard !x.isEmpty, x.count == y.count else { return 0 }
    let mx = mean(x, weights: weights)
    let my = mean(y, weights: weights)
    var s = 0.0
    var sw = 0.0
    for i in x.indices {
      let wi = weights?[i] ?? 1
      s += wi * (x[i] - mx) * (y[i] - my)
      sw += wi
    }
    return sw > 0 ? s / sw : 0
  }

  /// Population (divisor Σw) variance.
  public static func variance(_ x: [Double], weights: [Double]? = nil) -> Double {
    covariance(x, x, weights: weights)
  }

  public static func standardDeviation(_ x: [Double], weights: [Double]? = nil) -> Double {
    max(variance(x, weights: weights), 0).squareRoot()
  }

  /// Pearson correlation; 0 when either variable is constant (never NaN).
  public static func correlation(_ x: [Double], _ y: [Double], weights: [Double]? = nil) -> Double {
    let vx = variance(x, weights: weights)
    let vy = variance(y, weights: weights)
    guard vx > 0, vy > 0 else { return 0 }
    return covariance(x, y, weights: weights) / (vx * vy).squareRoot()
  }

  /// Correlation matrix of the columns of `data` (n × p).
  public static func correlationMatrix(_ data: Matrix, weights: [Double]? = nil) -> Matrix {
    let cols = (0..<data.cols).map(data.column)
    var r = Matrix(rows: data.cols, cols: data.cols)
    for i in 0..<data.cols {
      r[i, i] = 1
      for j in 0..<i {
        let c = correlation(cols[i], cols[j], weights: weights)
        r[i, j] = c
        r[j, i] = c
      }
    }
    return r
  }

  /// Sample quantile with R's default type-7 interpolation (used for percentile intervals).
  public static func quantile(sorted values: [Double], probability p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let h = Double(values.count - 1) * min(max(p, 0), 1)
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, values.count - 1)
    return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
  }
}
