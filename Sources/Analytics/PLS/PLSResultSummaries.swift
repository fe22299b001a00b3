import Foundation

/// Outer- and inner-model summaries in R plspm's terms (communality, redundancy, GoF), derived
/// from the basic estimates so they never drift from them.
extension PLSResult {
  /// Squared loading of each indicator.
  public var communalities: [Double] { loadings.map { $0 * $0 } }

  /// Communality × R² of the indicator's construct (0 for exogenous constructs).
  public var redundancies: [Double] { loadings.indices.map { communalities[$0] * rSquared[indicatorConstruct[$0]] } }

  /// Mean communality of each block (equals AVE for standardised loadings).
  public var blockCommunalities: [Double] { constructNames.indices.map { mean(block(of: $0).map { communalities[$0] }) } }

  /// Mean redundancy of each block.
  public var meanRedundancies: [Double] { constructNames.indices.map { mean(block(of: $0).map { redundancies[$0] }) } }

  /// Whether each construct has at least one predecessor.
  public var isEndogenous: [Bool] { constructNames.indices.map { t in constructNames.indices.contains { pathExists($0, t) } } }

  /// Tenenhaus GoF = sqrt(mean communality over blocks with > 1 indicator × mean R² of the
  /// endogenous constructs), as R plspm computes it. Throws when no block has 2+ indicators.
  public func goodnessOfFit() throws -> Double {
    let multi = constructNames.indices.filter { block(of: $0).count > 1 }
    guard !multi.isEmpty else {
      throw AnalyticsError.insufficientData(context: "GoF needs at least one block with two or more indicators")
    }
    let comm = mean(multi.flatMap { block(of: $0) }.map { communalities[$0] })
    let r2 = mean(constructNames.indices.filter { isEndogenous[$0] }.map { rSquared[$0] })
    return (comm * r2).squareRoot()
  }

  private func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
}
