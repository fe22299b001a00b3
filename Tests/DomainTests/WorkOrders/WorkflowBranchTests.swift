import Foundation
import Testing

@testable import Domain

/// WO-RETURN, WO-EXTENSION, WO-RETURN-VISIT, WO-DISCIPLINE, WO-SAME-DAY-REPORT and WO-MERGE
/// branches: 退单 and re-dispatch, extensions, unsatisfied visits, discipline inspection, same-day
/// reports, merges.
@Suite("Workflow: branches")
struct WorkflowBranchTests {

  func complaint(
    after steps: [(WorkOrderAction, Set<Role>, String)], severity: Severity = .general
  ) throws
    -> WorkflowSnapshot
  {
    try WO.run(WO.order(.complaint, severity: severity), steps).requireLast().snapshot
  }

  @Test(
    "Rule WO-RETURN: a unit returns an order it is not responsible for within 1 working day",
    arguments: [("2026-03-10T23:59:00", true), ("2026-03-11T00:00:00", true), ("2026-03-11T08:00:00", false)])
  func returnWindow(at: String, allowed: Bool) throws {
    let order = try complaint(after: WO.dispatchedComplaint)
    let result = Result { () throws(WorkflowError) in
      try Workflow.apply(.returnByUnit(reason: "not our area"), to: order, by: [.handler], at: WO.t(at))
    }
    switch result {
    case .success(let o):
      #expect(allowed)
      #expect(o.state == .returnedByUnit)
      #expect(o.flags == [.returnedByUnit])
      #expect(WO.stops(o) == [.firstContact])
      #expect(WO.starts(o).keys.contains(.dispatch))
      #expect(o.snapshot.runningClocks.contains(.reply))  // the customer is still waiting
    case .failure(let e):
      #expect(!allowed)
      #expect(e == .returnWindowClosed(endedAt: WO.t("2026-03-11T00:00:00")))
    }
  }

  @Test("Rule WO-RETURN: 95598 re-dispatches a returned order; flagged re-dispatched, reply clock keeps running")
  func redispatchAfterReturn() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.dispatchedComplaint + [
        (.returnByUnit(reason: "not our area"), [.handler], "2026-03-09T11:00:00"),
        (.dispatch(unitID: WO.id("station-9")), [.lead], "2026-03-09T11:20:00"),
      ])
    let redispatch = try o.requireLast()
    #expect(redispatch.milestones == [.redispatchedAfterReturn])
    #expect(redispatch.flags == [.redispatched])
    #expect(WO.starts(redispatch) == [.firstContact: "2026-03-11T00:00:00+08:00"])
    #expect(redispatch.snapshot.deadlines[.reply] == WO.t("2026-03-14T00:00:00"))
    #expect(redispatch.snapshot.dispatchCount == 2)
  }

  @Test("Rule WO-EXTENSION: an approved extension moves the reply deadline; a reply within it is not late")
  func approvedExtension() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [
        (
          .requestExtension(reason: "needs line survey", newDue: WO.t("2026-03-18T00:00:00"), customerInformed: true),
          [.handler], "2026-03-12T10:00:00"
        ),
        (.approveExtension, [.reviewer], "2026-03-12T11:00:00"),
        (.reply(summary: "line fixed"), [.handler], "2026-03-17T10:00:00"),
      ])
    #expect(o[o.count - 2].clockEffects == [.extend(.reply, due: WO.t("2026-03-18T00:00:00"))])
    #expect(try o.requireLast().flags.isEmpty)
    #expect(try o.requireLast().snapshot.flags == [.extended])
  }

  @Test("Rule WO-EXTENSION: a reply past the original deadline without approval is late")
  func lateWithoutApproval() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [
        (
          .requestExtension(reason: "needs line survey", newDue: WO.t("2026-03-18T00:00:00"), customerInformed: true),
          [.handler], "2026-03-12T10:00:00"
        ),
        (.reply(summary: "line fixed"), [.handler], "2026-03-17T10:00:00"),
      ])
    #expect(try o.requireLast().flags == [.repliedLate])
  }

  @Test("Rule WO-REPLY-REVIEW: a reply sent back by Marketing's review starts a new reply cycle")
  func replySentBack() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [
        (.reply(summary: "explained"), [.handler], "2026-03-11T10:00:00"),
        (.sendBackReply(reason: "no cause given"), [.reviewer], "2026-03-12T10:00:00"),
        (.reply(summary: "cause: loose joint, fixed"), [.handler], "2026-03-18T16:00:00"),
      ])
    let reply = o[o.count - 3], sentBack = o[o.count - 2], again = try o.requireLast()
    #expect(reply.clockEffects.contains(.stop(.reply)))
    #expect(sentBack.state == .inProgress)
    #expect(sentBack.flags == [.sentBackByReview])
    // Thursday 10:00 + 4 working days = end of Wednesday 18 March.
    #expect(WO.starts(sentBack) == [.reply: "2026-03-19T00:00:00+08:00"])
    #expect(sentBack.snapshot.runningClocks.contains(.reply))
    #expect(again.state == .pendingReplyReview)
    #expect(again.flags.isEmpty)  // within the new cycle: not late
    #expect(again.clockEffects.contains(.stop(.reply)))
  }

  @Test("Rule WO-RETURN-VISIT: unsatisfied return visit → re-dispatch with a new reply cycle")
  func unsatisfiedVisit() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [
        (.reply(summary: "explained"), [.handler], "2026-03-10T10:00:00"),
        (.approveReply, [.reviewer], "2026-03-10T11:00:00"),
        (.recordReturnVisit(satisfied: false, note: "still no supply"), [.agent], "2026-03-10T15:00:00"),
        (.dispatch(unitID: WO.id("station-7")), [.agent], "2026-03-10T15:30:00"),
      ])
    let visit = o[o.count - 2]
    #expect(visit.state == .pendingDispatch)
    #expect(WO.starts(visit) == [.dispatch: "2026-03-10T16:00:00+08:00"])
    let redispatch = try o.requireLast()
    #expect(redispatch.milestones == [.redispatchedAfterVisit])
    #expect(redispatch.flags == [.redispatched])
    #expect(WO.starts(redispatch)[.reply] == "2026-03-17T00:00:00+08:00")
  }

  @Test(
    "Rule WO-WAIT-CUSTOMER, WO-CLOCK-PAUSE: waiting for the customer pauses first-contact and reply clocks; resume moves deadlines by the working time paused"
  )
  func pauseAndResume() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [
        (.pauseForCustomer(reason: "customer abroad"), [.handler], "2026-03-11T12:00:00"),
        (.resumeFromCustomer, [.handler], "2026-03-12T12:00:00"),
      ])
    #expect(o[o.count - 2].clockEffects == [.pause(.reply)])
    #expect(try o.requireLast().state == .inProgress)
    // 24 working hours paused: Sat 00:00 deadline → Tue 00:00 (the weekend does not count).
    #expect(try o.requireLast().clockEffects == [.resume(.reply, due: WO.t("2026-03-17T00:00:00"))])
  }

  @Test("Rule WO-DISCIPLINE, WO-CLOCK-STOP-ALL: orders involving misconduct go to discipline inspection; clocks stop")
  func disciplineInspection() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [
        (.transferToDiscipline(reason: "gift taken"), [.reviewer], "2026-03-10T10:00:00"),
        (.concludeInspection(finding: "verified; staff disciplined"), [.reviewer], "2026-03-20T10:00:00"),
      ])
    #expect(o[o.count - 2].state == .disciplineInspection)
    #expect(WO.stops(o[o.count - 2]) == [.reply])
    #expect(try o.requireLast().state == .pendingReturnVisit)
  }

  @Test(
    "Rule WO-SAME-DAY-REPORT: serious/major complaints are reported to Marketing the same day",
    arguments: [("2026-03-09T20:00:00", false), ("2026-03-10T08:00:00", true)])
  func sameDayReport(filedAt: String, late: Bool) throws {
    let o = try WO.run(
      WO.order(.complaint, severity: .serious),
      [
        (.accept, [.agent], "2026-03-09T09:00:00"),
        (.fileSameDayReport(summary: "outage at hospital"), [.lead], filedAt),
      ])
    #expect(o[0].notifications.contains(.sameDayReportDue(dueBy: WO.t("2026-03-10T00:00:00"))))
    #expect(WO.starts(o[0])[.sameDayReport] == "2026-03-10T00:00:00+08:00")
    #expect(WO.stops(o[1]) == [.sameDayReport])
    #expect(o[1].flags == (late ? [.sameDayReportLate] : []))
  }

  @Test("Rule WO-SAME-DAY-REPORT: raising severity to major during handling raises the same-day report")
  func raiseSeverity() throws {
    let o = try WO.run(
      WO.order(.complaint),
      WO.contacted + [(.raiseSeverity(to: .major, reason: "media involved"), [.handler], "2026-03-10T10:00:00")])
    #expect(try o.requireLast().milestones == [.seriousEventRaised])
    #expect(try o.requireLast().snapshot.severity == .major)
  }

  @Test("Rule WO-MERGE: duplicates merge under one open parent of the same type; the child closes as merged")
  func merge() throws {
    let parent = MergeParent(orderID: WO.id("WO-0"), type: .faultRepair, state: .dispatched)
    let o = try WO.run(
      WO.order(.faultRepair),
      [(.accept, [.agent], "2026-03-09T10:00:00"), (.mergeInto(parent: parent), [.agent], "2026-03-09T10:01:00")])
    #expect(o[1].state == .merged)
    #expect(o[1].snapshot.parentID == WO.id("WO-0"))
    #expect(WO.stops(o[1]) == [.dispatch, .repairArrival])
    #expect(o[1].snapshot.runningClocks.isEmpty)
  }

  @Test(
    "Rule OUT-RESTORE-CHILDREN: an outage's restoration moves a grouped repair call to its return visit; a crew not yet arrived ends the arrival clock unfinished"
  )
  func restoreWithOutage() throws {
    let restore = WorkOrderAction.restoreWithOutage(outage: "10kV 清河线 雷击跳闸")
    let accepted: (WorkOrderAction, Set<Role>, String) = (.accept, [.agent], "2026-03-09T10:00:00")
    let dispatched: (WorkOrderAction, Set<Role>, String) = (.dispatch(unitID: WO.id("team")), [.agent], "2026-03-09T10:05:00")
    // Not arrived: the arrival clock ends unfinished, no restoration clock ever ran.
    let waiting = try WO.run(WO.order(.faultRepair), [accepted, dispatched, (restore, [.staff], "2026-03-09T11:30:00")])
    let moved = try waiting.requireLast()
    #expect(moved.state == .pendingReturnVisit)
    #expect(moved.milestones.contains(.restored))
    #expect(moved.clockEffects.contains(.end(.repairArrival)))
    #expect(moved.snapshot.runningClocks == [.returnVisit])
    #expect(moved.audit.note == "10kV 清河线 雷击跳闸")
    // Still waiting for dispatch: moved the same way.
    let undispatched = try WO.run(WO.order(.faultRepair), [accepted, (restore, [.lead], "2026-03-09T10:30:00")])
    #expect(try undispatched.requireLast().state == .pendingReturnVisit)
    // On site: the restoration clock stops at the outage's restoration, as a recorded restoration would.
    let onSite = try WO.run(
      WO.order(.faultRepair),
      [accepted, dispatched, (.recordArrival, [.handler], "2026-03-09T10:40:00"), (restore, [.handler], "2026-03-09T12:10:00")])
    #expect(try onSite.requireLast().clockEffects.contains(.stop(.repairRestoration)))
    #expect(try onSite.requireLast().state == .pendingReturnVisit)
  }

  @Test("Rule OUT-RESTORE-CHILDREN: only fault repairs, only before handling is finished, only the outage's keepers")
  func restoreWithOutageRefused() throws {
    let restore = WorkOrderAction.restoreWithOutage(outage: "x")
    let complaint = try WO.run(WO.order(.complaint), [(.accept, [.agent], "2026-03-09T10:00:00")])
    #expect(throws: WorkflowError.notForOrderType(.restoreWithOutage, .complaint)) {
      try Workflow.apply(restore, to: try complaint.requireLast().snapshot, by: [.handler], at: WO.t("2026-03-09T11:00:00"))
    }
    let done = try WO.run(
      WO.order(.faultRepair),
      [(.accept, [.agent], "2026-03-09T10:00:00"), (restore, [.handler], "2026-03-09T10:30:00")])
    #expect(throws: WorkflowError.self) {
      try Workflow.apply(restore, to: try done.requireLast().snapshot, by: [.handler], at: WO.t("2026-03-09T11:00:00"))
    }
    let accepted = try WO.run(WO.order(.faultRepair), [(.accept, [.agent], "2026-03-09T10:00:00")])
    #expect(throws: WorkflowError.self) {
      try Workflow.apply(restore, to: try accepted.requireLast().snapshot, by: [.agent], at: WO.t("2026-03-09T11:00:00"))
    }
  }
}
