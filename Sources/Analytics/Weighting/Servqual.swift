import Foundation

/// SERVQUAL dimensions used in power-supply service evaluation (Parasuraman et al. 1988 plus safety).
public enum ServqualDimension: String, Sendable, Codable, CaseIterable {
  case tangibles, reliability, responsiveness, assurance, empathy, safety

  public var chineseLabel: String {
    switch self {
    case .tangibles: return "有形性"
    case .reliability: return "可靠性"
    case .responsiveness: return "响应性"
    case .assurance: return "保证性"
    case .empathy: return "移情性"
    case .safety: return "安全性"
    }
  }
}

/// One questionnaire item with its expectation and perception ratings.
public struct ServqualItem: Sendable, Equatable, Codable {
  public let id: String
  public let dimension: ServqualDimension
  public let expectations: [Double]
  public let perceptions: [Double]

  public init(id: String, dimension: ServqualDimension, expectations: [Double], perceptions: [Double]) {
    self.id = id
    self.dimension = dimension
    self.expectations = expectations
    self.perceptions = perceptions
  }
}

public struct ServqualGap: Sendable, Equatable {
  public let name: String
  public let expectation: Double
  public let perception: Double
  /// Perception − expectation; negative means service falls short of expectations.
  public let gap: Double
}

public struct ServqualResult: Sendable, Equatable {
  public let items: [ServqualGap]
  /// Unweighted mean over the dimension's items (dimensions without items are omitted).
  public let dimensions: [ServqualDimension: ServqualGap]
  /// Overall gap, weighting dimensions by `dimensionWeights` when given, else equally.
  public let overallGap: Double
}

public enum Servqual {
  public static func analyze(_ items: [ServqualItem], dimensionWeights: [ServqualDimension: Double]? = nil) throws -> ServqualResult {
    guard !items.isEmpty else { throw AnalyticsError.insufficientData(context: "SERVQUAL needs at least one item") }
    let gaps: [ServqualGap] = try items.map { item in
      guard !item.expectations.isEmpty, !item.perceptions.isEmpty else {
        throw AnalyticsError.insufficientData(context: "item '\(item.id)' has no ratings")
      }
      guard (item.expectations + item.perceptions).allSatisfy(\.isFinite) else {
        throw AnalyticsError.nonFiniteValue(context: "ratings of item '\(item.id)'")
      }
      let e = WeightedStatistics.mean(item.expectations)
      let p = WeightedStatistics.mean(item.perceptions)
      return ServqualGap(name: item.id, expectation: e, perception: p, gap: p - e)
    }
    var dims: [ServqualDimension: ServqualGap] = [:]
    for d in ServqualDimension.allCases {
      let g = zip(items, gaps).filter { $0.0.dimension == d }.map(\.1)
      guard !g.isEmpty else { continue }
      let k = Double(g.count)
      let e = g.reduce(0) { $0 + $1.expectation } / k
      let p = g.reduce(0) { $0 + $1.perception } / k
      dims[d] = ServqualGap(name: d.rawValue, expectation: e, perception: p, gap: p - e)
    }
    var weightSum = 0.0, overall = 0.0
    for (d, g) in dims {
      let w = dimensionWeights?[d] ?? (dimensionWeights == nil ? 1 : 0)
      guard w >= 0, w.isFinite else { throw AnalyticsError.invalidArgument("weight of dimension \(d.rawValue) must be ≥ 0") }
      weightSum += w
      overall += w * g.gap
    }
    guard weightSum > 0 else { throw AnalyticsError.invalidArgument("dimension weights of the rated dimensions sum to 0") }
    return ServqualResult(items: gaps, dimensions: dims, overallGap: overall / weightSum)
  }
}
