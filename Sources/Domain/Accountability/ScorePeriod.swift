import Foundation

/// How often a scorecard component is assessed (ACC-SCORE-PERIODS): service quality monthly,
/// ability and attitude quarterly, safety half-yearly. Ordered by length.
public enum ScoreCadence: String, Codable, Sendable, CaseIterable, Comparable {
  case month, quarter, halfYear = "half_year"

  var months: Int {
    switch self {
    case .month: return 1
    case .quarter: return 3
    case .halfYear: return 6
    }
  }

  public static func < (a: ScoreCadence, b: ScoreCadence) -> Bool { a.months < b.months }
}

/// The period of a scorecard: a month (`2026-10`), a quarter (`2026-Q3`) or a half-year
/// (`2026-H2`) of Beijing civil days (ACC-SCORE-PERIODS).
public struct ScorePeriod: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let year: Int
  public let cadence: ScoreCadence
  /// The month 1–12, the quarter 1–4 or the half 1–2.
  public let index: Int

  public init?(year: Int, cadence: ScoreCadence, index: Int) {
    guard (2000...9999).contains(year), (1...(12 / cadence.months)).contains(index) else { return nil }
    self.year = year
    self.cadence = cadence
    self.index = index
  }

  /// Parses `YYYY-MM`, `YYYY-Qn` or `YYYY-Hn`; anything else is nil.
  public init?(iso raw: String) {
    let text = raw.trimmingCharacters(in: .whitespaces)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let year = Int(parts[0]) else {
      return nil
    }
    let rest = parts[1]
    if rest.count == 2, rest.allSatisfy(\.isNumber), let month = Int(rest) {
      self.init(year: year, cadence: .month, index: month)
    } else if rest.count == 2, let letter = rest.first, let number = Int(rest.dropFirst()), rest.dropFirst().allSatisfy(\.isNumber) {
      switch letter {
      case "Q", "q": self.init(year: year, cadence: .quarter, index: number)
      case "H", "h": self.init(year: year, cadence: .halfYear, index: number)
      default: return nil
      }
    } else {
      return nil
    }
  }

  /// The period of a cadence that contains a day.
  public static func containing(_ day: CivilDate, cadence: ScoreCadence) -> ScorePeriod {
    let index = (day.month - 1) / cadence.months + 1
    return ScorePeriod(year: day.year, cadence: cadence, index: index)
      ?? ScorePeriod(unchecked: day.year, cadence: cadence, index: index)
  }

  private init(unchecked year: Int, cadence: ScoreCadence, index: Int) {
    self.year = year
    self.cadence = cadence
    self.index = index
  }

  public var firstMonth: Int { (index - 1) * cadence.months + 1 }

  /// The first day of the period.
  public var first: CivilDate {
    CivilDate(year: year, month: firstMonth, day: 1) ?? CivilDate(dayNumber: 0)
  }

  /// The first day after the period.
  public var end: CivilDate {
    let month = firstMonth + cadence.months
    return (month > 12 ? CivilDate(year: year + 1, month: month - 12, day: 1) : CivilDate(year: year, month: month, day: 1))
      ?? CivilDate(dayNumber: 0)
  }

  /// The last day of the period.
  public var last: CivilDate { end.adding(days: -1) }

  public func contains(_ day: CivilDate) -> Bool { first <= day && day < end }

  public var description: String {
    switch cadence {
    case .month: return String(format: "%04d-%02d", year, index)
    case .quarter: return String(format: "%04d-Q%d", year, index)
    case .halfYear: return String(format: "%04d-H%d", year, index)
    }
  }

  public static func < (a: ScorePeriod, b: ScorePeriod) -> Bool {
    (a.first, a.cadence) < (b.first, b.cadence)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = ScorePeriod(iso: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
