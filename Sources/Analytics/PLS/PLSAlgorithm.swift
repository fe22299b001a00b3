import Foundation

/// The iterative stage of PLS-PM (Lohmöller's algorithm as implemented in R plspm `get_weights`),
/// generalised to case weights: every mean, variance, covariance and regression is weighted.
///
/// Every quantity the iterations need (composite variances, covariances of composites with
/// indicators and with each other, the mode B and path-scheme regressions) is a quadratic form
/// in the analysed indicators' weighted covariance matrix C, so the algorithm works on the p × p
/// matrix C and touches the n rows only once, for the final latent scores.
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
    var iterations: Int
    var converged: Bool
  }

  /// `c` is the weighted covariance matrix of the analysed (centred or standardised) indicators.
  func run(covariance c: Matrix, constructNames: [String]) throws -> Outcome {
    let p = c.rows
    var weights = [Double](repeating: 0, count: p)
    // Start: unit weights scaled so each initial composite has unit variance (plspm).
    for (l, block) in blocks.enumerated() {
      for j in block { weights[j] = 1 }
      let sd = max(quadratic(c, block, weights, block, weights), 0).squareRoot()
      guard sd > 0 else { throw AnalyticsError.constantIndicator(name: "block \(constructNames[l])") }
      for j in block { weights[j] /= sd }
    }
    var oldWeights = weights
    var iteration = 1
    var converged = false
    let lvs = blocks.count
    while true {
      // Outer proxies Y_l = X_l w_l / sd_l; g[l][j] = cov(Y_l, x_j).
      var sds = [Double](repeating: 0, count: lvs)
      for (l, block) in blocks.enumerated() {
        let v = quadratic(c, block, weights, block, weights)
        guard v > 0, v.isFinite else {
          throw AnalyticsError.singularMatrix(context: "composite of \(constructNames[l]) has zero variance")
        }
        sds[l] = v.squareRoot()
      }
      let g = blocks.indices.map { l in covariances(c, blocks[l], weights).map { $0 / sds[l] } }
      var r = Matrix(rows: lvs, cols: lvs)
      for a in 0..<lvs {
        for b in 0..<lvs { r[a, b] = blocks[b].reduce(0.0) { $0 + weights[$1] * g[a][$1] } / sds[b] }
      }
      let e = try innerWeights(r, constructNames: constructNames)
      for (l, block) in blocks.enumerated() {
        // cov(z_l, x_j) with z_l = Σ_k e[k, l] Y_k.
        let zx = block.map { j in (0..<lvs).reduce(0.0) { $0 + e[$1, l] * g[$1][j] } }
        switch modes[l] {
        case .reflective:
          for (k, j) in block.enumerated() { weights[j] = zx[k] }
        case .formative:
          let beta = try LinearSolver.solveCholesky(
            submatrix(c, block, block), zx, context: "mode B weights of \(constructNames[l])")
          for (k, j) in block.enumerated() { weights[j] = beta[k] }
        }
      }
      var diff = 0.0
      for j in 0..<p { let d = abs(oldWeights[j]) - abs(weights[j]); diff += d * d }
      guard diff.isFinite else { throw AnalyticsError.nonFiniteValue(context: "outer weights diverged at iteration \(iteration)") }
      if diff < tolerance { converged = true; break }
      if iteration >= maxIterations { break }
      oldWeights = weights
      iteration += 1
    }
    // Normalise so latent scores have unit variance, then fix each score's sign as plspm's
    // get_scores does (flip when most indicators correlate negatively). plspm flips only the
    // scores; we flip the block's weights too so weights, scores and loadings stay consistent.
    for (l, block) in blocks.enumerated() {
      let v = quadratic(c, block, weights, block, weights)
      guard v > 0, v.isFinite else {
        throw AnalyticsError.singularMatrix(context: "latent score of \(constructNames[l]) has zero variance")
      }
      let sd = v.squareRoot()
      let cov = covariances(c, block, weights)
      var signVotes = 0.0
      for j in block where c[j, j] > 0 { signVotes += cov[j] > 0 ? 1 : (cov[j] < 0 ? -1 : 0) }
      let sign: Double = signVotes > 0 ? 1 : -1
      for j in block { weights[j] = sign * weights[j] / sd }
    }
    return Outcome(weights: weights, iterations: iteration, converged: converged)
  }

  /// a_A' C b_B for index sets A, B with coefficient vectors indexed by column.
  func quadratic(_ c: Matrix, _ rows: [Int], _ a: [Double], _ cols: [Int], _ b: [Double]) -> Double {
    var s = 0.0
    for i in rows {
      var t = 0.0
      for j in cols { t += c[i, j] * b[j] }
      s += a[i] * t
    }
    return s
  }

  /// cov(x_j, X_block w_block) for every column j.
  func covariances(_ c: Matrix, _ block: [Int], _ w: [Double]) -> [Double] {
    (0..<c.rows).map { j in block.reduce(0.0) { $0 + c[j, $1] * w[$1] } }
  }

  func submatrix(_ c: Matrix, _ rows: [Int], _ cols: [Int]) -> Matrix {
    var m = Matrix(rows: rows.count, cols: cols.count)
    for (a, i) in rows.enumerated() { for (b, j) in cols.enumerated() { m[a, b] = c[i, j] } }
    return m
  }

  /// Inner weight matrix E (column k builds the inner proxy of construct k) from the
  /// correlation matrix `r` of the outer proxies.
  private func innerWeights(_ r: Matrix, constructNames: [String]) throws -> Matrix {
    let lvs = blocks.count
    var e = Matrix(rows: lvs, cols: lvs)
    switch scheme {
    case .centroid, .factorial:
      for i in 0..<lvs {
        for j in 0..<lvs where i != j && (adjacency[i][j] || adjacency[j][i]) {
          let v = r[i, j]
          e[i, j] = scheme == .factorial ? v : (v > 0 ? 1 : (v < 0 ? -1 : 0))
        }
      }
    case .path:
      for k in 0..<lvs {
        // Predecessors: multiple-regression coefficients of Y_k on them (no intercept).
        let predecessors = (0..<lvs).filter { adjacency[$0][k] }
        if !predecessors.isEmpty {
          let beta = try LinearSolver.solveCholesky(
            submatrix(r, predecessors, predecessors), predecessors.map { r[$0, k] },
            context: "path-scheme inner weights of \(constructNames[k])")
          for (c, p) in predecessors.enumerated() { e[p, k] = beta[c] }
        }
        // Successors: correlations.
        for s in 0..<lvs where adjacency[k][s] { e[s, k] = r[k, s] }
      }
    }
    return e
  }
}
