import Foundation

/// Dense row-major matrix of doubles. Small and explicit on purpose: PLS models have at most a
/// few hundred indicators, so clarity beats BLAS here and the library stays dependency-free.
public struct Matrix: Sendable, Equatable {
  public let rows: Int
  public let cols: Int
  /// Row-major storage: element (r, c) is `values[r * cols + c]`.
  public var values: [Double]

  public init(rows: Int, cols: Int, repeating value: Double = 0) {
    self.rows = max(rows, 0)
    self.cols = max(cols, 0)
    self.values = Array(repeating: value, count: self.rows * self.cols)
  }

  /// Throws `dimensionMismatch` when `values.count != rows * cols`.
  public init(rows: Int, cols: Int, values: [Double]) throws {
    guard rows >= 0, cols >= 0, values.count == rows * cols else {
      throw AnalyticsError.dimensionMismatch(
        context: "matrix \(rows)x\(cols) needs \(max(rows, 0) * max(cols, 0)) values, got \(values.count)")
    }
    self.rows = rows
    self.cols = cols
    self.values = values
  }

  /// Builds a matrix from equally long rows; throws when rows differ in length.
  public init(rowArrays: [[Double]]) throws {
    let r = rowArrays.count
    let c = rowArrays.first?.count ?? 0
    for (i, row) in rowArrays.enumerated() where row.count != c {
      throw AnalyticsError.dimensionMismatch(context: "row \(i + 1) has \(row.count) values, expected \(c)")
    }
    self.rows = r
    self.cols = c
    self.values = rowArrays.flatMap { $0 }
  }

  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, cols: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  public subscript(r: Int, c: Int) -> Double {
    get { values[r * cols + c] }
    set { values[r * cols + c] = newValue }
  }

  public func row(_ r: Int) -> [Double] { Array(values[(r * cols)..<((r + 1) * cols)]) }

  public func column(_ c: Int) -> [Double] { (0..<rows).map { values[$0 * cols + c] } }

  public var rowArrays: [[Double]] { (0..<rows).map(row) }

  public func transposed() -> Matrix {
    var t = Matrix(rows: cols, cols: rows)
    for r in 0..<rows { for c in 0..<cols { t[c, r] = self[r, c] } }
    return t
  }

  /// Matrix product; throws on inner-dimension mismatch instead of trapping.
  public func multiplied(by other: Matrix) throws -> Matrix {
    guard cols == other.rows else {
      throw AnalyticsError.dimensionMismatch(context: "cannot multiply \(rows)x\(cols) by \(other.rows)x\(other.cols)")
    }
    var out = Matrix(rows: rows, cols: other.cols)
    for i in 0..<rows {
      for k in 0..<cols {
        let a = values[i * cols + k]
        if a == 0 { continue }
        for j in 0..<other.cols { out.values[i * other.cols + j] += a * other.values[k * other.cols + j] }
      }
    }
    return out
  }

  /// Matrix–vector product.
  public func multiplied(by vector: [Double]) throws -> [Double] {
    guard cols == vector.count else {
      throw AnalyticsError.dimensionMismatch(context: "cannot multiply \(rows)x\(cols) by vector of \(vector.count)")
    }
    return (0..<rows).map { r in
      var s = 0.0
      for c in 0..<cols { s += values[r * cols + c] * vector[c] }
      return s
    }
  }

  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    var out = lhs
    for i in 0..<min(lhs.values.count, rhs.values.count) { out.values[i] += rhs.values[i] }
    return out
  }

  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    var out = lhs
    for i in 0..<min(lhs.values.count, rhs.values.count) { out.values[i] -= rhs.values[i] }
    return out
  }
}
