import Foundation
import Testing

@testable import Domain

/// Typed dates say what is wrong: a wrong shape, a month that does not exist, a day the month
/// does not have.
@Suite("Date input")
struct DateInputTests {
  @Test(
    "Rule CAL-DATE-INPUT: a date that does not exist is told apart from a wrong format",
    arguments: [
      ("2026-02-28", nil), ("2028-02-29", nil), (" 2026-03-01 ", nil),
      ("2026-02-30", DateProblem.noSuchDay("2026-02-30")), ("2026-02-29", .noSuchDay("2026-02-29")),
      ("2026-13-01", .noSuchMonth(13)), ("2026-00-10", .noSuchMonth(0)),
      ("2026/02/01", .format), ("26-2-1", .format), ("2026-+1-01", .format), ("昨天", .format), ("", .format),
    ] as [(String, DateProblem?)])
  func dates(text: String, problem: DateProblem?) {
    switch CivilDate.parse(text) {
    case .success: #expect(problem == nil)
    case .failure(let p): #expect(p == problem)
    }
  }

  @Test(
    "Rule CAL-DATE-INPUT: months and typed date-times are checked the same way",
    arguments: [
      ("2026-12", nil), ("2026-13", DateProblem.noSuchMonth(13)), ("2026-1", .format),
    ] as [(String, DateProblem?)])
  func months(text: String, problem: DateProblem?) {
    switch CivilDate.parseMonth(text) {
    case .success(let d): #expect(problem == nil && d.day == 1)
    case .failure(let p): #expect(p == problem)
    }
  }

  @Test("Rule CAL-DATE-INPUT: a datetime-local value is Beijing time; impossible dates and times are named")
  func dateTimes() throws {
    #expect(try BusinessTime.parseLocalChecked("2026-03-12T18:00").get() == WO.t("2026-03-12T18:00:00"))
    #expect(try BusinessTime.parseLocalChecked("2026-03-12T18:00:30").get() == WO.t("2026-03-12T18:00:30"))
    #expect(BusinessTime.parseLocalChecked("2026-02-30T10:00") == .failure(.noSuchDay("2026-02-30")))
    #expect(BusinessTime.parseLocalChecked("2026-13-01T10:00") == .failure(.noSuchMonth(13)))
    #expect(BusinessTime.parseLocalChecked("2026-03-01T25:00") == .failure(.noSuchTime))
    #expect(BusinessTime.parseLocalChecked("tomorrow") == .failure(.format))
  }
}
