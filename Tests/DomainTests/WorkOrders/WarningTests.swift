import Foundation
import Testing

@testable import Domain

/// WO-WARNINGS and WO-CHASE (催办): warnings at 50 %, 75 %, 90 % of the stage time and on
/// breach; the sweep reads the next instant something falls due.
@Suite("Deadline warnings")
struct WarningTests {
  let cal = WO.calendar
  /// Complaint dispatch clock: 60 min from 10:00.
  var dispatch: StageClockRecord {
    get throws {
      StageClockRecord(
        rule: try #require(SLAPolicy.defaultV1.rule(for: .dispatch, profile: OrderProfile(type: .complaint))),
        startedAt: WO.t("2026-03-09T10:00:00"))
    }
  }

  @Test(
    "Rule WO-WARNINGS: default warnings at 50/75/90 % of the stage time, then breach",
    arguments: [
      ("2026-03-09T10:10:00", [], [], "2026-03-09T10:30:00+08:00"),
      ("2026-03-09T10:31:00", [], ["warn50"], "2026-03-09T10:45:00+08:00"),
      ("2026-03-09T10:50:00", ["warn50"], ["warn75"], "2026-03-09T10:54:00+08:00"),
      ("2026-03-09T10:50:00", [], ["warn50", "warn75"], "2026-03-09T10:54:00+08:00"),
      ("2026-03-09T10:59:00", ["warn50", "warn75", "warn90"], [], "2026-03-09T11:00:01+08:00"),
      ("2026-03-09T11:05:00", ["warn50", "warn75", "warn90"], ["breach"], nil),
      ("2026-03-09T11:05:00", ["warn50", "warn75", "warn90", "breach"], [], nil),
    ] as [(String, [String], [String], String?)])
  func defaultLevels(now: String, sent: [String], due: [String], next: String?) throws {
    let sentLevels = Set(WarningPolicy.default.levels.filter { sent.contains($0.rawValue) })
    let check = try WarningPolicy.default.check(dispatch, at: WO.t(now), alreadySent: sentLevels, calendar: cal)
    #expect(check.due.map(\.level.rawValue) == due)
    #expect(WO.iso(check.nextDueAt) == next)
  }

  @Test("Rule WO-CHASE: a breach raises a 催办 to the responsible unit; warnings before it do not")
  func breachIsChase() throws {
    let check = try WarningPolicy.default.check(dispatch, at: WO.t("2026-03-09T11:30:00"), calendar: cal)
    #expect(check.due.map(\.isChase) == [false, false, false, true])
  }

  @Test("Rule WO-WARNINGS, CAL-WORKING-TIME: working-day clocks warn on working time — 50 % of a 4-working-day reply")
  func workingDayWarning() throws {
    let reply = StageClockRecord(
      rule: try #require(SLAPolicy.defaultV1.rule(for: .reply, profile: OrderProfile(type: .complaint))),
      startedAt: WO.t("2026-03-09T09:30:00"))
    // 14.5 h left on Monday + 4 × 24 h = 110.5 working hours; half is reached Wednesday 16:45.
    let check = try WarningPolicy.default.check(reply, at: WO.t("2026-03-10T09:00:00"), calendar: cal)
    #expect(WO.iso(check.nextDueAt) == "2026-03-11T16:45:00+08:00")
  }

  @Test(
    "Rule WO-WARNINGS, WO-CHASE: stopped or paused clocks schedule nothing; a clock stopped late still owes its breach chase",
    arguments: [
      ("2026-03-09T10:40:00", nil, [String]()),  // stopped in time
      ("2026-03-09T11:20:00", nil, ["breach"]),  // stopped late
    ] as [(String, String?, [String])])
  func stoppedClocks(stoppedAt: String, next: String?, due: [String]) throws {
    var record = try dispatch
    record.stoppedAt = WO.t(stoppedAt)
    let check = try WarningPolicy.default.check(record, at: WO.t("2026-03-09T12:00:00"), calendar: cal)
    #expect(check.due.map(\.level.rawValue) == due)
    #expect(check.nextDueAt == nil)
  }

  @Test("Rule WO-WARNINGS, WO-CLOCK-PAUSE: a paused clock has no next instant until it resumes")
  func pausedClock() throws {
    var record = try dispatch
    record.pausedSince = WO.t("2026-03-09T10:20:00")
    let check = try WarningPolicy.default.check(record, at: WO.t("2026-03-09T10:40:00"), calendar: cal)
    #expect(check.due.isEmpty)
    #expect(check.nextDueAt == nil)
  }

  @Test("Rule WO-WARNINGS: warning points are configurable; invalid points are dropped")
  func configurable() throws {
    let policy = WarningPolicy(percents: [80, 0, 120, 80])
    #expect(policy.levels == [.approaching(percent: 80), .breached])
    let check = try policy.check(dispatch, at: WO.t("2026-03-09T10:10:00"), calendar: cal)
    #expect(WO.iso(check.nextDueAt) == "2026-03-09T10:48:00+08:00")
  }

  @Test("A warning level's stored code reads back as the same level; other codes are not levels")
  func levelCodes() {
    for level in [WarningLevel.approaching(percent: 50), .approaching(percent: 90), .breached] {
      #expect(WarningLevel(rawValue: level.rawValue) == level)
    }
    for code in ["warn", "warn0", "warn100", "warnx", "Breach", ""] {
      #expect(WarningLevel(rawValue: code) == nil, "\(code)")
    }
  }
}
