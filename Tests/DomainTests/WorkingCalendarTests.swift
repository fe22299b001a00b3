import Foundation
import Testing

@testable import Domain

/// CAL-DEADLINE-WORKDAYS: a limit of N working days ends at 24:00 of the Nth working day
/// after the start day, on the State Council schedule.
@Suite("Working-day calendar")
struct WorkingCalendarTests {
  let calendar = StateCouncilSchedules.calendar

  @Test(
    "Rule CAL-DEADLINE-WORKDAYS: N working days end at 24:00 of the Nth working day after the start day",
    arguments: [
      // National Day 2026: 1–7 Oct off, 10 Oct (Sat) worked.
      ("2026-09-30T10:00:00+08:00", 4, "2026-10-13T00:00:00+08:00"),
      // Spring Festival 2026: 14 Feb (Sat) is an adjusted working day.
      ("2026-02-13T09:00:00+08:00", 1, "2026-02-15T00:00:00+08:00"),
      // A plain Friday plus 1 → end of Monday.
      ("2026-03-13T16:30:00+08:00", 1, "2026-03-17T00:00:00+08:00"),
      // Start on a Sunday: Monday is the first working day.
      ("2026-03-15T08:00:00+08:00", 1, "2026-03-17T00:00:00+08:00"),
      // Complaint reply limit, 4 working days, across the 2025 National Day (1–8 Oct off, 11 Oct worked):
      // 9, 10, 11 and 13 Oct are the four working days.
      ("2025-09-30T11:00:00+08:00", 4, "2025-10-14T00:00:00+08:00"),
      // 0 working days: end of the start day.
      ("2026-03-13T16:30:00+08:00", 0, "2026-03-14T00:00:00+08:00"),
      // An instant given in UTC that is already the next day in Beijing.
      ("2026-03-12T17:00:00Z", 1, "2026-03-17T00:00:00+08:00"),
    ])
  func workingDayDeadlines(from: String, days: Int, expected: String) throws {
    let deadline = try calendar.deadline(from: instant(from), workingDays: days)
    #expect(BusinessTime.iso8601(deadline) == expected)
  }

  @Test("Rule CAL-SCHEDULES: 2025 and 2026 State Council schedules ship as defaults")
  func shippedSchedules() throws {
    let cases: [(String, Bool)] = [
      ("2025-01-01", false), ("2025-01-26", true), ("2025-02-04", false), ("2025-02-08", true),
      ("2025-04-27", true), ("2025-05-05", false), ("2025-06-02", false), ("2025-09-28", true),
      ("2025-10-08", false), ("2025-10-11", true), ("2026-01-03", false), ("2026-01-04", true),
      ("2026-02-14", true), ("2026-02-23", false), ("2026-02-28", true), ("2026-04-06", false),
      ("2026-05-09", true), ("2026-06-19", false), ("2026-09-20", true), ("2026-09-25", false),
      ("2026-10-07", false), ("2026-10-10", true), ("2026-10-12", true), ("2026-03-14", false),
    ]
    for (day, working) in cases {
      #expect(try calendar.isWorkingDay(civil(day)) == working, "\(day)")
    }
  }

  @Test("Rule CAL-COVERAGE: a year before the published schedules (or between them) is a clear error, not a guess")
  func uncoveredYear() {
    #expect(throws: CalendarError.yearNotCovered(2024)) {
      try calendar.deadline(from: instant("2024-06-03T10:00:00+08:00"), workingDays: 1)
    }
    let gap = WorkingCalendar(coveredYears: [2025, 2027], overrides: [])
    #expect(throws: CalendarError.yearNotCovered(2026)) { try gap.isWorkingDay(civil("2026-03-02")) }
  }

  @Test("Rule CAL-COVERAGE: a year after the last published one counts Monday–Friday, provisionally")
  func provisionalYear() throws {
    let due = try calendar.deadline(from: instant("2026-12-31T10:00:00+08:00"), workingDays: 1)
    // Thu 31 Dec 2026 + 1: Fri 1 Jan 2027 (the holiday is not known yet).
    #expect(BusinessTime.iso8601(due) == "2027-01-02T00:00:00+08:00")
    #expect(calendar.isProvisional(2027))
    #expect(!calendar.isProvisional(2026))
    #expect(calendar.isProvisional(from: instant("2026-12-31T10:00:00+08:00"), to: due))
    #expect(!calendar.isProvisional(from: instant("2026-03-02T10:00:00+08:00"), to: instant("2026-03-06T10:00:00+08:00")))
    #expect(!WorkingCalendar(coveredYears: [], overrides: []).isProvisional(2027))
  }

  @Test("Rule CAL-DEADLINE-ELAPSED: natural durations (hours, minutes) are plain time")
  func naturalMinutes() throws {
    let deadline = try WorkingCalendar.deadline(from: instant("2026-10-01T23:30:00+08:00"), minutes: 45)
    #expect(BusinessTime.iso8601(deadline) == "2026-10-02T00:15:00+08:00")
  }

  @Test("Rule CAL-DEADLINE-ELAPSED: negative or absurd durations are refused")
  func badDurations() {
    #expect(throws: CalendarError.negativeDuration) {
      try calendar.deadline(from: Date(), workingDays: -1)
    }
    #expect(throws: CalendarError.durationTooLong(1000)) {
      try calendar.deadline(from: Date(), workingDays: 1000)
    }
  }

  @Test("Rule CAL-WORKING-TIME: working time between two instants counts only working days")
  func workingTime() throws {
    // Fri 12:00 → Mon 12:00 in March 2026: 12 h of Friday + 12 h of Monday.
    let seconds = try calendar.workingSeconds(
      from: instant("2026-03-13T12:00:00+08:00"), to: instant("2026-03-16T12:00:00+08:00"))
    #expect(seconds == 24 * 3600)
    // Across National Day 2026: 30 Sep 00:00 → 9 Oct 00:00 = 30 Sep + 8 Oct.
    let holiday = try calendar.workingSeconds(
      from: instant("2026-09-30T00:00:00+08:00"), to: instant("2026-10-09T00:00:00+08:00"))
    #expect(holiday == 2 * 86_400)
  }

  @Test("Civil dates round-trip through day numbers and know their weekday")
  func civilDates() {
    let d = civil("2026-11-23")
    #expect(d.isoWeekday == 1)
    #expect(CivilDate(dayNumber: d.dayNumber) == d)
    #expect(CivilDate(iso: "2026-02-29") == nil)
    #expect(CivilDate(iso: "2024-02-29") != nil)
    #expect(CivilDate(iso: "2026-1-5") == nil)
  }

  @Test(
    "Civil dates parse only YYYY-MM-DD (spaces around allowed) and print zero-padded",
    arguments: [
      ("2026-10-01", "2026-10-01"), (" 2026-10-01\t", "2026-10-01"), ("0099-01-05", "0099-01-05"),
      ("2026/10/01", nil), ("2026-10-1 ", nil), ("+202-10-01", nil), ("2026-1a-01", nil), ("2026-13-01", nil),
      ("2026-10-010", nil), ("", nil), ("２０２６-10-01", nil),
    ] as [(String, String?)])
  func civilDateText(text: String, printed: String?) {
    #expect(CivilDate(iso: text)?.description == printed, "\(text)")
  }
}
