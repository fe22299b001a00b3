import Foundation

/// A validated AHP pairwise comparison matrix: positive, reciprocal (a_ji = 1/a_ij), unit
/// diagonal, at most 15 criteria (the random-index table ends there and human judgment
/// degrades well before).
public struct PairwiseComparisonMatrix: Sendable, Equatable {
  public static let maximumCriteria = 15
  /// Relative tolerance on a_ij · a_ji = 1, loose enough for judgments typed as 0.333.
  public static let reciprocityTolerance = 0.01

  public let values: Matrix
  public var size: Int { values.rows }

  /// Full matrix. Throws `nonPositiveValue`, `nonReciprocalMatrix`, `tooManyCriteria`.
  public init(_ rows: [[Double]]) throws {
    let m = try Matrix(rowArrays: rows)
    let n = m.rows
    guard m.cols == n else { throw AnalyticsError.dimensionMismatch(context: "judgment matrix must be square, got \(n)x\(m.cols)") }
    guard n >= 1 else { throw AnalyticsError.insufficientData(context: "judgment matrix has no criteria") }
    guard n <= Self.maximumCriteria else { throw AnalyticsError.tooManyCriteria(count: n, maximum: Self.maximumCriteria) }
    for i in 0..<n {
      for j in 0..<n {
        let v = m[i, j]
        guard v.isFinite, v > 0 else {
          throw AnalyticsError.nonPositiveValue(context: "judgment a(\(i + 1),\(j + 1)) = \(v)")
        }
      }
      guard abs(m[i, i] - 1) <= Self.reciprocityTolerance else {
        throw AnalyticsError.nonReciprocalMatrix(row: i, column: i, value: m[i, i], mirror: m[i, i])
      }
      for j in 0..<i where abs(m[i, j] * m[j, i] - 1) > Self.reciprocityTolerance {
        throw AnalyticsError.nonReciprocalMatrix(row: j, column: i, value: m[j, i], mirror: m[i, j])
      }
    }
    values = m
  }

  /// Builds the full reciprocal matrix from the judgments above the diagonal: `upper[i]` holds
  /// a(i, i+1) … a(i, n) (so n − 1, n − 2, …, 1 values; the last row may be omitted).
  public init(upperTriangle upper: [[Double]]) throws {
    let n = upper.count + ((upper.last?.isEmpty ?? false) ? 0 : 1)
    guard n <= Self.maximumCriteria else { throw AnalyticsError.tooManyCriteria(count: n, maximum: Self.maximumCriteria) }
    var rows = Array(repeating: Array(repeating: 1.0, count: n), count: n)
    for i in 0..<n {
      let row = i < upper.count ? upper[i] : []
      guard row.count == n - 1 - i else {
        throw AnalyticsError.dimensionMismatch(context: "upper-triangle row \(i + 1) needs \(n - 1 - i) judgments, got \(row.count)")
      }
      for (k, v) in row.enumerated() {
        guard v.isFinite, v > 0 else { throw AnalyticsError.nonPositiveValue(context: "judgment a(\(i + 1),\(i + k + 2)) = \(v)") }
        rows[i][i + 1 + k] = v
        rows[i + 1 + k][i] = 1 / v
      }
    }
    try self.init(rows)
  }

  /// The perfectly consistent matrix a_ij = w_i / w_j; used to turn combined (e.g. AHP + rough-set)
  /// weights back into one judgment matrix.
  public init(consistentWith weights: [Double]) throws {
    guard weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw AnalyticsError.nonPositiveValue(context: "weights for a judgment matrix must all be positive")
    }
    try self.init(weights.map { wi in weights.map { wi / $0 } })
  }
}
