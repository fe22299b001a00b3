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
    let c = try data.analysedCovariance(settings.scaling)
    let algorithm = PLSAlgorithm(
      blocks: blocks, modes: model.constructs.map(\.mode), adjacency: adjacency, scheme: settings.scheme,
      tolerance: settings.tolerance, maxIterations: settings.maxIterations)
    let outcome = try algorithm.run(covariance: c, constructNames: names)
    let lvs = names.count
    let p = c.rows
    // Covariances of the indicators with the latent scores, and of the scores with each other.
    let indicatorScore = blocks.map { algorithm.covariances(c, $0, outcome.weights) }
    var scoreCovariance = Matrix(rows: lvs, cols: lvs)
    for a in 0..<lvs {
      for b in 0..<lvs { scoreCovariance[a, b] = blocks[b].reduce(0.0) { $0 + outcome.weights[$1] * indicatorScore[a][$1] } }
    }
    let inner = try StructuralEffects.estimatePaths(covariance: scoreCovariance, adjacency: adjacency, constructNames: names)
    var cross = Matrix(rows: p, cols: lvs)
    for j in 0..<p {
      for l in 0..<lvs {
        let v = c[j, j] * scoreCovariance[l, l]
        cross[j, l] = v > 0 ? indicatorScore[l][j] / v.squareRoot() : 0
      }
    }
    let scores = latentScores(data: data, blocks: blocks, weights: outcome.weights, divisors: data.scaleDivisors(settings.scaling))
    let loadings = (0..<p).map { cross[$0, indicatorConstruct[$0]] }
    let effects = try StructuralEffects.effectList(paths: inner.paths, adjacency: adjacency, constructNames: names)
    return PLSResult(
      model: model, settings: settings, constructNames: names, indicatorNames: model.indicatorNames,
      indicatorConstruct: indicatorConstruct, outerWeights: outcome.weights, loadings: loadings, crossLoadings: cross,
      pathCoefficients: inner.paths, rSquared: inner.rSquared, effects: effects,
      totalEffects: try StructuralEffects.totalEffects(inner.paths), scores: scores,
      iterations: outcome.iterations, converged: outcome.converged, data: data)
  }

  /// Latent scores Σ_j w_j (x_j − μ_j) / s_j as an n × L row-major matrix, computed column by
  /// column (in parallel for large data).
  static func latentScores(data: IndicatorData, blocks: [[Int]], weights: [Double], divisors: [Double]) -> Matrix {
    let n = data.rowCount
    let lvs = blocks.count
    var scores = Matrix(rows: n, cols: lvs)
    scores.values.withUnsafeMutableBufferPointer { out in
      let target = SendablePointer(base: out.baseAddress!)
      let parts = ColumnMoments.parts(rows: n)
      ColumnMoments.forEachRange(rows: n, parts: parts) { _, range in
        for (l, block) in blocks.enumerated() {
          var constant = 0.0
          for j in block { constant -= weights[j] / divisors[j] * data.means[j] }
          var column = [Double](repeating: constant, count: range.count)
          column.withUnsafeMutableBufferPointer { o in
            for j in block {
              let a = weights[j] / divisors[j]
              data.columns[j].withUnsafeBufferPointer { x in
                let lo = range.lowerBound
                for i in 0..<range.count { o[i] += a * x[lo + i] }
              }
            }
            for i in 0..<range.count { target.base[(range.lowerBound + i) * lvs + l] = o[i] }
          }
        }
      }
    }
    return scores
  }
}

/// A raw pointer handed to workers that write disjoint ranges.
struct SendablePointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
}
