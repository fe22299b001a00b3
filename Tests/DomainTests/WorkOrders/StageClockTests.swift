import Foundation
import Testing

@testable import Domain

/// WO-CLOCK-SELECTION, WO-CLOCK-PAUSE: due time, paused time, breach and elapsed fraction of a stage clock.
@Suite("Stage clock readings")
struct StageClockTests {
  let cal = WO.calendar

  func rule(_ stage: StageClock, _ profile: OrderProfile) throws -> SLARule {
    try #require(SLAPolicy.defaultV1.rule(for: stage, profile: profile))
  }

  @Test(
    "Rule CAL-DEADLINE-WORKDAYS, CAL-DEADLINE-CALENDARDAYS, CAL-DEADLINE-ELAPSED: deadlines by duration kind — working days on the State Council calendar, calendar days to 24:00, minutes elapsed",
    arguments: [
      // Complaint reply, 4 working days across National Day 2026 (1–7 Oct off, 10 Oct worked).
      (ClockDuration.workingDays(4), "2026-09-30T10:00:00", "2026-10-13T00:00:00+08:00"),
      // 12345: 7 days, ends 24:00 of the 7th day after the start day.
      (.calendarDays(7), "2026-03-09T15:00:00", "2026-03-17T00:00:00+08:00"),
      (.minutes(45), "2026-03-09T23:30:00", "2026-03-10T00:15:00+08:00"),
      (.endOfStartDay, "2026-03-09T23:30:00", "2026-03-10T00:00:00+08:00"),
    ])
  func baseDeadlines(duration: ClockDuration, start: String, due: String) throws {
    #expect(WO.iso(try ClockMath.baseDue(duration, from: WO.t(start), calendar: cal)) == due)
  }

  @Test("Rule CAL-COVERAGE: a year before the published schedules is refused, not guessed")
  func uncoveredYear() {
    #expect(throws: CalendarError.yearNotCovered(2024)) {
      try ClockMath.baseDue(.workingDays(4), from: WO.t("2024-12-30T10:00:00"), calendar: cal)
    }
  }

  @Test("Rule CAL-COVERAGE: a deadline past the last published year counts weekends only and reads as provisional")
  func provisionalDeadline() throws {
    // Wed 30 Dec 2026 + 4 working days: 31 Dec, then Fri 1, Mon 4, Tue 5 Jan 2027 (no 2027 holidays known).
    let due = try ClockMath.baseDue(.workingDays(4), from: WO.t("2026-12-30T10:00:00"), calendar: cal)
    #expect(WO.iso(due) == "2027-01-06T00:00:00+08:00")
    let record = try StageClockRecord(rule: DefaultSLARules.reply[0], startedAt: WO.t("2026-12-30T10:00:00"))
    let reading = try record.reading(at: WO.t("2026-12-31T10:00:00"), calendar: cal)
    #expect(reading.isProvisional)
    // With 2027's schedule imported (1 Jan a holiday) the same clock is recomputed and final.
    let with2027 = WorkingCalendar(
      coveredYears: cal.coveredYears.union([2027]),
      overrides: [DayOverride(date: civil("2027-01-01"), kind: .holiday, name: "元旦")])
    let final = try record.reading(at: WO.t("2026-12-31T10:00:00"), calendar: with2027)
    #expect(!final.isProvisional)
    #expect(WO.iso(final.due) == "2027-01-07T00:00:00+08:00")
    // A clock inside a published year is never provisional.
    let march = StageClockRecord(rule: DefaultSLARules.reply[0], startedAt: WO.t("2026-03-09T10:00:00"))
    #expect(try !march.reading(at: WO.t("2026-03-10T10:00:00"), calendar: cal).isProvisional)
  }

  @Test(
    "Rule WO-CLOCK-PAUSE: a paused working-day clock moves its deadline by the working time paused (weekends cost nothing)",
    arguments: [
      ("no pause", [], "2026-03-14T00:00:00+08:00", 0.0, true),
      ("24 working hours", [("2026-03-11T12:00:00", "2026-03-12T12:00:00")], "2026-03-17T00:00:00+08:00", 24, false),
      ("over a weekend", [("2026-03-13T20:00:00", "2026-03-16T08:00:00")], "2026-03-16T12:00:00+08:00", 12, false),
      (
        "two pauses", [("2026-03-10T00:00:00", "2026-03-10T06:00:00"), ("2026-03-11T00:00:00", "2026-03-11T06:00:00")],
        "2026-03-16T12:00:00+08:00", 12, false
      ),
    ] as [(String, [(String, String)], String, Double, Bool)])
  func workingDayPause(
    name: String, pauses: [(String, String)], due: String, pausedHours: Double, breached: Bool
  ) throws {
    let record = try StageClockRecord(
      rule: rule(.reply, OrderProfile(type: .complaint)), startedAt: WO.t("2026-03-09T09:30:00"),
      pauses: pauses.map { DateInterval(start: WO.t($0.0), end: WO.t($0.1)) })
    let r = try record.reading(at: WO.t("2026-03-16T09:30:00"), calendar: cal)
    #expect(WO.iso(r.due) == due)
    #expect(r.pausedSeconds == pausedHours * 3600)
    #expect(r.isBreached == breached)
  }

  @Test("Rule WO-CLOCK-PAUSE: a minute clock pauses in elapsed time; an open pause keeps sliding the deadline")
  func minutePause() throws {
    let record = try StageClockRecord(
      rule: rule(.repairRestoration, OrderProfile(type: .faultRepair, area: .urban)),
      startedAt: WO.t("2026-03-09T10:00:00"), pausedSince: WO.t("2026-03-09T11:00:00"))
    let r = try record.reading(at: WO.t("2026-03-09T12:30:00"), calendar: cal)
    #expect(WO.iso(r.due) == "2026-03-09T14:30:00+08:00")
    #expect(r.isPaused)
    #expect(r.elapsedFraction == 1.0 / 3.0)
  }

  @Test(
    "Rule WO-EXTENSION: breach = stopped after, or running past, the deadline in force; extension replaces it",
    arguments: [
      (nil, "2026-03-13T23:59:00", nil, false),
      (nil, "2026-03-16T10:00:00", nil, true),
      ("2026-03-12T10:00:00", "2026-03-20T00:00:00", nil, false),
      ("2026-03-16T10:00:00", "2026-03-16T12:00:00", nil, true),
      ("2026-03-16T10:00:00", "2026-03-16T12:00:00", "2026-03-18T00:00:00", false),
    ] as [(String?, String, String?, Bool)])
  func breach(stoppedAt: String?, now: String, extendedDue: String?, breached: Bool) throws {
    let record = try StageClockRecord(
      rule: rule(.reply, OrderProfile(type: .complaint)), startedAt: WO.t("2026-03-09T09:30:00"),
      stoppedAt: stoppedAt.map(WO.t), extendedDue: extendedDue.map(WO.t))
    #expect(try record.reading(at: WO.t(now), calendar: cal).isBreached == breached)
  }

  @Test("Rule WO-CLOCK-APPOINTMENT: an agreed appointment (约时) is the deadline, whatever the standard limit")
  func appointment() throws {
    let record = try StageClockRecord(
      rule: rule(.repairArrival, OrderProfile(type: .faultRepair, area: .urban)),
      startedAt: WO.t("2026-03-09T10:00:00"), appointment: WO.t("2026-03-09T15:00:00"))
    let r = try record.reading(at: WO.t("2026-03-09T12:30:00"), calendar: cal)
    #expect(WO.iso(r.due) == "2026-03-09T15:00:00+08:00")
    #expect(!r.isBreached)
    #expect(r.elapsedFraction == 0.5)
  }

  @Test(
    "Rule WO-WARNINGS: elapsed fraction is clock time used over clock time allowed",
    arguments: [("2026-03-09T10:00:00", 0.0), ("2026-03-09T10:30:00", 0.5), ("2026-03-09T11:30:00", 1.5)])
  func elapsedFraction(now: String, fraction: Double) throws {
    let record = try StageClockRecord(rule: rule(.dispatch, OrderProfile(type: .complaint)), startedAt: WO.t("2026-03-09T10:00:00"))
    #expect(try record.reading(at: WO.t(now), calendar: cal).elapsedFraction == fraction)
  }
}
