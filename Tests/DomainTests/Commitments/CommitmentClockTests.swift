import Foundation
import Testing

@testable import Domain

@Suite("Commitment clocks")
struct CommitmentClockTests {
  /// The State Council schedules of 2025 and 2026: the 2026 Spring Festival holiday runs from
  /// 15 to 23 February, with Saturdays 14 and 28 February worked.
  let calendar = WorkingCalendar(coveredYears: StateCouncilSchedules.years, overrides: StateCouncilSchedules.overrides)

  func at(_ text: String) throws -> Date { try #require(BusinessTime.parseInstant(text)) }
  func rule(_ code: String, in rules: CommitmentRules) throws -> CommitmentRule { try #require(rules.rules.first { $0.code == code }) }
  func point(_ stage: CommitmentStage, _ edge: CommitmentPoint.Edge) -> CommitmentPoint { CommitmentPoint(stage, edge) }

  @Test("Rule COM-CLOCKS, COM-EDITIONS (2011): supply plan replies across the 2026 Spring Festival count its two worked Saturdays")
  func springFestival() throws {
    // (rule, accepted, due): hand-counted working days after the acceptance day.
    let cases: [(String, String, String)] = [
      // Tue 10 Feb: 11, 12, 13, Sat 14, (15–23 off), 24, 25, 26, 27, Sat 28, 2, 3, 4, 5, 6, 9 March.
      ("supplyPlan.highVoltageSingle", "2026-02-10T10:00:00+08:00", "2026-03-10T00:00:00+08:00"),
      // Thu 12 Feb: 13, Sat 14, Tue 24.
      ("supplyPlan.residential", "2026-02-12T16:30:00+08:00", "2026-02-25T00:00:00+08:00"),
      // Fri 13 Feb: Sat 14, 24, 25, 26, 27, Sat 28, 2 March.
      ("supplyPlan.lowVoltage", "2026-02-13T09:00:00+08:00", "2026-03-03T00:00:00+08:00"),
    ]
    for (code, accepted, due) in cases {
      let reading = try CommitmentClock.reading(
        try rule(code, in: .edition2011), start: try at(accepted), end: nil, pauses: [], now: try at(accepted), calendar: calendar)
      #expect(reading.dueAt == (try at(due)), "\(code)")
      #expect(reading.state == .running)
    }
  }

  @Test("Rule COM-PAUSE: two working days the customer made the crew wait move a 5-working-day connection by two working days")
  func pausedClock() throws {
    // Accepted Mon 2 March 09:00: due 24:00 of Mon 9 March; the wait from Tue 12:00 to Thu 12:00
    // is two working days, so the deadline becomes 24:00 of Wed 11 March.
    let facts = CommitmentFacts(
      connectionClass: .residential,
      points: [
        point(.acceptance, .finish): try at("2026-03-02T09:00:00+08:00"), point(.energising, .finish): try at("2026-03-10T15:00:00+08:00"),
      ],
      pauses: [(start: try at("2026-03-03T12:00:00+08:00"), end: try at("2026-03-05T12:00:00+08:00"))])
    let readings = try CommitmentClock.readings(facts, rules: .current, now: try at("2026-03-20T00:00:00+08:00"), calendar: calendar)
    #expect(readings.map(\.code) == ["connection.residential"])
    #expect(readings.first?.dueAt == (try at("2026-03-12T00:00:00+08:00")))
    #expect(readings.first?.state == .onTime && readings.first?.lateSeconds == 0)
    // Without the wait the same energising is 15 hours late.
    var unpaused = facts
    unpaused.pauses = []
    let late = try CommitmentClock.readings(unpaused, rules: .current, now: try at("2026-03-20T00:00:00+08:00"), calendar: calendar)
    #expect(late.first?.state == .late && late.first?.lateSeconds == 15 * 3600)
    // A wait still open keeps moving the deadline while the clock runs.
    var open = facts
    open.points[point(.energising, .finish)] = nil
    open.pauses = [(start: try at("2026-03-03T12:00:00+08:00"), end: nil)]
    let waiting = try CommitmentClock.readings(open, rules: .current, now: try at("2026-03-13T12:00:00+08:00"), calendar: calendar)
    #expect(waiting.first?.state == .running)
  }

  @Test("Rule COM-ACCEPTANCE-LEVEL: under 50 kW the supply station accepts, 50 kW and above the customer centre")
  func acceptanceBoundary() {
    let cases: [(Double, AcceptanceLevel)] = [
      (0.5, .supplyStation), (49.99, .supplyStation), (50, .customerCentre), (630, .customerCentre),
    ]
    for (kw, level) in cases { #expect(CommitmentRules.current.acceptanceLevel(capacityKW: kw) == level, "\(kw) kW") }
  }

  @Test("Rule COM-EDITIONS, COM-ON-TIME: the same application is on time stage by stage (2011) and late as a whole (current)")
  func wholeVersusStages() throws {
    // Low-voltage non-residential: accepted Mon 2 March; supply plan Mon 9 March (7-day limit:
    // due 24:00 Wed 11 March); completion inspection Tue 10 March; energised Tue 17 March
    // (5-day limit from the inspection: due 24:00 Tue 17 March). The whole process allows 6
    // working days: due 24:00 Tue 10 March, so energising on 17 March 11:00 is 6 days 11 hours late.
    let facts = CommitmentFacts(
      connectionClass: .lowVoltageNonResidential,
      points: [
        point(.acceptance, .finish): try at("2026-03-02T09:00:00+08:00"),
        point(.supplyPlan, .finish): try at("2026-03-09T10:00:00+08:00"),
        point(.completionInspection, .finish): try at("2026-03-10T16:00:00+08:00"),
        point(.energising, .finish): try at("2026-03-17T11:00:00+08:00"),
      ])
    let now = try at("2026-03-31T00:00:00+08:00")
    let stages = try CommitmentClock.readings(facts, rules: .edition2011, now: now, calendar: calendar)
    #expect(stages.map(\.code) == ["supplyPlan.lowVoltage", "energising.nonResidential"])
    #expect(stages.map(\.dueAt) == [try at("2026-03-12T00:00:00+08:00"), try at("2026-03-18T00:00:00+08:00")])
    #expect(CommitmentClock.isOnTime(stages))
    let whole = try CommitmentClock.readings(facts, rules: .current, now: now, calendar: calendar)
    #expect(whole.map(\.code) == ["connection.lowVoltage"])
    #expect(whole.first?.dueAt == (try at("2026-03-11T00:00:00+08:00")))
    #expect(whole.first?.lateSeconds == Double(6 * 86_400 + 11 * 3_600))
    #expect(!CommitmentClock.isOnTime(whole))
  }

  @Test("Rule COM-CLOCKS: an arrears notice at least 7 days ahead, reconnection within 24 hours, calibration within 5 working days")
  func otherCommitments() throws {
    let cases: [(String, String, String, CommitmentReading.State, TimeInterval)] = [
      // Seven days of 24 hours: a disconnection on 8 March at 10:00 is in order, at 09:00 an hour too soon.
      ("arrears.notice", "2026-03-01T10:00:00+08:00", "2026-03-08T10:00:00+08:00", .onTime, 0),
      ("arrears.notice", "2026-03-01T10:00:00+08:00", "2026-03-08T09:00:00+08:00", .late, 3600),
      ("arrears.reconnection", "2026-03-01T10:00:00+08:00", "2026-03-02T10:00:00+08:00", .onTime, 0),
      ("arrears.reconnection", "2026-03-01T10:00:00+08:00", "2026-03-02T10:30:00+08:00", .late, 1800),
      // Requested Fri 2 October, inside the National Day holiday (1–7 October): Thu 8, Fri 9, the
      // worked Sat 10, Mon 12 and Tue 13 October are the five working days.
      ("meter.calibration", "2026-10-02T10:00:00+08:00", "2026-10-13T17:00:00+08:00", .onTime, 0),
      ("meter.calibration", "2026-10-02T10:00:00+08:00", "2026-10-14T09:00:00+08:00", .late, 9 * 3600),
    ]
    for (code, start, end, state, late) in cases {
      let reading = try CommitmentClock.reading(
        try rule(code, in: .current), start: try at(start), end: try at(end), pauses: [], now: try at(end), calendar: calendar)
      #expect(reading.state == state && reading.lateSeconds == late, "\(code) \(start) → \(end): \(reading)")
    }
  }

  @Test("Rule COM-CLOCKS: a running clock past its deadline is already a breach; its used fraction drives the warnings")
  func runningAndOverdue() throws {
    let supplyPlan = try rule("supplyPlan.residential", in: .edition2011)
    let start = try at("2026-03-02T00:00:00+08:00")
    // Three working days (Tue, Wed, Thu): due 24:00 Thu. The clock's time is the working time from
    // the start to the deadline, the start day included (96 hours); at Wed 12:00, 60 are used.
    let half = try CommitmentClock.reading(
      supplyPlan, start: start, end: nil, pauses: [], now: try at("2026-03-04T12:00:00+08:00"), calendar: calendar)
    #expect(half.state == .running && abs(half.elapsedFraction - 0.625) < 1e-9)
    let overdue = try CommitmentClock.reading(
      supplyPlan, start: start, end: nil, pauses: [], now: try at("2026-03-06T06:00:00+08:00"), calendar: calendar)
    #expect(overdue.state == .overdue && overdue.isBreach && overdue.lateSeconds == 6 * 3600)
  }

  @Test("Rule COM-EDITIONS: both shipped editions are sound; a broken document names its first bad field")
  func documentProblems() {
    #expect(CommitmentRules.edition2011.problem() == nil)
    #expect(CommitmentRules.current.problem() == nil)
    var repeated = CommitmentRules.current
    repeated.rules.append(repeated.rules[0])
    var tooLong = CommitmentRules.current
    tooLong.rules[1].limit = CommitmentLimit(367, .workingDays)
    var sameEnds = CommitmentRules.current
    sameEnds.rules[2].end = sameEnds.rules[2].start
    var noClasses = CommitmentRules.current
    noClasses.rules[0].classes = []
    var threshold = CommitmentRules.current
    threshold.customerCentreFromKW = 0
    let cases: [(CommitmentRules, String)] = [
      (repeated, "rules[\(CommitmentRules.current.rules.count)].code"), (tooLong, "rules[1].limit.value"), (sameEnds, "rules[2].end"),
      (noClasses, "rules[0].classes"), (threshold, "customerCentreFromKW"),
    ]
    for (rules, field) in cases { #expect(rules.problem() == field) }
    #expect(CommitmentPoint(rawValue: "supplyPlan.finish") == CommitmentPoint(.supplyPlan, .finish))
    #expect(CommitmentPoint(rawValue: "supplyPlan") == nil && CommitmentPoint(rawValue: "nope.start") == nil)
  }
}
