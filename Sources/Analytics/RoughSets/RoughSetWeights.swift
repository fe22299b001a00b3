import Foundation

/// Which rule produced rough-set weights (recorded so reports can say how weights were obtained).
public enum RoughSetWeightMethod: String, Sendable, Codable {
  /// w_a ∝ σ(a) = γ(C, D) − γ(C − {a}, D).
  case dependencySignificance
  /// Fallback 1, all σ(a) = 0: w_a ∝ H(D | C − {a}) − H(D | C) (Wang Guoyin's information view).
  case conditionalEntropySignificance
  /// Fallback 2, still all zero (e.g. every attribute has a redundant copy): w_a ∝ H(D) − H(D | {a}),
  /// the information each attribute alone carries about D.
  case mutualInformation
  /// Fallback 3, no attribute says anything about D: equal weights.
  case equal
}

public struct RoughSetWeights: Sendable, Equatable {
  public let attributes: [String]
  public let weights: [Double]
  public let method: RoughSetWeightMethod
}

extension DecisionTable {
  /// Objective attribute weights from significance, with the documented fallbacks so weights are
  /// never undefined (all-zero significance happens whenever attributes are mutually redundant).
  public func attributeWeights() -> RoughSetWeights {
    let c = allConditions
    func normalized(_ raw: [Double]) -> [Double]? {
      let clipped = raw.map { max($0, 0) }
      let s = clipped.reduce(0, +)
      return s > 1e-12 ? clipped.map { $0 / s } : nil
    }
    if let w = normalized(c.map(significance(of:))) {
      return RoughSetWeights(attributes: conditionNames, weights: w, method: .dependencySignificance)
    }
    let hC = conditionalEntropy(c)
    if let w = normalized(c.map { a in conditionalEntropy(c.filter { $0 != a }) - hC }) {
      return RoughSetWeights(attributes: conditionNames, weights: w, method: .conditionalEntropySignificance)
    }
    let hD = conditionalEntropy([])
    if let w = normalized(c.map { hD - conditionalEntropy([$0]) }) {
      return RoughSetWeights(attributes: conditionNames, weights: w, method: .mutualInformation)
    }
    return RoughSetWeights(
      attributes: conditionNames, weights: Array(repeating: 1 / Double(c.count), count: c.count), method: .equal)
  }
}
