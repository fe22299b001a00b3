import Foundation
import Testing

@testable import Domain

/// WO-PERMISSIONS: illegal moves are refused with an error naming why.
@Suite("Workflow: refused moves")
struct WorkflowRefusalTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let rule: String
    let setup: [(WorkOrderAction, Set<Role>, String)]
    let type: OrderType
    let severity: Severity
    let action: WorkOrderAction
    let roles: Set<Role>
    let at: String
    let expected: WorkflowError
    var testDescription: String { rule }
  }

  static let accepted: [(WorkOrderAction, Set<Role>, String)] = [(.accept, [.agent], "2026-03-09T09:00:00")]
  static let dispatched =
    accepted + [
      (.approveIntake, [.lead], "2026-03-09T09:10:00"), (.dispatch(unitID: WO.id("s7")), [.agent], "2026-03-09T09:30:00"),
    ]
  static let contacted = dispatched + [(.recordFirstContact, [.handler], "2026-03-09T15:00:00")]
  static let approved =
    contacted + [
      (.reply(summary: "done"), [.handler], "2026-03-10T10:00:00"), (.approveReply, [.reviewer], "2026-03-10T11:00:00"),
    ]
  static let extensionPending =
    contacted + [
      (
        .requestExtension(reason: "survey", newDue: WO.t("2026-03-20"), customerInformed: true), [.handler],
        "2026-03-10T10:00:00"
      )
    ]
  static let parent = MergeParent(orderID: WO.id("WO-0"), type: .complaint, state: .dispatched)

  static let cases: [Case] = [
    Case(
      rule: "only agents accept (WO-PERMISSIONS)", setup: [], type: .complaint, severity: .general,
      action: .accept, roles: [.handler], at: "2026-03-09T09:00:00",
      expected: .roleNotAllowed(.accept, allowed: [.agent])),
    Case(
      rule: "only the lead reviews the intake (WO-INTAKE-REVIEW)", setup: accepted, type: .complaint, severity: .general,
      action: .approveIntake, roles: [.agent], at: "2026-03-09T09:05:00",
      expected: .roleNotAllowed(.approveIntake, allowed: [.lead])),
    Case(
      rule: "complaints are not dispatched before lead review (WO-INTAKE-REVIEW)", setup: accepted, type: .complaint,
      severity: .general, action: .dispatch(unitID: WO.id("s7")), roles: [.agent], at: "2026-03-09T09:05:00",
      expected: .wrongState(.dispatch, .pendingIntakeReview)),
    Case(
      rule: "退单 needs a reason (WO-RETURN)", setup: dispatched, type: .complaint, severity: .general,
      action: .returnByUnit(reason: ""), roles: [.handler], at: "2026-03-09T10:00:00",
      expected: .missingReason(.returnByUnit)),
    Case(
      rule: "consultations are answered at intake, not accepted for dispatch", setup: [], type: .consultation,
      severity: .general, action: .accept, roles: [.agent], at: "2026-03-09T09:00:00",
      expected: .notForOrderType(.accept, .consultation)),
    Case(
      rule: "complaints are not closed at intake", setup: [], type: .complaint, severity: .general,
      action: .answerAtIntake(answer: "ok"), roles: [.agent], at: "2026-03-09T09:00:00",
      expected: .notForOrderType(.answerAtIntake, .complaint)),
    Case(
      rule: "reply only after first contact (WO-REPLY)", setup: dispatched, type: .complaint, severity: .general,
      action: .reply(summary: "done"), roles: [.handler], at: "2026-03-10T10:00:00",
      expected: .wrongState(.reply, .dispatched)),
    Case(
      rule: "extension only after explaining to the customer (WO-EXTENSION)", setup: contacted, type: .complaint,
      severity: .general,
      action: .requestExtension(reason: "complex", newDue: WO.t("2026-03-20"), customerInformed: false),
      roles: [.handler], at: "2026-03-10T10:00:00", expected: .customerNotInformed),
    Case(
      rule: "extension requested after the deadline cannot cure the breach (WO-EXTENSION)", setup: contacted,
      type: .complaint, severity: .general,
      action: .requestExtension(reason: "complex", newDue: WO.t("2026-03-20"), customerInformed: true),
      roles: [.handler], at: "2026-03-14T08:00:00", expected: .extensionAfterDeadline(WO.t("2026-03-14"))),
    Case(
      rule: "extension must move the deadline later", setup: contacted, type: .complaint, severity: .general,
      action: .requestExtension(reason: "complex", newDue: WO.t("2026-03-13"), customerInformed: true),
      roles: [.handler], at: "2026-03-10T10:00:00", expected: .extensionNotLater(WO.t("2026-03-14"))),
    Case(
      rule: "no approval without a request (WO-EXTENSION)", setup: contacted, type: .complaint, severity: .general,
      action: .approveExtension, roles: [.reviewer], at: "2026-03-10T10:00:00", expected: .noPendingExtension),
    Case(
      rule: "handlers cannot approve their own extension (WO-EXTENSION: company approval)", setup: contacted,
      type: .complaint, severity: .general, action: .approveExtension, roles: [.handler],
      at: "2026-03-10T10:00:00", expected: .roleNotAllowed(.approveExtension, allowed: [.reviewer, .lead])),
    Case(
      rule: "only Marketing's reviewer approves replies (WO-REPLY-REVIEW)", setup: contacted, type: .complaint,
      severity: .general, action: .approveReply, roles: [.lead], at: "2026-03-10T10:00:00",
      expected: .roleNotAllowed(.approveReply, allowed: [.reviewer])),
    Case(
      rule: "return visit only after review (WO-RETURN-VISIT)", setup: contacted, type: .complaint, severity: .general,
      action: .recordReturnVisit(satisfied: true, note: ""), roles: [.agent], at: "2026-03-10T10:00:00",
      expected: .wrongState(.recordReturnVisit, .inProgress)),
    Case(
      rule: "same-day report only for serious or major events (WO-SAME-DAY-REPORT)", setup: accepted, type: .complaint,
      severity: .general, action: .fileSameDayReport(summary: "x"), roles: [.lead], at: "2026-03-09T10:00:00",
      expected: .notSeriousEvent),
    Case(
      rule: "severity can only be raised", setup: accepted, type: .complaint, severity: .serious,
      action: .raiseSeverity(to: .general, reason: "calmer"), roles: [.lead], at: "2026-03-09T10:00:00",
      expected: .severityNotHigher),
    Case(
      rule: "an order is not merged into itself", setup: accepted, type: .complaint, severity: .general,
      action: .mergeInto(parent: MergeParent(orderID: WO.id("WO-1"), type: .complaint, state: .dispatched)),
      roles: [.agent], at: "2026-03-09T10:00:00", expected: .cannotMergeIntoSelf),
    Case(
      rule: "merge only under an open parent", setup: accepted, type: .complaint, severity: .general,
      action: .mergeInto(parent: MergeParent(orderID: WO.id("WO-0"), type: .complaint, state: .closed)),
      roles: [.agent], at: "2026-03-09T10:00:00", expected: .parentNotOpen),
    Case(
      rule: "merge only under a parent of the same type", setup: accepted, type: .faultRepair, severity: .general,
      action: .mergeInto(parent: parent), roles: [.agent], at: "2026-03-09T10:00:00",
      expected: .parentTypeMismatch),
    Case(
      rule: "arrival is for repair and service requests", setup: contacted, type: .complaint, severity: .general,
      action: .recordArrival, roles: [.handler], at: "2026-03-10T10:00:00",
      expected: .notForOrderType(.recordArrival, .complaint)),
    Case(
      rule: "unsatisfied return visit needs a note (WO-RETURN-VISIT)", setup: approved, type: .complaint,
      severity: .general, action: .recordReturnVisit(satisfied: false, note: " "), roles: [.agent],
      at: "2026-03-11T10:00:00", expected: .missingReason(.recordReturnVisit)),
    Case(
      rule: "return visits are made by the 95598 agent (WO-RETURN-VISIT)", setup: approved, type: .complaint,
      severity: .general, action: .recordReturnVisit(satisfied: true, note: ""), roles: [.handler],
      at: "2026-03-11T10:00:00", expected: .roleNotAllowed(.recordReturnVisit, allowed: [.agent])),
    Case(
      rule: "a second extension waits for the first decision", setup: extensionPending, type: .complaint,
      severity: .general,
      action: .requestExtension(reason: "more", newDue: WO.t("2026-03-25"), customerInformed: true),
      roles: [.handler], at: "2026-03-10T11:00:00", expected: .extensionAlreadyPending),
  ]

  @Test("Rule WO-PERMISSIONS: illegal moves are refused with a named error", arguments: cases)
  func refused(c: Case) throws {
    let order =
      try WO.run(WO.order(c.type, severity: c.severity), c.setup).last?.snapshot
      ?? WO.order(c.type, severity: c.severity)
    #expect(throws: c.expected) {
      try Workflow.apply(c.action, to: order, by: c.roles, at: WO.t(c.at))
    }
  }

  @Test("Rule WO-STATES: a closed order accepts no further move")
  func closedIsFinal() throws {
    let closed = try WO.run(WO.order(.query), [(.answerAtIntake(answer: "balance ¥12"), [.agent], "2026-03-09T09:00:00")])
      .requireLast().snapshot
    for action: WorkOrderAction in [.accept, .dispatch(unitID: WO.id("s")), .transferToDiscipline(reason: "x")] {
      #expect(throws: WorkflowError.self) {
        try Workflow.apply(action, to: closed, by: Set(Role.allCases), at: WO.t("2026-03-09T10:00:00"))
      }
    }
  }
}
