import Foundation
import Testing

@testable import Domain

/// Instants from requests and files are read as written: an impossible date or clock time is
/// refused, never rolled over into another day by the ISO 8601 formatter.
@Suite("Parsing instants")
struct BusinessTimeParsingTests {
  @Test(
    "Impossible dates and times are nil, not the next day",
    arguments: [
      "2026-02-30T10:00:00Z", "2026-02-29T10:00:00+08:00", "2026-04-31T00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T23:60:00Z",
      "2026-03-01T23:59:60Z", "2026-13-01T00:00:00Z", "2026-03-01 10:00:00Z",
    ])
  func refused(text: String) {
    #expect(BusinessTime.parseInstant(text) == nil)
  }

  @Test(
    "Well-formed instants still parse, with or without seconds and fractions",
    arguments: [
      ("2024-02-29T10:00:00+08:00", "2024-02-29T10:00:00+08:00"), ("2026-03-01T23:59:59Z", "2026-03-02T07:59:59+08:00"),
      ("2026-09-30T10:00+08:00", "2026-09-30T10:00:00+08:00"), ("2026-03-01T00:00:00.250Z", "2026-03-01T08:00:00+08:00"),
      ("2026-03-01", "2026-03-01T00:00:00+08:00"),
    ])
  func parsed(text: String, expected: String) throws {
    let instant = try #require(BusinessTime.parseInstant(text))
    #expect(BusinessTime.iso8601(instant) == expected)
  }

  @Test("Any instant has a civil day: infinite, NaN and absurd instants are clamped, never a trap")
  func civilDateOfAnyInstant() throws {
    #expect(BusinessTime.civilDate(of: Date(timeIntervalSince1970: 0)).description == "1970-01-01")
    #expect(BusinessTime.civilDate(of: Date(timeIntervalSince1970: .nan)).description == "1970-01-01")
    let far = BusinessTime.civilDate(of: Date(timeIntervalSince1970: .infinity))
    #expect(far > BusinessTime.civilDate(of: Date(timeIntervalSince1970: 1e12)))
    let firstYear = try #require(CivilDate(year: 1, month: 1, day: 1))
    #expect(BusinessTime.civilDate(of: Date(timeIntervalSince1970: -.infinity)) < firstYear)
  }
}
