import Foundation

/// Direct solvers for the small dense systems PLS, OLS and AHP need.
public enum LinearSolver {
  /// Relative pivot threshold below which a matrix is treated as singular.
  public static let singularityThreshold = 1e-12

  /// Solves `a x = b` by Gaussian elimination with partial pivoting (works for any non-singular
  /// square matrix, unlike Cholesky). `context` goes into the error message.
  public static func solve(_ a: Matrix, _ b: [Double], context: String = "linear system") throws -> [Double] {
    let n = a.rows
    guard a.cols == n, b.count == n else {
      throw AnalyticsError.dimensionMismatch(context: "\(context): \(a.rows)x\(a.cols) system with \(b.count) right-hand values")
    }
    if n == 0 { return [] }
    var m = a.values
    var x = b
    let scale = max(m.map(abs).max() ?? 0, 1e-300)
    for col in 0..<n {
      var pivot = col
      var best = abs(m[col * n + col])
      for r in (col + 1)..<max(n, col + 1) where abs(m[r * n + col]) > best {
        best = abs(m[r * n + col])
        pivot = r
      }
      guard best > singularityThreshold * scale, best.isFinite else {
        throw AnalyticsError.singularMatrix(context: context)
      }
      if pivot != col {
        for c in 0..<n { m.swapAt(col * n + c, pivot * n + c) }
        x.swapAt(col, pivot)
      }
      let p = m[col * n + col]
      for r in (col + 1)..<max(n, col + 1) {
        let f = m[r * n + col] / p
        if f == 0 { continue }
        for c in col..<n { m[r * n + c] -= f * m[col * n + c] }
        x[r] -= f * x[col]
      }
    }
    for r in stride(from: n - 1, through: 0, by: -1) {
      var s = x[r]
      for c in (r + 1)..<max(n, r + 1) { s -= m[r * n + c] * x[c] }
      x[r] = s / m[r * n + r]
    }
    guard x.allSatisfy(\.isFinite) else { throw AnalyticsError.singularMatrix(context: context) }
    return x
  }

  /// Solves a symmetric positive-definite system by Cholesky decomposition (normal equations);
  /// throws `singularMatrix` when the matrix is not numerically positive definite.
  public static func solveCholesky(_ a: Matrix, _ b: [Double], context: String = "normal equations") throws -> [Double] {
    let n = a.rows
    guard a.cols == n, b.count == n else {
      throw AnalyticsError.dimensionMismatch(context: "\(context): \(a.rows)x\(a.cols) system with \(b.count) right-hand values")
    }
    var l = [Double](repeating: 0, count: n * n)
    let scale = max((0..<n).map { abs(a[$0, $0]) }.max() ?? 0, 1e-300)
    for i in 0..<n {
      for j in 0...i {
        var s = a[i, j]
        for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
        if i == j {
          guard s > singularityThreshold * scale, s.isFinite else { throw AnalyticsError.singularMatrix(context: context) }
          l[i * n + i] = s.squareRoot()
        } else {
          l[i * n + j] = s / l[j * n + j]
        }
      }
    }
    var y = b
    for i in 0..<n {
      var s = y[i]
      for k in 0..<i { s -= l[i * n + k] * y[k] }
      y[i] = s / l[i * n + i]
    }
    var x = y
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for k in (i + 1)..<max(n, i + 1) { s -= l[k * n + i] * x[k] }
      x[i] = s / l[i * n + i]
    }
    return x
  }

  /// Inverse of a square matrix via Gaussian elimination (one solve per column).
  public static func inverse(_ a: Matrix, context: String = "matrix inverse") throws -> Matrix {
    let n = a.rows
    var inv = Matrix(rows: n, cols: n)
    for c in 0..<n {
      var e = [Double](repeating: 0, count: n)
      e[c] = 1
      let col = try solve(a, e, context: context)
      for r in 0..<n { inv[r, c] = col[r] }
    }
    return inv
  }
}
