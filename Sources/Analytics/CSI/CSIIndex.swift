import Foundation

/// The response scale of the indicators (e.g. 0…10 for ECSI, 1…5 for the five-point scale).
public struct IndicatorScale: Sendable, Codable, Equatable {
  public let minimum: Double
  public let maximum: Double

  public init(minimum: Double, maximum: Double) throws {
    guard minimum.isFinite, maximum.isFinite, minimum < maximum else {
      throw AnalyticsError.invalidArgument("indicator scale needs minimum < maximum, got \(minimum)…\(maximum)")
    }
    self.minimum = minimum
    self.maximum = maximum
  }

  /// Maps a value on the scale to 0–100.
  public func rescale(_ value: Double) -> Double { (value - minimum) / (maximum - minimum) * 100 }
}

/// Customer satisfaction index (0–100) of one construct.
public struct ConstructIndex: Sendable, Equatable {
  public let construct: String
  /// (Σ w̃·mean(x) − min)/(max − min)·100.
  public let index: Double
  public let indicators: [String]
  /// Unstandardised outer weights normalised to sum to 1 within the block (w̃).
  public let normalizedWeights: [Double]
  /// The same formula per respondent (rows of the analysed data).
  public let respondentScores: [Double]
}

/// ACSI-style index computation (Fornell et al. 1996): the index is the weighted mean of the
/// block's indicators on the 0–100 scale, with the unstandardised outer weights normalised to 1.
public enum CSIIndex {
  /// Indices for every construct of `result`. Unstandardised weights are the standardised weights
  /// divided by the indicator SD (SmartPLS/IPMA convention) or, for a raw run, the raw weights.
  public static func compute(_ result: PLSResult, scale: IndicatorScale) throws -> [ConstructIndex] {
    try compute(result, scale: scale, respondents: true)
  }

  /// `respondents: false` leaves `respondentScores` empty (the index itself needs only the means).
  public static func compute(_ result: PLSResult, scale: IndicatorScale, respondents: Bool) throws -> [ConstructIndex] {
    let data = result.data
    for j in data.indicatorNames.indices {
      for v in [data.minimums[j], data.maximums[j]] where v < scale.minimum - 1e-9 || v > scale.maximum + 1e-9 {
        throw AnalyticsError.invalidArgument(
          "indicator '\(result.indicatorNames[j])' has value \(v) outside the scale \(scale.minimum)…\(scale.maximum)")
      }
    }
    let unstd = result.unstandardizedOuterWeights
    return try result.constructNames.indices.map { l in
      let block = result.block(of: l)
      let total = block.reduce(0.0) { $0 + unstd[$1] }
      guard total > 1e-12 else {
        throw AnalyticsError.invalidArgument(
          "unstandardised weights of '\(result.constructNames[l])' sum to \(total); the index needs a positive sum")
      }
      let normalized = block.map { unstd[$0] / total }
      // The weighted mean of Σ w̃ x is Σ w̃ mean(x); the respondent scores are the same
      // combination row by row.
      let meanValue = zip(block, normalized).reduce(0.0) { $0 + $1.1 * data.means[$1.0] }
      var scores: [Double] = []
      if respondents {
        scores = data.combination(block, coefficients: normalized)
        let shift = meanValue, factor = 100 / (scale.maximum - scale.minimum)
        scores.withUnsafeMutableBufferPointer { s in for i in s.indices { s[i] = (s[i] + shift - scale.minimum) * factor } }
      }
      return ConstructIndex(
        construct: result.constructNames[l], index: scale.rescale(meanValue),
        indicators: block.map { result.indicatorNames[$0] }, normalizedWeights: normalized, respondentScores: scores)
    }
  }

  /// Index per group (e.g. customer segment or county), with the model's weights; `groups` gives
  /// one label per row of the *original* data set (rows dropped by listwise deletion are ignored).
  public static func byGroup(_ result: PLSResult, scale: IndicatorScale, groups: [String]) throws -> [String: [String: Double]] {
    guard groups.count == result.data.missingReport.rowsInput else {
      throw AnalyticsError.dimensionMismatch(context: "\(groups.count) group labels for \(result.data.missingReport.rowsInput) rows")
    }
    let indices = try compute(result, scale: scale)
    let used = result.data.missingReport.usedRowIndices
    var out: [String: [String: Double]] = [:]
    for label in Set(used.map { groups[$0] }) {
      let rows = used.indices.filter { groups[used[$0]] == label }
      let w = result.data.caseWeights.map { cw in rows.map { cw[$0] } }
      var perConstruct: [String: Double] = [:]
      for ci in indices { perConstruct[ci.construct] = WeightedStatistics.mean(rows.map { ci.respondentScores[$0] }, weights: w) }
      out[label] = perConstruct
    }
    return out
  }

  /// Percentile bootstrap intervals of each construct's index (model re-estimated per resample).
  public static func bootstrap(
    _ result: PLSResult, scale: IndicatorScale, settings: BootstrapSettings = BootstrapSettings()
  )
    throws -> [String: ConfidenceInterval]
  {
    let original = try compute(result, scale: scale, respondents: false).map(\.index)
    let draws = try PLSBootstrap.resampleStatistics(result, settings: settings) {
      try compute($0, scale: scale, respondents: false).map(\.index)
    }
    let intervals = PLSBootstrap.percentileIntervals(original: original, draws: draws, level: settings.confidenceLevel)
    return Dictionary(uniqueKeysWithValues: zip(result.constructNames, intervals))
  }
}
