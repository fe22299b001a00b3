import Foundation

/// A calendar month ("2026-03"), the period of monthly figures and bulletins. Arithmetic that
/// would leave years 1–9999 gives nil instead of trapping or wrapping.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let firstDay: CivilDate

  public init?(year: Int, month: Int) {
    guard let first = CivilDate(year: year, month: month, day: 1) else { return nil }
    self.year = year
    self.month = month
    self.firstDay = first
  }

  /// Parses exactly `YYYY-MM`; anything else is nil.
  public init?(iso: String) {
    let b = Array(iso.utf8)
    guard b.count == 7, b[4] == 0x2D, b[0..<4].allSatisfy(Self.isDigit), b[5..<7].allSatisfy(Self.isDigit) else { return nil }
    let number = { (bytes: ArraySlice<UInt8>) in bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
    self.init(year: number(b[0..<4]), month: number(b[5..<7]))
  }

  /// The month a day falls in.
  public init(_ date: CivilDate) {
    year = date.year
    month = date.month
    firstDay = CivilDate(dayNumber: date.dayNumber - (date.day - 1))
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

  /// The month `months` later (earlier when negative), or nil outside years 1–9999.
  public func adding(months: Int) -> YearMonth? {
    let (index, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
    guard !overflow, index >= 0 else { return nil }
    return YearMonth(year: index / 12, month: index % 12 + 1)
  }

  public var description: String {
    let y = String(year), m = String(month)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" : "") + m
  }

  public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
