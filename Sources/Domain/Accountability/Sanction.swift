import Foundation

/// Administrative sanctions (行政处分) from the mildest to the severest (ACC-SANCTIONS). The order
/// is the order of `allCases`; a rule allows a contiguous stretch of it.
public enum Sanction: String, Codable, Sendable, CaseIterable, Comparable {
  case warning  // 警告
  case demerit  // 记过
  case majorDemerit = "major_demerit"  // 记大过
  case demotion  // 降职
  case removal  // 撤职
  case probation  // 留用察看
  case dismissal  // 开除

  var rank: Int { Sanction.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: Sanction, rhs: Sanction) -> Bool { lhs.rank < rhs.rank }
}

/// Which sanctions a rule allows (ACC-SANCTIONS). `highest == nil`: no sanction at all.
/// `lowest == nil`: "at most `highest`", so no sanction is allowed as well.
public struct SanctionRange: Hashable, Codable, Sendable {
  public var lowest: Sanction?
  public var highest: Sanction?

  public init(lowest: Sanction? = nil, highest: Sanction? = nil) {
    self.lowest = lowest
    self.highest = highest
  }

  public static let none = SanctionRange()

  /// Whether a case line may carry `sanction` (nil: no sanction).
  public func allows(_ sanction: Sanction?) -> Bool {
    guard let sanction else { return lowest == nil }
    guard let highest else { return false }
    if let lowest, sanction < lowest { return false }
    return sanction <= highest
  }

  /// The sanctions a reviewer may choose, mildest first.
  public var choices: [Sanction] { Sanction.allCases.filter { allows($0) } }
  /// A sanction must be chosen.
  public var isRequired: Bool { lowest != nil }
}
