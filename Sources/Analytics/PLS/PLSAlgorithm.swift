import Foundation

/// The iterative stage of PLS-PM (Lohmöller's algorithm as implemented in R plspm `get_weights`),
/// generalised to case weights: every mean, variance, covariance and regression is weighted.
struct PLSAlgorithm {
  let blocks: [[Int]]  // indicator columns per construct
  let modes: [MeasurementMode]
  let adjacency: [[Bool]]  // [from][to]
  let scheme: InnerWeightingScheme
  let tolerance: Double
  let maxIterations: Int

  struct Outcome {
    /// Outer weights per indicator column (each indicator belongs to exactly one block).
    var weights: [Double]
    var scores: Matrix
    var iterations: Int
    var converged: Bool
  }

  /// `x` is the centred (or standardised) indicator matrix; `w` the case weights or nil.
  func run(x: Matrix, caseWeights w: [Double]?, constructNames: [String]) throws -> Outcome {
    let lvs = blocks.count
    let indicatorCount = x.cols
    let xColumns = (0..<x.cols).map(x.column)  // column copies reused in every iteration
    var weights = [Double](repeating: 0, count: indicatorCount)
    // Start: unit weights scaled so each initial composite has unit variance (plspm).
    for (l, block) in blocks.enumerated() {
      for j in block { weights[j] = 1 }
      let sd = WeightedStatistics.standardDeviation(composite(x, block, weights), weights: w)
      guard sd > 0 else { throw AnalyticsError.constantIndicator(name: "block \(constructNames[l])") }
      for j in block { weights[j] /= sd }
    }
    var oldWeights = weights
    var iteration = 1
    var converged = false
    while true {
      // Outer proxies Y: composites standardised to unit (weighted population) variance.
      var y = Matrix(rows: x.rows, cols: lvs)
      for (l, block) in blocks.enumerated() {
        let col = composite(x, block, weights)
        let mean = WeightedStatistics.mean(col, weights: w)
        let sd = WeightedStatistics.standardDeviation(col, weights: w)
        guard sd > 0 else { throw AnalyticsError.singularMatrix(context: "composite of \(constructNames[l]) has zero variance") }
        for i in 0..<x.rows { y[i, l] = (col[i] - mean) / sd }
      }
      let e = try innerWeights(y, caseWeights: w, constructNames: constructNames)
      let z = try y.multiplied(by: e)
      for (l, block) in blocks.enumerated() {
        let zl = z.column(l)
        switch modes[l] {
        case .reflective:
          for j in block { weights[j] = WeightedStatistics.covariance(zl, xColumns[j], weights: w) }
        case .formative:
          var xb = Matrix(rows: x.rows, cols: block.count)
          for i in 0..<x.rows { for (k, j) in block.enumerated() { xb[i, k] = x[i, j] } }
          let fit = try LeastSquares.fit(
            x: xb, y: zl, weights: w, intercept: false, context: "mode B weights of \(constructNames[l])")
          for (k, j) in block.enumerated() { weights[j] = fit.coefficients[k] }
        }
      }
      var diff = 0.0
      for j in 0..<indicatorCount { let d = abs(oldWeights[j]) - abs(weights[j]); diff += d * d }
      guard diff.isFinite else { throw AnalyticsError.nonFiniteValue(context: "outer weights diverged at iteration \(iteration)") }
      if diff < tolerance { converged = true; break }
      if iteration >= maxIterations { break }
      oldWeights = weights
      iteration += 1
    }
    // Normalise so latent scores have unit variance, then fix each score's sign as plspm's
    // get_scores does (flip when most indicators correlate negatively). plspm flips only the
    // scores; we flip the block's weights too so weights, scores and loadings stay consistent.
    var scores = Matrix(rows: x.rows, cols: lvs)
    for (l, block) in blocks.enumerated() {
      var col = composite(x, block, weights)
      let sd = WeightedStatistics.standardDeviation(col, weights: w)
      guard sd > 0 else { throw AnalyticsError.singularMatrix(context: "latent score of \(constructNames[l]) has zero variance") }
      var signVotes = 0.0
      for j in block {
        let r = WeightedStatistics.correlation(xColumns[j], col, weights: w)
        signVotes += r > 0 ? 1 : (r < 0 ? -1 : 0)
      }
      let sign: Double = signVotes > 0 ? 1 : -1
      for j in block { weights[j] = sign * weights[j] / sd }
      col = composite(x, block, weights)
      for i in 0..<x.rows { scores[i, l] = col[i] }
    }
    return Outcome(weights: weights, scores: scores, iterations: iteration, converged: converged)
  }

  private func composite(_ x: Matrix, _ block: [Int], _ weights: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: x.rows)
    x.values.withUnsafeBufferPointer { v in
      for i in 0..<x.rows {
        var s = 0.0
        for j in block { s += v[i * x.cols + j] * weights[j] }
        out[i] = s
      }
    }
    return out
  }

  /// Inner weight matrix E (column k builds the inner proxy of construct k).
  private func innerWeights(_ y: Matrix, caseWeights w: [Double]?, constructNames: [String]) throws -> Matrix {
    let lvs = blocks.count
    let cols = (0..<lvs).map(y.column)
    var e = Matrix(rows: lvs, cols: lvs)
    switch scheme {
    case .centroid, .factorial:
      for i in 0..<lvs {
        for j in 0..<lvs where i != j && (adjacency[i][j] || adjacency[j][i]) {
          let r = WeightedStatistics.correlation(cols[i], cols[j], weights: w)
          e[i, j] = scheme == .factorial ? r : (r > 0 ? 1 : (r < 0 ? -1 : 0))
        }
      }
    case .path:
      for k in 0..<lvs {
        // Predecessors: multiple-regression coefficients of Y_k on them (no intercept).
        let predecessors = (0..<lvs).filter { adjacency[$0][k] }
        if !predecessors.isEmpty {
          var xp = Matrix(rows: y.rows, cols: predecessors.count)
          for i in 0..<y.rows { for (c, p) in predecessors.enumerated() { xp[i, c] = y[i, p] } }
          let fit = try LeastSquares.fit(
            x: xp, y: cols[k], weights: w, intercept: false,
            context: "path-scheme inner weights of \(constructNames[k])")
          for (c, p) in predecessors.enumerated() { e[p, k] = fit.coefficients[c] }
        }
        // Successors: correlations.
        for s in 0..<lvs where adjacency[k][s] { e[s, k] = WeightedStatistics.correlation(cols[k], cols[s], weights: w) }
      }
    }
    return e
  }
}
