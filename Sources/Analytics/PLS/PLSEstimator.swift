import Foundation

/// Entry point for PLS path modelling.
public enum PLSEstimator {
  /// Estimates `model` on `data`. Throws a typed `AnalyticsError` for any invalid model or data;
  /// non-convergence is reported in `converged` rather than thrown (plspm returns no result then,
  /// but the analyst should still see how far it got).
  public static func estimate(model: PLSModel, data: Dataset, settings: PLSSettings = PLSSettings()) throws -> PLSResult {
    let adjacency = try model.validatedAdjacency()
    try validate(settings)
    let indicators = try IndicatorData(
      dataset: data, indicators: model.indicatorNames, caseWeights: settings.caseWeights, policy: settings.missingValues)
    return try estimate(model: model, adjacency: adjacency, data: indicators, settings: settings)
  }

  static func validate(_ settings: PLSSettings) throws {
    guard settings.tolerance > 0, settings.tolerance.isFinite else {
      throw AnalyticsError.invalidArgument("tolerance must be positive, got \(settings.tolerance)")
    }
    guard settings.maxIterations >= 1 else {
      throw AnalyticsError.invalidArgument("maxIterations must be at least 1, got \(settings.maxIterations)")
    }
  }

  /// Core estimation on already-extracted data (reused by the bootstrap).
  static func estimate(model: PLSModel, adjacency: [[Bool]], data: IndicatorData, settings: PLSSettings) throws -> PLSResult {
    let names = model.constructNames
    var blocks: [[Int]] = []
    var indicatorConstruct: [Int] = []
    var offset = 0
    for (l, c) in model.constructs.enumerated() {
      blocks.append(Array(offset..<(offset + c.indicators.count)))
      indicatorConstruct += Array(repeating: l, count: c.indicators.count)
      offset += c.indicators.count
    }
    let x = try data.prepared(settings.scaling)
    let w = data.caseWeights
    let algorithm = PLSAlgorithm(
      blocks: blocks, modes: model.constructs.map(\.mode), adjacency: adjacency, scheme: settings.scheme,
      tolerance: settings.tolerance, maxIterations: settings.maxIterations)
    let outcome = try algorithm.run(x: x, caseWeights: w, constructNames: names)
    let inner = try StructuralEffects.estimatePaths(
      scores: outcome.scores, adjacency: adjacency, caseWeights: w, constructNames: names)
    var cross = Matrix(rows: x.cols, cols: names.count)
    let scoreCols = (0..<names.count).map(outcome.scores.column)
    for j in 0..<x.cols {
      let xj = x.column(j)
      for l in 0..<names.count { cross[j, l] = WeightedStatistics.correlation(xj, scoreCols[l], weights: w) }
    }
    let loadings = (0..<x.cols).map { cross[$0, indicatorConstruct[$0]] }
    let effects = try StructuralEffects.effectList(paths: inner.paths, adjacency: adjacency, constructNames: names)
    return PLSResult(
      model: model, settings: settings, constructNames: names, indicatorNames: model.indicatorNames,
      indicatorConstruct: indicatorConstruct, outerWeights: outcome.weights, loadings: loadings, crossLoadings: cross,
      pathCoefficients: inner.paths, rSquared: inner.rSquared, effects: effects,
      totalEffects: try StructuralEffects.totalEffects(inner.paths), scores: outcome.scores,
      iterations: outcome.iterations, converged: outcome.converged, data: data)
  }
}
