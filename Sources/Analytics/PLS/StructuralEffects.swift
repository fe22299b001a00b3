import Foundation

/// Direct, indirect and total effect of one construct on another.
public struct PLSEffect: Sendable, Equatable, Codable {
  public let from: String
  public let to: String
  public let direct: Double
  public let indirect: Double
  public let total: Double
}

/// Path estimation and effect decomposition shared by PLS and IPMA.
public enum StructuralEffects {
  /// Regresses each endogenous construct on its predecessors (OLS with intercept, case-weighted).
  /// Returns the path matrix `[from, to]`, R² per construct and the intercepts.
  public static func estimatePaths(
    scores: Matrix, adjacency: [[Bool]], caseWeights: [Double]?, constructNames: [String]
  ) throws -> (paths: Matrix, rSquared: [Double], intercepts: [Double]) {
    let lvs = adjacency.count
    var paths = Matrix(rows: lvs, cols: lvs)
    var r2 = [Double](repeating: 0, count: lvs)
    var intercepts = [Double](repeating: 0, count: lvs)
    for k in 0..<lvs {
      let predecessors = (0..<lvs).filter { adjacency[$0][k] }
      guard !predecessors.isEmpty else { continue }
      var xp = Matrix(rows: scores.rows, cols: predecessors.count)
      for i in 0..<scores.rows { for (c, p) in predecessors.enumerated() { xp[i, c] = scores[i, p] } }
      let fit = try LeastSquares.fit(
        x: xp, y: scores.column(k), weights: caseWeights, intercept: true,
        context: "structural regression of \(constructNames[k]) (collinear predictors)")
      for (c, p) in predecessors.enumerated() { paths[p, k] = fit.coefficients[c] }
      r2[k] = fit.rSquared
      intercepts[k] = fit.intercept
    }
    return (paths, r2, intercepts)
  }

  /// The same regressions from the weighted covariance matrix of the construct scores (the
  /// slopes of an OLS fit with intercept depend on the data only through it). Intercepts are
  /// `means[k] − Σ β·means[pred]` when `means` is given, else 0 (centred scores).
  public static func estimatePaths(
    covariance phi: Matrix, means: [Double]? = nil, adjacency: [[Bool]], constructNames: [String]
  ) throws -> (paths: Matrix, rSquared: [Double], intercepts: [Double]) {
    let lvs = adjacency.count
    var paths = Matrix(rows: lvs, cols: lvs)
    var r2 = [Double](repeating: 0, count: lvs)
    var intercepts = [Double](repeating: 0, count: lvs)
    for k in 0..<lvs {
      let predecessors = (0..<lvs).filter { adjacency[$0][k] }
      guard !predecessors.isEmpty else { continue }
      var xtx = Matrix(rows: predecessors.count, cols: predecessors.count)
      for (a, i) in predecessors.enumerated() { for (b, j) in predecessors.enumerated() { xtx[a, b] = phi[i, j] } }
      let xty = predecessors.map { phi[$0, k] }
      let beta = try LinearSolver.solveCholesky(
        xtx, xty, context: "structural regression of \(constructNames[k]) (collinear predictors)")
      for (c, p) in predecessors.enumerated() { paths[p, k] = beta[c] }
      let explained = zip(beta, xty).reduce(0.0) { $0 + $1.0 * $1.1 }
      r2[k] = phi[k, k] > 0 ? 1 - (phi[k, k] - explained) / phi[k, k] : 0
      if let means { intercepts[k] = means[k] - zip(beta, predecessors).reduce(0.0) { $0 + $1.0 * means[$1.1] } }
    }
    return (paths, r2, intercepts)
  }

  /// Total effects T = B + B² + … for an acyclic path matrix B `[from, to]`.
  public static func totalEffects(_ paths: Matrix) throws -> Matrix {
    var total = paths
    var power = paths
    for _ in 1..<max(paths.rows, 1) {
      power = try power.multiplied(by: paths)
      if power.values.allSatisfy({ $0 == 0 }) { break }
      total = total + power
    }
    return total
  }

  /// Effect list in plspm order (for each source, each later construct), for pairs connected
  /// by at least one directed route.
  public static func effectList(paths: Matrix, adjacency: [[Bool]], constructNames: [String]) throws -> [PLSEffect] {
    let total = try totalEffects(paths)
    let reach = reachability(adjacency)
    var out: [PLSEffect] = []
    for f in 0..<paths.rows {
      for t in 0..<paths.cols where f != t && reach[f][t] {
        out.append(
          PLSEffect(
            from: constructNames[f], to: constructNames[t], direct: paths[f, t],
            indirect: total[f, t] - paths[f, t], total: total[f, t]))
      }
    }
    return out
  }

  static func reachability(_ adj: [[Bool]]) -> [[Bool]] {
    var r = adj
    let n = adj.count
    for k in 0..<n { for i in 0..<n where r[i][k] { for j in 0..<n where r[k][j] { r[i][j] = true } } }
    return r
  }
}
