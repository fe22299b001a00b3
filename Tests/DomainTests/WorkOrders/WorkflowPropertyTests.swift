import Foundation
import Testing

@testable import Domain

/// Whole-machine properties: every state is reachable, terminal states are final, and the clock
/// arithmetic is self-consistent.
@Suite("Workflow properties")
struct WorkflowPropertyTests {
  static let probe: [WorkOrderAction] = [
    .accept, .answerAtIntake(answer: "a"), .approveIntake, .sendBackToAgent(reason: "r"), .dispatch(unitID: WO.id("u")),
    .returnByUnit(reason: "r"), .recordFirstContact, .recordArrival, .recordRestoration,
    .pauseForCustomer(reason: "r"), .resumeFromCustomer, .reply(summary: "s"), .approveReply,
    .sendBackReply(reason: "r"), .recordReturnVisit(satisfied: true, note: ""),
    .recordReturnVisit(satisfied: false, note: "n"), .transferToDiscipline(reason: "r"),
    .concludeInspection(finding: "f"),
    .mergeInto(parent: MergeParent(orderID: WO.id("P"), type: .complaint, state: .dispatched)),
    .restoreWithOutage(outage: "10kV 清河线 雷击"),
  ]

  @Test("Rule WO-STATES: every state is reachable from intake and terminal states accept no move")
  func reachability() {
    var seen: Set<WorkOrderState> = []
    for type in OrderType.allCases {
      var frontier = [WO.order(type)]
      var visited: Set<WorkOrderState> = []
      while let s = frontier.popLast() {
        guard visited.insert(s.state).inserted else { continue }
        for action in Self.probe {
          var a = action
          if case .mergeInto = action { a = .mergeInto(parent: MergeParent(orderID: WO.id("P"), type: type, state: .dispatched)) }
          if let o = try? Workflow.apply(a, to: s, by: Set(Role.allCases), at: WO.t("2026-03-09T10:00:00")) {
            if s.state.isTerminal { Issue.record("\(s.state) accepted \(a.kind)") }
            frontier.append(o.snapshot)
          }
        }
      }
      seen.formUnion(visited)
    }
    #expect(seen == Set(WorkOrderState.allCases))
  }

  @Test(
    "Rule CAL-WORKING-TIME: advancing by working time and measuring it back agree (working-day pause arithmetic)",
    arguments: ["2026-03-13T20:00:00", "2026-09-30T10:00:00", "2026-02-13T23:00:00"])
  func advanceMeasureInverse(start: String) throws {
    for hours in [0.5, 4, 24, 60, 200] {
      let from = WO.t(start)
      let to = try ClockMath.advance(from, by: hours * 3600, workingTime: true, calendar: WO.calendar)
      #expect(try ClockMath.measure(from: from, to: to, workingTime: true, calendar: WO.calendar) == hours * 3600)
    }
  }

  @Test("Rule WO-STATES: snapshots round-trip as JSON so the app can store them")
  func snapshotCodable() throws {
    let outcome = try WO.run(WO.order(.complaint), WO.dispatchedComplaint).requireLast()
    let data = try JSONEncoder().encode(outcome.snapshot)
    #expect(try JSONDecoder().decode(WorkflowSnapshot.self, from: data) == outcome.snapshot)
  }
}
