import Testing

@testable import Domain

/// Months as monthly figures and bulletins name them: parsing is exact and arithmetic past years
/// 1–9999 is nil, never a trap or a wrapped month.
@Suite("Year-months")
struct YearMonthTests {
  @Test(
    "Only YYYY-MM with a month 01–12 parses",
    arguments: [
      ("2026-03", "2026-03"), ("0001-01", "0001-01"), ("9999-12", "9999-12"),
      ("2026-13", nil), ("2026-00", nil), ("2026-3", nil), ("20260-01", nil), ("2026-03-01", nil), ("+026-03", nil),
      ("２０２６-03", nil), ("", nil), ("0000-01", nil),
    ] as [(String, String?)])
  func parse(text: String, expected: String?) {
    #expect(YearMonth(iso: text)?.description == expected)
  }

  @Test(
    "Adding months crosses years and stops at years 1 and 9999",
    arguments: [
      ("2026-03", 1, "2026-04"), ("2026-12", 1, "2027-01"), ("2026-01", -1, "2025-12"), ("2026-03", -27, "2023-12"),
      ("9999-12", 1, nil), ("0001-01", -1, nil), ("2026-03", Int.max, nil), ("2026-03", Int.min, nil),
    ] as [(String, Int, String?)])
  func adding(start: String, months: Int, expected: String?) throws {
    let month = try #require(YearMonth(iso: start))
    #expect(month.adding(months: months)?.description == expected)
  }

  @Test("A month's first day, and the month of a day")
  func firstDay() throws {
    let month = try #require(YearMonth(iso: "2024-02"))
    #expect(month.firstDay == CivilDate(year: 2024, month: 2, day: 1))
    let day = try #require(CivilDate(iso: "2024-02-29"))
    #expect(YearMonth(day) == month && YearMonth(day).firstDay == month.firstDay)
  }
}
