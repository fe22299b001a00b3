import Foundation

/// Collinearity of one predictor in one structural regression.
public struct InnerVIF: Sendable, Equatable {
  public let predictor: String
  public let dependent: String
  public let vif: Double
}

/// Discriminant validity (HTMT) and structural collinearity (inner VIF).
public enum Validity {
  /// Heterotrait–monotrait ratio (Henseler, Ringle & Sarstedt 2015) for every pair of constructs,
  /// using absolute indicator correlations (semTools' default) so negatively keyed items cannot make
  /// the ratio undefined. Single-item blocks use a monotrait mean of 1. Diagonal is 1.
  public static func htmt(_ result: PLSResult) -> Matrix {
    let r = Reliability.correlations(result.data.covariance)
    let lvs = result.constructNames.count
    let blocks = (0..<lvs).map { result.block(of: $0) }
    func monotrait(_ b: [Int]) -> Double {
      guard b.count > 1 else { return 1 }
      var s = 0.0, n = 0.0
      for i in b.indices { for j in 0..<i { s += abs(r[b[i], b[j]]); n += 1 } }
      return s / n
    }
    let mono = blocks.map(monotrait)
    var out = Matrix.identity(lvs)
    for a in 0..<lvs {
      for b in 0..<a {
        var s = 0.0
        for i in blocks[a] { for j in blocks[b] { s += abs(r[i, j]) } }
        let hetero = s / Double(blocks[a].count * blocks[b].count)
        let denominator = (mono[a] * mono[b]).squareRoot()
        let value = denominator > 0 ? hetero / denominator : 0
        out[a, b] = value
        out[b, a] = value
      }
    }
    return out
  }

  /// VIF = 1 / (1 − R²) of each predictor regressed on the other predictors of the same
  /// endogenous construct; 1 when it is the only predictor. Throws on perfect collinearity.
  public static func innerVIF(_ result: PLSResult) throws -> [InnerVIF] {
    let adj = result.adjacency
    let names = result.constructNames
    var out: [InnerVIF] = []
    for k in names.indices {
      let preds = names.indices.filter { adj[$0][k] }
      for p in preds {
        let others = preds.filter { $0 != p }
        var vif = 1.0
        if !others.isEmpty {
          var x = Matrix(rows: result.scores.rows, cols: others.count)
          for i in 0..<x.rows { for (c, o) in others.enumerated() { x[i, c] = result.scores[i, o] } }
          let fit = try LeastSquares.fit(
            x: x, y: result.scores.column(p), weights: result.data.caseWeights,
            context: "VIF of \(names[p]) in the regression of \(names[k])")
          guard fit.rSquared < 1 - 1e-12 else {
            throw AnalyticsError.singularMatrix(context: "\(names[p]) is perfectly collinear with the other predictors of \(names[k])")
          }
          vif = 1 / (1 - fit.rSquared)
        }
        out.append(InnerVIF(predictor: names[p], dependent: names[k], vif: vif))
      }
    }
    return out
  }
}
