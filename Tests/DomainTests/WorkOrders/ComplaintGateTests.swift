import Foundation
import Testing

@testable import Domain

/// Closing serious complaints, bounded extensions, and clocks that end unfinished.
@Suite("Workflow: complaint gates and extensions")
struct ComplaintGateTests {
  static let full = ComplaintInvestigation(
    course: "经过", handling: "处理", cause: "原因", responsibility: "责任", correctiveAction: "整改", personnelOutcome: "考核")

  static func contacted(_ severity: Severity) throws -> WorkflowSnapshot {
    try WO.run(
      WO.order(.complaint, severity: severity),
      [
        (.accept, [.agent], "2026-03-09T09:00:00"), (.approveIntake, [.lead], "2026-03-09T09:10:00"),
        (.dispatch(unitID: WO.id("s7")), [.lead], "2026-03-09T09:30:00"), (.recordFirstContact, [.handler], "2026-03-09T10:00:00"),
      ]
    ).requireLast().snapshot
  }

  func refusal(_ action: WorkOrderAction, _ s: WorkflowSnapshot, _ roles: Set<Role>, _ at: String) -> WorkflowError? {
    do {
      _ = try Workflow.standard.apply(action, to: s, by: roles, at: WO.t(at))
      return nil
    } catch { return error }
  }

  @Test(
    "Rule WO-CLOSURE-GATE: a serious or major complaint is replied only with the investigation record complete",
    arguments: [Severity.serious, .major])
  func replyNeedsRecord(severity: Severity) throws {
    let s = try Self.contacted(severity)
    #expect(refusal(.reply(summary: "done"), s, [.handler], "2026-03-10T10:00:00") == .investigationIncomplete)
    var partial = Self.full
    partial.personnelOutcome = "  "
    #expect(refusal(.reply(summary: "done", investigation: partial), s, [.handler], "2026-03-10T10:00:00") == .investigationIncomplete)
    let ok = try Workflow.standard.apply(
      .reply(summary: "done", investigation: Self.full), to: s, by: [.handler], at: WO.t("2026-03-10T10:00:00"))
    #expect(ok.snapshot.investigationComplete)
    #expect(ok.state == .pendingReplyReview)
  }

  @Test("Rule WO-CLOSURE-GATE: a general complaint replies without a record")
  func generalNeedsNoRecord() throws {
    let s = try Self.contacted(.general)
    #expect(refusal(.reply(summary: "done"), s, [.handler], "2026-03-10T10:00:00") == nil)
  }

  @Test("Rule WO-CLOSURE-GATE: a serious complaint closes only once the same-day report is filed")
  func closeNeedsSameDayReport() throws {
    let replied = try WO.run(
      try Self.contacted(.serious),
      [
        (.reply(summary: "done", investigation: Self.full), [.handler], "2026-03-10T10:00:00"),
        (.approveReply, [.reviewer], "2026-03-10T11:00:00"),
      ]
    ).requireLast().snapshot
    let visit = WorkOrderAction.recordReturnVisit(satisfied: true, note: "满意")
    #expect(refusal(visit, replied, [.agent], "2026-03-10T12:00:00") == .sameDayReportMissing)
    let filed = try Workflow.standard.apply(
      .fileSameDayReport(summary: "已报营销部"), to: replied, by: [.lead], at: WO.t("2026-03-10T12:05:00"))
    let closed = try Workflow.standard.apply(visit, to: filed.snapshot, by: [.agent], at: WO.t("2026-03-10T12:10:00"))
    #expect(closed.state == .closed)
  }

  @Test("Rule WO-CLOSURE-GATE: severity raised after the reply: Marketing cannot approve without the record")
  func raisedAfterReply() throws {
    let replied = try WO.run(
      try Self.contacted(.general),
      [
        (.reply(summary: "done"), [.handler], "2026-03-10T10:00:00"),
        (.raiseSeverity(to: .serious, reason: "媒体关注"), [.lead], "2026-03-10T10:30:00"),
      ]
    ).requireLast().snapshot
    #expect(refusal(.approveReply, replied, [.reviewer], "2026-03-10T11:00:00") == .investigationIncomplete)
    #expect(refusal(.sendBackReply(reason: "补充调查记录"), replied, [.reviewer], "2026-03-10T11:00:00") == nil)
  }

  @Test(
    "Rule WO-EXTENSION: the requested deadline is after the one in force and within the maximum (10 working days by default)",
    arguments: [
      ("2026-03-13T12:00:00", WorkflowError.extensionNotLater(WO.t("2026-03-14"))),
      ("2026-03-28T00:00:00", nil),  // the latest: 10 working days after Sat 14 Mar
      ("2026-03-28T00:00:01", .extensionTooLong(WO.t("2026-03-28"))),
    ] as [(String, WorkflowError?)])
  func extensionBounds(newDue: String, expected: WorkflowError?) throws {
    let s = try Self.contacted(.general)
    let ask = WorkOrderAction.requestExtension(reason: "线路勘察", newDue: WO.t(newDue), customerInformed: true)
    #expect(refusal(ask, s, [.handler], "2026-03-10T10:00:00") == expected)
  }

  @Test("Rule WO-EXTENSION: the maximum extension is configuration")
  func configuredMaximum() throws {
    var rules = WorkflowRules.default
    rules.maxExtension = .workingDays(2)
    let workflow = Workflow(rules: rules)
    let s = try Self.contacted(.general)
    let ask = WorkOrderAction.requestExtension(reason: "线路勘察", newDue: WO.t("2026-03-20"), customerInformed: true)
    #expect(throws: WorkflowError.extensionTooLong(WO.t("2026-03-18"))) {
      try workflow.apply(ask, to: s, by: [.handler], at: WO.t("2026-03-10T10:00:00"))
    }
  }

  @Test("Rule WO-EXTENSION: only a pending request can be withdrawn, by the handler")
  func withdraw() throws {
    let s = try Self.contacted(.general)
    #expect(refusal(.withdrawExtension, s, [.handler], "2026-03-10T10:00:00") == .noPendingExtension)
    let asked = try Workflow.standard.apply(
      .requestExtension(reason: "线路勘察", newDue: WO.t("2026-03-18"), customerInformed: true), to: s, by: [.handler],
      at: WO.t("2026-03-10T10:00:00"))
    #expect(
      refusal(.withdrawExtension, asked.snapshot, [.reviewer], "2026-03-10T11:00:00")
        == .roleNotAllowed(.withdrawExtension, allowed: [.handler]))
    let withdrawn = try Workflow.standard.apply(.withdrawExtension, to: asked.snapshot, by: [.handler], at: WO.t("2026-03-10T11:00:00"))
    #expect(withdrawn.snapshot.pendingExtension == nil)
    #expect(refusal(.approveExtension, withdrawn.snapshot, [.reviewer], "2026-03-10T12:00:00") == .noPendingExtension)
  }

  @Test(
    "Rule WO-CLOCK-STOP-ALL: clocks the order ends before they are done end unfinished; the same-day report outlives a discipline transfer")
  func unfinishedClocks() throws {
    let s = try Self.contacted(.serious)
    let moved = try Workflow.standard.apply(
      .transferToDiscipline(reason: "收受礼品"), to: s, by: [.reviewer], at: WO.t("2026-03-09T12:00:00"))
    #expect(moved.clockEffects.contains(.end(.reply)))
    #expect(!moved.clockEffects.contains(.stop(.reply)))
    #expect(moved.snapshot.runningClocks == [.sameDayReport])
    var ledger = ClockLedger()
    try ledger.apply(
      [.start(.reply, ruleCode: "reply.complaint", due: WO.t("2026-03-14"))], at: WO.t("2026-03-09T09:30:00"),
      policy: .defaultV1)
    try ledger.apply([.end(.reply)], at: WO.t("2026-03-09T12:00:00"), policy: .defaultV1)
    let reading = try ledger.finished[0].reading(at: WO.t("2026-03-10T00:00:00"), calendar: WO.calendar)
    #expect(reading.isStopped && !reading.isDone)
    try ledger.apply(
      [.start(.sameDayReport, ruleCode: "sameDayReport", due: WO.t("2026-03-10")), .stop(.sameDayReport)],
      at: WO.t("2026-03-09T12:00:00"), policy: .defaultV1)
    #expect(try ledger.finished[1].reading(at: WO.t("2026-03-10T00:00:00"), calendar: WO.calendar).isDone)
  }
}
