import Foundation

/// An amount range in fen with the amount a new case line proposes (ACC-AMOUNTS). `maxFen == nil`
/// is an open range ("not less than"), bounded only by the rule set's ceiling.
public struct FenRange: Hashable, Codable, Sendable {
  public var minFen: Int
  public var maxFen: Int?
  public var defaultFen: Int

  public init(minFen: Int, maxFen: Int?, defaultFen: Int? = nil) {
    self.minFen = minFen
    self.maxFen = maxFen
    self.defaultFen = defaultFen ?? minFen
  }

  /// A range in whole yuan, as the company's documents write them.
  public static func yuan(_ min: Int, _ max: Int? = nil) -> FenRange {
    FenRange(minFen: min * 100, maxFen: max.map { $0 * 100 })
  }

  public func contains(_ amountFen: Int, ceilingFen: Int) -> Bool {
    amountFen >= minFen && amountFen <= (maxFen ?? ceilingFen)
  }

  /// Every amount multiplied (ACC-OUTSIDE-CHANNEL); nil when it would overflow.
  public func multiplied(by factor: Int) -> FenRange? {
    let min = minFen.multipliedReportingOverflow(by: factor)
    let def = defaultFen.multipliedReportingOverflow(by: factor)
    guard !min.overflow, !def.overflow else { return nil }
    var max: Int?
    if let maxFen {
      let product = maxFen.multipliedReportingOverflow(by: factor)
      guard !product.overflow else { return nil }
      max = product.partialValue
    }
    return FenRange(minFen: min.partialValue, maxFen: max, defaultFen: def.partialValue)
  }

  /// What is wrong with the range itself, for an administrator's new version.
  var problem: String? {
    if minFen < 0 { return "minFen" }
    if let maxFen, maxFen < minFen { return "maxFen" }
    if defaultFen < minFen || defaultFen > (maxFen ?? Int.max) { return "defaultFen" }
    return nil
  }
}
