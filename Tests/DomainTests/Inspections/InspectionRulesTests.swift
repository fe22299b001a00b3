import Testing

@testable import Domain

@Suite("Inspection rules")
struct InspectionRulesTests {
  let rules = InspectionRules.standard

  func day(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso)) }

  @Test("Rule INSP-MONTHLY: a station needs one inspection a month; those with none are listed in order")
  func monthly() {
    #expect(rules.visitsPerStationPerMonth == 1)
    #expect(rules.uninspected(stations: ["a", "b", "c"], visits: ["b": 1, "c": 0]) == ["a", "c"])
    var twice = rules
    twice.visitsPerStationPerMonth = 2
    #expect(twice.uninspected(stations: ["a", "b"], visits: ["a": 1, "b": 2]) == ["a"])
  }

  @Test("Rule INSP-DEADLINE: 7 days by default; a chosen deadline from the visit day up to 90 days after it")
  func deadline() throws {
    let visit = try day("2026-12-03")
    #expect(rules.deadline(visit: visit, chosen: nil) == .success(try day("2026-12-10")))
    #expect(rules.deadline(visit: visit, chosen: visit) == .success(visit))
    #expect(rules.deadline(visit: visit, chosen: try day("2027-03-03")) == .success(try day("2027-03-03")))
    #expect(rules.deadline(visit: visit, chosen: try day("2027-03-04")) == .failure(.tooLate(maxDays: 90)))
    #expect(rules.deadline(visit: visit, chosen: try day("2026-12-02")) == .failure(.beforeVisit))
  }

  @Test("Rule INSP-REMINDER: reminded from two days before the deadline through the deadline day")
  func reminder() throws {
    let deadline = try day("2026-12-10")
    #expect(!rules.remindOn(today: try day("2026-12-07"), deadline: deadline))
    #expect(rules.remindOn(today: try day("2026-12-08"), deadline: deadline))
    #expect(rules.remindOn(today: deadline, deadline: deadline))
    #expect(!rules.remindOn(today: try day("2026-12-11"), deadline: deadline))
  }

  @Test(
    "Rule INSP-FINDING: open → rectified → closed, or reopened; nothing else",
    arguments: FindingAction.allCases)
  func transitions(action: FindingAction) {
    let expected: [FindingState: FindingState] =
      switch action {
      case .rectify: [.open: .rectified]
      case .close: [.rectified: .closed]
      case .reopen: [.rectified: .open]
      }
    for state in FindingState.allCases {
      #expect(action.next(from: state) == expected[state], "\(action) from \(state)")
    }
  }

  @Test("Rule INSP-FINDING: only an open finding past its deadline day is overdue")
  func overdue() throws {
    let deadline = try day("2026-12-10")
    #expect(!FindingState.open.isOverdue(deadline: deadline, today: deadline))
    #expect(FindingState.open.isOverdue(deadline: deadline, today: try day("2026-12-11")))
    #expect(!FindingState.rectified.isOverdue(deadline: deadline, today: try day("2026-12-11")))
    #expect(!FindingState.closed.isOverdue(deadline: deadline, today: try day("2026-12-11")))
  }

  @Test("Rule INSP-CHECKLIST: ten items with distinct codes, from the hall to home services")
  func checklist() {
    let codes = InspectionChecklist.standard.map(\.code)
    #expect(codes.count == 10 && Set(codes).count == 10)
    #expect(codes.first == "hall-tidy" && codes.contains("phone-four-rings") && codes.contains("repair-24h"))
  }
}
