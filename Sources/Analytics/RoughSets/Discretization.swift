import Foundation

/// Turns continuous scores into interval codes 0…k−1 so rough-set methods, which work on
/// discrete attribute values, can use survey and KPI data.
public enum Discretization {
  /// k intervals of equal width between the minimum and maximum.
  public static func equalWidth(_ x: [Double], bins: Int) throws -> [Int] {
    try validate(x, bins: bins)
    let lo = x.min()!, hi = x.max()!
    guard hi > lo else { return Array(repeating: 0, count: x.count) }
    // Halves keep hi − lo finite for values near ±Double.greatestFiniteMagnitude, so the code
    // below is always a finite number in 0…bins.
    let width = (hi / 2 - lo / 2) / Double(bins)
    return x.map { min(Int(($0 / 2 - lo / 2) / width), bins - 1) }
  }

  /// k intervals holding (as nearly as ties allow) the same number of values: cut points are the
  /// j/k sample quantiles (type 7), and equal values always share a code.
  public static func equalFrequency(_ x: [Double], bins: Int) throws -> [Int] {
    try validate(x, bins: bins)
    let sorted = x.sorted()
    var cuts: [Double] = []
    for j in 1..<bins {
      let q = WeightedStatistics.quantile(sorted: sorted, probability: Double(j) / Double(bins))
      if q > sorted.first!, q <= sorted.last!, cuts.last.map({ q > $0 }) ?? true { cuts.append(q) }
    }
    return try cutPoints(x, cuts: cuts)
  }

  /// Code = number of cut points ≤ value, i.e. intervals (−∞, c1), [c1, c2), …, [c_m, ∞).
  public static func cutPoints(_ x: [Double], cuts: [Double]) throws -> [Int] {
    guard x.allSatisfy(\.isFinite), cuts.allSatisfy(\.isFinite) else {
      throw AnalyticsError.nonFiniteValue(context: "values or cut points to discretise")
    }
    guard zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw AnalyticsError.invalidArgument("cut points must be strictly increasing")
    }
    return x.map { v in cuts.reduce(0) { $0 + (v >= $1 ? 1 : 0) } }
  }

  private static func validate(_ x: [Double], bins: Int) throws {
    guard !x.isEmpty else { throw AnalyticsError.insufficientData(context: "no values to discretise") }
    guard bins >= 1 else { throw AnalyticsError.invalidArgument("number of bins must be at least 1, got \(bins)") }
    guard x.allSatisfy(\.isFinite) else { throw AnalyticsError.nonFiniteValue(context: "values to discretise") }
  }
}
