import Foundation

/// Everything a PLS-PM run produces. Indicator-level arrays follow `indicatorNames` (block
/// order); construct-level arrays follow `constructNames`; matrices are `[from, to]`.
public struct PLSResult: Sendable {
  public let model: PLSModel
  public let settings: PLSSettings
  public let constructNames: [String]
  public let indicatorNames: [String]
  /// Index of the construct each indicator belongs to.
  public let indicatorConstruct: [Int]
  /// Outer weights on the analysed scale (standardised or centred raw indicators), normalised so
  /// each latent score has unit variance.
  public let outerWeights: [Double]
  /// Correlation of each indicator with its own construct.
  public let loadings: [Double]
  /// Correlations of every indicator (rows) with every construct (columns).
  public let crossLoadings: Matrix
  public let pathCoefficients: Matrix
  public let rSquared: [Double]
  public let effects: [PLSEffect]
  public let totalEffects: Matrix
  /// Latent scores (rows = used observations, unit weighted population variance).
  public let scores: Matrix
  public let iterations: Int
  public let converged: Bool
  /// The complete data actually analysed (after missing-value treatment), in original units.
  public let data: IndicatorData

  public var missingValueReport: MissingValueReport { data.missingReport }
  public var adjacency: [[Bool]] {
    (0..<constructNames.count).map { f in (0..<constructNames.count).map { t in pathExists(f, t) } }
  }

  func pathExists(_ f: Int, _ t: Int) -> Bool {
    model.paths.contains { $0.from == constructNames[f] && $0.to == constructNames[t] }
  }

  public func constructIndex(_ name: String) throws -> Int {
    guard let i = constructNames.firstIndex(of: name) else { throw AnalyticsError.unknownConstruct(name: name) }
    return i
  }

  public func indicatorIndex(_ name: String) throws -> Int {
    guard let i = indicatorNames.firstIndex(of: name) else { throw AnalyticsError.unknownColumn(name: name) }
    return i
  }

  /// Indicator columns of a construct.
  public func block(of construct: Int) -> [Int] { indicatorNames.indices.filter { indicatorConstruct[$0] == construct } }

  public func outerWeight(_ indicator: String) throws -> Double { outerWeights[try indicatorIndex(indicator)] }
  public func loading(_ indicator: String) throws -> Double { loadings[try indicatorIndex(indicator)] }
  public func path(from: String, to: String) throws -> Double { pathCoefficients[try constructIndex(from), try constructIndex(to)] }
  public func totalEffect(from: String, to: String) throws -> Double { totalEffects[try constructIndex(from), try constructIndex(to)] }
  public func rSquared(_ construct: String) throws -> Double { rSquared[try constructIndex(construct)] }
  public func scores(_ construct: String) throws -> [Double] { scores.column(try constructIndex(construct)) }

  /// Outer weights expressed per unit of the original indicator (weight / SD for a standardised
  /// run; the raw weight itself for a raw run). Used by the CSI index and IPMA.
  public var unstandardizedOuterWeights: [Double] {
    switch settings.scaling {
    case .raw: return outerWeights
    case .standardized:
      let sd = data.standardDeviations
      return outerWeights.indices.map { outerWeights[$0] / sd[$0] }
    }
  }

  /// Outer weights for standardised indicators (raw weights × SD); used by ρA.
  public var standardizedOuterWeights: [Double] {
    switch settings.scaling {
    case .standardized: return outerWeights
    case .raw:
      let sd = data.standardDeviations
      return outerWeights.indices.map { outerWeights[$0] * sd[$0] }
    }
  }
}
