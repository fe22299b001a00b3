import Foundation
import Testing

@testable import Domain

/// "Whose next action": the rule behind the 待我处理 queue (WO-QUEUE-MINE: the 95598 team accepts,
/// the lead reviews, 95598 dispatches, the unit handles, Marketing reviews, 95598 visits).
@Suite("Workflow: whose next action")
struct WaitingOnTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let state: WorkOrderState
    let type: OrderType
    let expected: Role?
    var testDescription: String { "\(type.rawValue) in \(state.rawValue) waits on \(expected?.rawValue ?? "nobody")" }
  }

  static let cases: [Case] = [
    Case(state: .intake, type: .complaint, expected: .agent),
    Case(state: .pendingIntakeReview, type: .complaint, expected: .lead),
    Case(state: .pendingDispatch, type: .complaint, expected: .lead),
    Case(state: .pendingDispatch, type: .report, expected: .lead),
    Case(state: .pendingDispatch, type: .faultRepair, expected: .agent),
    Case(state: .pendingDispatch, type: .serviceRequest, expected: .agent),
    Case(state: .returnedByUnit, type: .complaint, expected: .lead),
    Case(state: .returnedByUnit, type: .opinion, expected: .agent),
    Case(state: .dispatched, type: .complaint, expected: .handler),
    Case(state: .inProgress, type: .complaint, expected: .handler),
    Case(state: .onSite, type: .faultRepair, expected: .handler),
    Case(state: .waitingForCustomer, type: .complaint, expected: .handler),
    Case(state: .pendingReplyReview, type: .complaint, expected: .reviewer),
    Case(state: .pendingReturnVisit, type: .complaint, expected: .agent),
    Case(state: .disciplineInspection, type: .report, expected: .reviewer),
    Case(state: .closed, type: .complaint, expected: nil),
    Case(state: .merged, type: .faultRepair, expected: nil),
  ]

  @Test("Rule WO-QUEUE-MINE: each state waits on one role", arguments: cases)
  func waitsOn(c: Case) {
    var s = WO.order(c.type)
    s.state = c.state
    let w = Workflow.standard.waitingOn(s)
    #expect(w.role == c.expected)
    #expect(w.approver == nil)
    for role in Role.allCases {
      #expect(w.includes(roles: [role], person: WO.id("u1")) == (role == c.expected), "\(role)")
    }
  }

  @Test("Rule WO-QUEUE-MINE: every state covers all its roles: the role waited on may make a move there", arguments: cases)
  func ownerCanMove(c: Case) throws {
    guard let role = c.expected else { return }
    var s = WO.order(c.type)
    s.state = c.state
    s.unitID = WO.id("u")
    s.pendingExtension = nil
    let moves: [WorkOrderAction] = [
      .accept, .approveIntake, .dispatch(unitID: WO.id("u")), .recordFirstContact, .recordArrival,
      .recordRestoration, .resumeFromCustomer, .reply(summary: "x"), .approveReply, .recordReturnVisit(satisfied: true, note: ""),
      .concludeInspection(finding: "x"),
    ]
    let possible = moves.filter { (try? Workflow.standard.apply($0, to: s, by: [role], at: WO.t("2026-03-09T10:00:00"))) != nil }
    #expect(!possible.isEmpty)
  }

  @Test("Rule WO-QUEUE-MINE: an order sent back to intake waits on the agent who took the call")
  func intakeAgent() throws {
    let o = try WO.run(
      WO.order(.complaint),
      [(.accept, [.agent], "2026-03-09T09:00:00"), (.sendBackToAgent(reason: "address missing"), [.lead], "2026-03-09T09:10:00")],
      person: WO.id("agent-7"))
    let w = Workflow.standard.waitingOn(try o.requireLast().snapshot)
    #expect(w == WaitingOn(role: .agent, person: WO.id("agent-7")))
    #expect(w.includes(roles: [.agent], person: WO.id("agent-7")))
    #expect(!w.includes(roles: [.agent], person: WO.id("agent-8")))
  }

  @Test("Rule WO-QUEUE-MINE: the handler who takes the case owns its handling steps until the order leaves the unit")
  func handlerTakesCase() throws {
    let steps: [(WorkOrderAction, Set<Role>, String)] = [
      (.accept, [.agent], "2026-03-09T09:00:00"), (.approveIntake, [.lead], "2026-03-09T09:10:00"),
      (.dispatch(unitID: WO.id("s7")), [.lead], "2026-03-09T09:30:00"),
    ]
    let dispatched = try WO.run(WO.order(.complaint), steps, person: WO.id("h1")).requireLast().snapshot
    // Before anyone takes it, any handler of the unit may.
    #expect(Workflow.standard.waitingOn(dispatched) == WaitingOn(role: .handler))
    let taken = try Workflow.standard.apply(
      .recordFirstContact, to: dispatched, by: [.handler], person: WO.id("h1"), at: WO.t("2026-03-09T10:00:00"))
    #expect(Workflow.standard.waitingOn(taken.snapshot) == WaitingOn(role: .handler, person: WO.id("h1")))
    let returned = try Workflow.standard.apply(
      .returnByUnit(reason: "not ours"), to: taken.snapshot, by: [.handler], person: WO.id("h1"), at: WO.t("2026-03-09T11:00:00"))
    #expect(returned.snapshot.handler == nil)
    #expect(Workflow.standard.waitingOn(returned.snapshot) == WaitingOn(role: .lead))
  }

  @Test("Rule WO-QUEUE-MINE: a pending extension also waits on its approver (Marketing); withdrawn, it no longer does")
  func pendingExtension() throws {
    let steps: [(WorkOrderAction, Set<Role>, String)] = [
      (.accept, [.agent], "2026-03-09T09:00:00"), (.approveIntake, [.lead], "2026-03-09T09:10:00"),
      (.dispatch(unitID: WO.id("s7")), [.lead], "2026-03-09T09:30:00"), (.recordFirstContact, [.handler], "2026-03-09T10:00:00"),
      (.requestExtension(reason: "line survey", newDue: WO.t("2026-03-18"), customerInformed: true), [.handler], "2026-03-10T10:00:00"),
    ]
    let o = try WO.run(WO.order(.complaint), steps, person: WO.id("h1"))
    let w = Workflow.standard.waitingOn(try o.requireLast().snapshot)
    #expect(w == WaitingOn(role: .handler, person: WO.id("h1"), approver: .reviewer))
    #expect(w.includes(roles: [.reviewer], person: WO.id("r1")))
    let withdrawn = try Workflow.standard.apply(
      .withdrawExtension, to: try o.requireLast().snapshot, by: [.handler], at: WO.t("2026-03-10T11:00:00"))
    #expect(withdrawn.snapshot.pendingExtension == nil)
    #expect(!Workflow.standard.waitingOn(withdrawn.snapshot).includes(roles: [.reviewer], person: WO.id("r1")))
  }
}
