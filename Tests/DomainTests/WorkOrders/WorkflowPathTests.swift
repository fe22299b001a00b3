import Foundation
import Testing

@testable import Domain

/// WO-STATES closed loop (受理 → 处理 → 回访) and the repair and service-request flows, walked move by
/// move.
@Suite("Workflow: happy paths")
struct WorkflowPathTests {
  @Test("Rule WO-STATES, WO-PERMISSIONS: complaint loop accept → lead review → dispatch → contact → reply → review → visit → close")
  func complaintLoop() throws {
    let o = try WO.run(
      WO.order(.complaint),
      [
        (.accept, [.agent], "2026-03-09T09:00:00"),
        (.approveIntake, [.lead], "2026-03-09T09:10:00"),
        (.dispatch(unitID: WO.id("station-7")), [.agent], "2026-03-09T09:30:00"),
        (.recordFirstContact, [.handler], "2026-03-09T15:00:00"),
        (.reply(summary: "meter replaced"), [.handler], "2026-03-12T10:00:00"),
        (.approveReply, [.reviewer], "2026-03-12T14:00:00"),
        (.recordReturnVisit(satisfied: true, note: ""), [.agent], "2026-03-13T09:00:00"),
      ])
    #expect(
      o.map(\.state) == [
        .pendingIntakeReview, .pendingDispatch, .dispatched, .inProgress, .pendingReplyReview, .pendingReturnVisit, .closed,
      ])
    // Dispatch within 1 h of acceptance.
    #expect(WO.starts(o[0]) == [.dispatch: "2026-03-09T10:00:00+08:00"])
    // First contact within 1 working day, reply within 4 working days of dispatch.
    #expect(WO.stops(o[2]) == [.dispatch])
    #expect(WO.starts(o[2]) == [.firstContact: "2026-03-11T00:00:00+08:00", .reply: "2026-03-14T00:00:00+08:00"])
    #expect(WO.stops(o[3]) == [.firstContact])
    #expect(WO.stops(o[4]) == [.reply])
    // Return visit within 24 h of the approved reply.
    #expect(WO.starts(o[5]) == [.returnVisit: "2026-03-13T14:00:00+08:00"])
    #expect(WO.stops(o[6]) == [.returnVisit])
    #expect(o[6].snapshot.runningClocks.isEmpty)
    #expect(o[6].snapshot.flags.isEmpty)
    #expect(o[2].notifications == [.orderDispatched(unitID: WO.id("station-7"))])
  }

  @Test("Rule WO-TIMELINE: every move is audited with action, states, roles, instant and reason")
  func auditRow() throws {
    let o = try WO.run(
      WO.order(.complaint),
      [
        (.accept, [.agent, .analyst], "2026-03-09T09:00:00"),
        (.sendBackToAgent(reason: "wrong category"), [.lead], "2026-03-09T09:05:00"),
      ])
    #expect(
      o[1].audit
        == WorkflowAuditEntry(
          orderID: WO.id("WO-1"), action: .sendBackToAgent, from: .pendingIntakeReview, to: .intake, roles: [.lead],
          at: WO.t("2026-03-09T09:05:00"), note: "wrong category"))
    #expect(o[0].audit.roles == [.agent, .analyst])
  }

  @Test(
    "Rule WO-ANSWER-AT-INTAKE: consultation, query and praise are answered and closed at intake",
    arguments: [OrderType.consultation, .query, .praise])
  func answeredAtIntake(type: OrderType) throws {
    let o = try WO.run(WO.order(type), [(.answerAtIntake(answer: "told the tariff"), [.agent], "2026-03-09T09:00:00")])
    #expect(o[0].state == .closed)
    #expect(o[0].milestones == [.accepted, .closed])
    #expect(o[0].clockEffects.isEmpty)
  }

  @Test(
    "Rule WO-CLOCK-REPAIR-ARRIVAL, WO-CLOCK-REPAIR-RESTORATION: fault repair dispatch → arrival → restoration → return visit → close; arrival 45/90/120 min, restoration 3/4/4 h",
    arguments: [
      (AreaClass.urban, "2026-03-09T10:45:00+08:00", "2026-03-09T13:40:00+08:00"),
      (.rural, "2026-03-09T11:30:00+08:00", "2026-03-09T14:40:00+08:00"),
      (.remote, "2026-03-09T12:00:00+08:00", "2026-03-09T14:40:00+08:00"),
    ])
  func faultRepair(area: AreaClass, arrivalDue: String, restorationDue: String) throws {
    let o = try WO.run(
      WO.order(.faultRepair, area: area),
      [
        (.accept, [.agent], "2026-03-09T10:00:00"),
        (.dispatch(unitID: WO.id("repair-team-2")), [.agent], "2026-03-09T10:05:00"),
        (.recordArrival, [.handler], "2026-03-09T10:40:00"),
        (.recordRestoration, [.handler], "2026-03-09T12:10:00"),
        (.recordReturnVisit(satisfied: true, note: ""), [.agent], "2026-03-09T16:00:00"),
      ])
    #expect(o.map(\.state) == [.pendingDispatch, .dispatched, .onSite, .pendingReturnVisit, .closed])
    #expect(WO.starts(o[0])[.repairArrival] == arrivalDue)
    #expect(WO.starts(o[2]) == [.repairRestoration: restorationDue])
    #expect(WO.stops(o[2]) == [.repairArrival])
    #expect(WO.stops(o[3]) == [.repairRestoration])
    #expect(o[4].snapshot.runningClocks.isEmpty)
  }

  @Test("Rule WO-CLOCK-SERVICE: a service request without review closes through the return visit; appliance damage stops on arrival")
  func serviceRequest() throws {
    let o = try WO.run(
      WO.order(.serviceRequest, kind: .applianceDamage),
      [
        (.accept, [.agent], "2026-03-09T10:00:00"),
        (.dispatch(unitID: WO.id("station-7")), [.lead], "2026-03-09T10:20:00"),
        (.recordArrival, [.handler], "2026-03-10T09:00:00"),
        (.reply(summary: "assessed, compensation agreed"), [.handler], "2026-03-10T15:00:00"),
      ])
    #expect(WO.starts(o[0])[.serviceCompletion] == "2026-03-10T10:00:00+08:00")
    #expect(WO.stops(o[2]) == [.serviceCompletion])
    #expect(o[3].state == .pendingReturnVisit)
  }

  @Test("Rule WO-REPLY: opinions and suggestions close on reply (no review, no return visit by default)")
  func opinionClosesOnReply() throws {
    let o = try WO.run(
      WO.order(.suggestion),
      [
        (.accept, [.agent], "2026-03-09T10:00:00"),
        (.dispatch(unitID: WO.id("marketing")), [.agent], "2026-03-09T10:20:00"),
        (.recordFirstContact, [.handler], "2026-03-09T11:00:00"),
        (.reply(summary: "thanks, noted"), [.handler], "2026-03-10T15:00:00"),
      ])
    #expect(o.last?.state == .closed)
  }
}
