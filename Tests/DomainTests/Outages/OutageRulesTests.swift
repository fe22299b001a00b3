import Foundation
import Testing

@testable import Domain

@Suite("Outage rules")
struct OutageRulesTests {
  let limits = NoticeLimits.default

  func at(_ text: String) throws -> Date { try #require(BusinessTime.parseInstant(text)) }

  @Test("Rule OUT-NOTICE-LIMITS: planned 7 days, temporary 24 hours, arrears 7 days; the other types have no advance limit")
  func limitsPerType() throws {
    #expect(limits.lead(for: .planned) == TimeInterval(7 * 86_400))
    #expect(limits.lead(for: .temporary) == TimeInterval(24 * 3_600))
    #expect(limits.lead(for: .arrears) == TimeInterval(7 * 86_400))
    for type in [OutageType.fault, .overCapacity, .theft, .violation, .orderlyUse] { #expect(limits.lead(for: type) == nil) }
    let start = try at("2026-12-10T09:00:00+08:00")
    #expect(limits.deadline(for: .planned, start: start) == (try at("2026-12-03T09:00:00+08:00")))
    #expect(!limits.isBreach(type: .planned, registeredAt: try at("2026-12-03T09:00:00+08:00"), start: start))
    #expect(limits.isBreach(type: .planned, registeredAt: try at("2026-12-03T09:00:01+08:00"), start: start))
    #expect(!limits.isBreach(type: .temporary, registeredAt: try at("2026-12-09T09:00:00+08:00"), start: start))
    #expect(limits.isBreach(type: .temporary, registeredAt: try at("2026-12-09T09:30:00+08:00"), start: start))
    #expect(!limits.isBreach(type: .fault, registeredAt: try at("2026-12-10T10:00:00+08:00"), start: start))
  }

  @Test("Rule OUT-NOTICE-LIMITS: a new version's limits outside 0–90 days or 0–720 hours are named")
  func limitRanges() {
    #expect(NoticeLimits.default.problem() == nil)
    #expect(NoticeLimits(plannedDays: 0, temporaryHours: 720, arrearsDays: 90).problem() == nil)
    let cases: [(NoticeLimits, String)] = [
      (NoticeLimits(plannedDays: -1, temporaryHours: 24, arrearsDays: 7), "plannedDays"),
      (NoticeLimits(plannedDays: 91, temporaryHours: 24, arrearsDays: 7), "plannedDays"),
      (NoticeLimits(plannedDays: 7, temporaryHours: 721, arrearsDays: 7), "temporaryHours"),
      (NoticeLimits(plannedDays: 7, temporaryHours: 24, arrearsDays: -3), "arrearsDays"),
    ]
    for (limits, field) in cases { #expect(limits.problem() == field, "\(limits)") }
  }

  @Test("Rule OUT-NOTICE-LIMITS: the limit is elapsed time, so a week of National Day holidays inside it changes nothing")
  func acrossHoliday() throws {
    // 1–7 October are public holidays; the outage on 8 October at 09:00 needs its notice by
    // 1 October 09:00, holiday or not.
    let start = try at("2026-10-08T09:00:00+08:00")
    #expect(limits.deadline(for: .planned, start: start) == (try at("2026-10-01T09:00:00+08:00")))
    #expect(!limits.isBreach(type: .planned, registeredAt: try at("2026-09-30T17:00:00+08:00"), start: start))
    #expect(!limits.isBreach(type: .planned, registeredAt: try at("2026-10-01T09:00:00+08:00"), start: start))
    #expect(limits.isBreach(type: .planned, registeredAt: try at("2026-10-01T09:01:00+08:00"), start: start))
    #expect(limits.isBreach(type: .arrears, registeredAt: try at("2026-10-02T09:00:00+08:00"), start: start))
  }

  @Test("Rule OUT-NOTICE-RATE: in time by the deadline that applies; temporary outages bind only important customers")
  func inTime() throws {
    let start = try at("2026-12-10T09:00:00+08:00")
    let late = try at("2026-12-09T12:00:00+08:00")
    #expect(!limits.isInTime(type: .planned, noticeAt: late, start: start, important: false))
    #expect(!limits.isInTime(type: .temporary, noticeAt: late, start: start, important: true))
    #expect(limits.isInTime(type: .temporary, noticeAt: late, start: start, important: false))
    #expect(limits.isInTime(type: .fault, noticeAt: start.addingTimeInterval(600), start: start, important: true))
    #expect(notificationRate(inTime: 3, affected: 4) == 0.75)
    #expect(notificationRate(inTime: 0, affected: 0) == 1)
  }

  @Test("Rule OUT-STATES: announced → active → restored, or cancelled while announced; a fault starts active")
  func states() throws {
    let now = try at("2026-12-01T09:00:00+08:00")
    #expect(OutageState.initial(start: now.addingTimeInterval(3_600), registeredAt: now) == .announced)
    #expect(OutageState.initial(start: now, registeredAt: now) == .active)
    #expect(OutageAction.start.next(from: .announced) == .active)
    #expect(OutageAction.start.next(from: .active) == nil)
    #expect(OutageAction.stepRestore.next(from: .active) == .active)
    #expect(OutageAction.stepRestore.next(from: .announced) == nil)
    #expect(OutageAction.restore.next(from: .active) == .restored)
    #expect(OutageAction.restore.next(from: .restored) == nil)
    #expect(OutageAction.delay.next(from: .announced) == .announced)
    #expect(OutageAction.delay.next(from: .active) == .active)
    #expect(OutageAction.delay.next(from: .restored) == nil)
    #expect(OutageAction.cancel.next(from: .announced) == .cancelled)
    #expect(OutageAction.cancel.next(from: .active) == nil)
  }

  @Test("Rule OUT-REGISTER: a restoration at or before the start is refused")
  func times() throws {
    let start = try at("2026-12-10T09:00:00+08:00")
    #expect(OutageTimes.check(start: start, restoration: start.addingTimeInterval(60)) == nil)
    #expect(OutageTimes.check(start: start, restoration: start) == .restorationBeforeStart)
    #expect(OutageTimes.check(start: start, restoration: start.addingTimeInterval(-60)) == .restorationBeforeStart)
  }

  @Test("Rule OUT-GRID: important-customer classes by code or Chinese name; empty is an ordinary customer")
  func importantClass() {
    #expect(ImportantClass.parse("") == .success(nil))
    #expect(ImportantClass.parse("一级") == .success(.first))
    #expect(ImportantClass.parse(" special ") == .success(.special))
    #expect(ImportantClass.parse("三级") == .failure(UnknownImportantClass(text: "三级")))
  }
}
