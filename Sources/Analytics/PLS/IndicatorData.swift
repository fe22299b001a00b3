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

/// Complete indicator matrix (n × p, original units) with its case weights, ready for PLS.
public struct IndicatorData: Sendable {
  public let indicatorNames: [String]
  /// Original-unit values after missing-value treatment.
  public let values: Matrix
  /// Case weights aligned with `values` rows; `nil` means equal weights.
  public let caseWeights: [Double]?
  public let missingReport: MissingValueReport

  /// Extracts the model's indicators from `data`, applying the missing-value policy.
  public init(dataset: Dataset, indicators: [String], caseWeights: [Double]?, policy: MissingValuePolicy) throws {
    let n = dataset.rowCount
    if let w = caseWeights {
      guard w.count == n else { throw AnalyticsError.dimensionMismatch(context: "\(w.count) case weights for \(n) rows") }
      guard w.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw AnalyticsError.invalidArgument("case weights must be finite and non-negative")
      }
    }
    let cols = try indicators.map { try dataset.column(named: $0) }
    var keep: [Int] = []
    var imputed = 0
    switch policy {
    case .listwiseDeletion:
      keep = (0..<n).filter { i in cols.allSatisfy { $0[i] != nil } && (caseWeights?[i] ?? 1) > 0 }
    case .meanReplacement:
      keep = (0..<n).filter { (caseWeights?[$0] ?? 1) > 0 }
    }
    guard keep.count >= 3 else {
      throw AnalyticsError.insufficientData(context: "only \(keep.count) usable rows after \(policy.rawValue)")
    }
    let w = caseWeights.map { cw in keep.map { cw[$0] } }
    var m = Matrix(rows: keep.count, cols: indicators.count)
    for (j, col) in cols.enumerated() {
      let present = keep.indices.filter { col[keep[$0]] != nil }
      guard !present.isEmpty else {
        throw AnalyticsError.insufficientData(context: "indicator '\(indicators[j])' has no observed values")
      }
      var s = 0.0, sw = 0.0
      for r in present { let wi = w?[r] ?? 1; s += wi * col[keep[r]]!; sw += wi }
      let colMean = sw > 0 ? s / sw : 0
      for (r, i) in keep.enumerated() {
        if let v = col[i] { m[r, j] = v } else { m[r, j] = colMean; imputed += 1 }
      }
    }
    self.indicatorNames = indicators
    self.values = m
    self.caseWeights = w
    self.missingReport = MissingValueReport(
      policy: policy, rowsInput: n, rowsUsed: keep.count, usedRowIndices: keep, valuesImputed: imputed)
  }

  init(indicatorNames: [String], values: Matrix, caseWeights: [Double]?, missingReport: MissingValueReport) {
    self.indicatorNames = indicatorNames
    self.values = values
    self.caseWeights = caseWeights
    self.missingReport = missingReport
  }

  /// Weighted means of each indicator in original units.
  public var means: [Double] { (0..<values.cols).map { WeightedStatistics.mean(values.column($0), weights: caseWeights) } }

  /// Weighted population standard deviations of each indicator in original units.
  public var standardDeviations: [Double] {
    (0..<values.cols).map { WeightedStatistics.standardDeviation(values.column($0), weights: caseWeights) }
  }

  /// Rows `indices` (with repetition) as a new data set — used by the bootstrap.
  func resampled(rows indices: [Int]) -> IndicatorData {
    var m = Matrix(rows: indices.count, cols: values.cols)
    for (r, i) in indices.enumerated() { for c in 0..<values.cols { m[r, c] = values[i, c] } }
    let w = caseWeights.map { cw in indices.map { cw[$0] } }
    return IndicatorData(indicatorNames: indicatorNames, values: m, caseWeights: w, missingReport: missingReport)
  }

  /// Centres (and for `.standardized` scales) each column; throws on constant indicators.
  func prepared(_ scaling: IndicatorScaling) throws -> Matrix {
    var x = values
    let mu = means
    let sd = standardDeviations
    for j in 0..<x.cols {
      guard sd[j] > 1e-12 * max(1, abs(mu[j])) else { throw AnalyticsError.constantIndicator(name: indicatorNames[j]) }
      let divisor = scaling == .standardized ? sd[j] : 1
      for i in 0..<x.rows { x[i, j] = (x[i, j] - mu[j]) / divisor }
    }
    return x
  }
}
