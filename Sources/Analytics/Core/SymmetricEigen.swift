import Foundation

/// Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations. Needed for the
/// first principal component (Dillon–Goldstein ρ, unidimensionality) of small indicator blocks.
public struct SymmetricEigen: Sendable {
  /// Eigenvalues in decreasing order.
  public let values: [Double]
  /// Eigenvectors as columns, in the order of `values`.
  public let vectors: Matrix

  public init(_ a: Matrix, maxSweeps: Int = 100) throws {
    let n = a.rows
    guard a.cols == n else { throw AnalyticsError.dimensionMismatch(context: "eigen-decomposition needs a square matrix") }
    guard a.values.allSatisfy(\.isFinite) else { throw AnalyticsError.nonFiniteValue(context: "eigen-decomposition input") }
    var m = a
    var v = Matrix.identity(n)
    for _ in 0..<maxSweeps {
      var off = 0.0
      for i in 0..<n { for j in 0..<n where i != j { off += m[i, j] * m[i, j] } }
      if off < 1e-22 { break }
      for p in 0..<n {
        for q in (p + 1)..<max(n, p + 1) where abs(m[p, q]) > 1e-300 {
          let theta = (m[q, q] - m[p, p]) / (2 * m[p, q])
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let mkp = m[k, p], mkq = m[k, q]
            m[k, p] = c * mkp - s * mkq
            m[k, q] = s * mkp + c * mkq
          }
          for k in 0..<n {
            let mpk = m[p, k], mqk = m[q, k]
            m[p, k] = c * mpk - s * mqk
            m[q, k] = s * mpk + c * mqk
          }
          for k in 0..<n {
            let vkp = v[k, p], vkq = v[k, q]
            v[k, p] = c * vkp - s * vkq
            v[k, q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { m[$0, $0] > m[$1, $1] }
    values = order.map { m[$0, $0] }
    var sortedVectors = Matrix(rows: n, cols: n)
    for (newCol, oldCol) in order.enumerated() { for r in 0..<n { sortedVectors[r, newCol] = v[r, oldCol] } }
    vectors = sortedVectors
  }
}
