import Foundation

/// What missing-value treatment did to the data; stored with every run so results are auditable.
public struct MissingValueReport: Sendable, Equatable, Codable {
  public let policy: MissingValuePolicy
  public let rowsInput: Int
  public let rowsUsed: Int
  /// Original row indices kept (listwise deletion drops rows with any missing indicator or weight).
  public let usedRowIndices: [Int]
  /// Number of individual values replaced by a column mean.
  public let valuesImputed: Int
}

/// Complete indicator data (n × p, original units, column-major) with its case weights and the
/// moments PLS works from (weighted means, SDs, ranges, covariance matrix), ready for PLS.
public struct IndicatorData: Sendable {
  public let indicatorNames: [String]
  /// Original-unit values after missing-value treatment, one array per indicator. When nothing
  /// was dropped or imputed these share storage with the data set's columns (no copy).
  public let columns: [[Double]]
  /// Case weights aligned with the rows; `nil` means equal weights.
  public let caseWeights: [Double]?
  public let missingReport: MissingValueReport
  /// Weighted means of each indicator in original units.
  public let means: [Double]
  /// Weighted population standard deviations of each indicator in original units.
  public let standardDeviations: [Double]
  /// Smallest and largest value of each indicator.
  public let minimums: [Double]
  public let maximums: [Double]
  /// Weighted population covariance matrix (divisor Σw) in original units, p × p.
  public let covariance: Matrix

  public var rowCount: Int { columns.first?.count ?? 0 }

  /// Extracts the model's indicators from `data`, applying the missing-value policy.
  public init(dataset: Dataset, indicators: [String], caseWeights: [Double]?, policy: MissingValuePolicy) throws {
    let n = dataset.rowCount
    if let w = caseWeights {
      guard w.count == n else { throw AnalyticsError.dimensionMismatch(context: "\(w.count) case weights for \(n) rows") }
      guard w.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw AnalyticsError.invalidArgument("case weights must be finite and non-negative")
      }
    }
    let cols = try indicators.map { try dataset.values(named: $0) }
    let missing = cols.map { c in c.withUnsafeBufferPointer { b in b.contains { $0.isNaN } } }
    let zeroWeight = caseWeights?.contains(0) ?? false
    var keep: [Int]
    var imputed = 0
    var values: [[Double]]
    if !missing.contains(true) && !zeroWeight {
      keep = Array(0..<n)
      values = cols
    } else {
      var rowOK = [Bool](repeating: true, count: n)
      if let w = caseWeights { for i in 0..<n where w[i] <= 0 { rowOK[i] = false } }
      if policy == .listwiseDeletion {
        for (j, c) in cols.enumerated() where missing[j] { for i in 0..<n where c[i].isNaN { rowOK[i] = false } }
      }
      keep = (0..<n).filter { rowOK[$0] }
      values = []
      for (j, col) in cols.enumerated() {
        var out = keep.map { col[$0] }
        if missing[j] {
          var s = 0.0, sw = 0.0
          for (r, i) in keep.enumerated() where !out[r].isNaN { let wi = caseWeights?[i] ?? 1; s += wi * out[r]; sw += wi }
          guard keep.contains(where: { !col[$0].isNaN }) else {
            throw AnalyticsError.insufficientData(context: "indicator '\(indicators[j])' has no observed values")
          }
          let colMean = sw > 0 ? s / sw : 0
          for r in out.indices where out[r].isNaN { out[r] = colMean; imputed += 1 }
        }
        values.append(out)
      }
    }
    guard keep.count >= 3 else {
      throw AnalyticsError.insufficientData(context: "only \(keep.count) usable rows after \(policy.rawValue)")
    }
    let w = caseWeights.map { cw in keep.count == n ? cw : keep.map { cw[$0] } }
    self.init(
      indicatorNames: indicators, columns: values, caseWeights: w,
      missingReport: MissingValueReport(
        policy: policy, rowsInput: n, rowsUsed: keep.count, usedRowIndices: keep, valuesImputed: imputed))
  }

  init(indicatorNames: [String], columns: [[Double]], caseWeights: [Double]?, missingReport: MissingValueReport) {
    self.indicatorNames = indicatorNames
    self.columns = columns
    self.caseWeights = caseWeights
    self.missingReport = missingReport
    let m = ColumnMoments(columns: columns, weights: caseWeights)
    self.means = m.means
    self.minimums = m.minimums
    self.maximums = m.maximums
    self.covariance = m.covariance
    self.standardDeviations = (0..<columns.count).map { max(m.covariance[$0, $0], 0).squareRoot() }
  }

  /// The values as an n × p row-major matrix (a copy).
  public var values: Matrix {
    var m = Matrix(rows: rowCount, cols: columns.count)
    for (j, c) in columns.enumerated() { for i in c.indices { m.values[i * columns.count + j] = c[i] } }
    return m
  }

  /// Rows `indices` (with repetition) as a new data set — used by the bootstrap.
  func resampled(rows indices: [Int]) -> IndicatorData {
    let cols = columns.map { c in indices.map { c[$0] } }
    let w = caseWeights.map { cw in indices.map { cw[$0] } }
    return IndicatorData(indicatorNames: indicatorNames, columns: cols, caseWeights: w, missingReport: missingReport)
  }

  /// The covariance matrix of the analysed indicators: the correlation matrix for
  /// `.standardized`, the covariance matrix for `.raw`. Throws on constant indicators.
  func analysedCovariance(_ scaling: IndicatorScaling) throws -> Matrix {
    let p = columns.count
    for j in 0..<p {
      guard standardDeviations[j] > 1e-12 * max(1, abs(means[j])) else {
        throw AnalyticsError.constantIndicator(name: indicatorNames[j])
      }
    }
    guard scaling == .standardized else { return covariance }
    var c = covariance
    let sd = standardDeviations
    for a in 0..<p { for b in 0..<p { c[a, b] = covariance[a, b] / (sd[a] * sd[b]) } }
    return c
  }

  /// Divisor applied to each column before weighting (its SD for standardised indicators).
  func scaleDivisors(_ scaling: IndicatorScaling) -> [Double] {
    scaling == .standardized ? standardDeviations : Array(repeating: 1, count: columns.count)
  }

  /// Σ_j a_j (x_j − μ_j) for the given columns and coefficients, one value per row.
  func combination(_ block: [Int], coefficients a: [Double]) -> [Double] {
    let n = rowCount
    var constant = 0.0
    for (k, j) in block.enumerated() { constant -= a[k] * means[j] }
    var out = [Double](repeating: constant, count: n)
    out.withUnsafeMutableBufferPointer { o in
      for (k, j) in block.enumerated() {
        let ak = a[k]
        columns[j].withUnsafeBufferPointer { x in for i in 0..<n { o[i] += ak * x[i] } }
      }
    }
    return out
  }
}
