import Foundation
import Testing

@testable import Domain

/// WO-CLOCK-PAUSE: a clock pauses only in the states the policy names, and the pause is recorded;
/// the ledger's readings agree with the workflow's deadlines.
@Suite("Clock ledger")
struct ClockLedgerTests {
  let policy = SLAPolicy.defaultV1

  func ledger(
    after steps: [(WorkOrderAction, Set<Role>, String)], order: WorkflowSnapshot, appointment: Date? = nil
  )
    throws -> (ClockLedger, WorkflowSnapshot)
  {
    var ledger = ClockLedger()
    var snapshot = order
    for (action, roles, at) in steps {
      let outcome = try Workflow.apply(action, to: snapshot, by: roles, at: WO.t(at))
      try ledger.apply(outcome.clockEffects, at: WO.t(at), policy: policy, appointment: appointment)
      snapshot = outcome.snapshot
    }
    return (ledger, snapshot)
  }

  @Test("Rule WO-CLOCK-PAUSE: the customer wait is recorded as a pause interval and moves the reply deadline as the workflow says")
  func pauseRecorded() throws {
    let (ledger, snapshot) = try ledger(
      after: WO.contacted + [
        (.pauseForCustomer(reason: "customer abroad"), [.handler], "2026-03-11T12:00:00"),
        (.resumeFromCustomer, [.handler], "2026-03-12T12:00:00"),
      ], order: WO.order(.complaint))
    let reply = try #require(ledger.running[.reply])
    #expect(reply.pauses == [DateInterval(start: WO.t("2026-03-11T12:00:00"), end: WO.t("2026-03-12T12:00:00"))])
    let reading = try reply.reading(at: WO.t("2026-03-12T13:00:00"), calendar: WO.calendar)
    #expect(reading.due == snapshot.deadlines[.reply])
    #expect(ledger.finished.map(\.stage) == [.dispatch, .firstContact])
  }

  @Test("Rule WO-RETURN, WO-CLOCK-FIRST-CONTACT: restarting a clock (re-dispatch) keeps the old record as finished")
  func restartKeepsHistory() throws {
    let (ledger, _) = try ledger(
      after: WO.dispatchedComplaint + [
        (.returnByUnit(reason: "not ours"), [.handler], "2026-03-09T11:00:00"),
        (.dispatch(unitID: WO.id("s9")), [.lead], "2026-03-09T11:30:00"),
      ], order: WO.order(.complaint))
    #expect(ledger.finished.map(\.stage) == [.dispatch, .firstContact, .dispatch])
    #expect(ledger.running[.firstContact]?.startedAt == WO.t("2026-03-09T11:30:00"))
  }

  @Test("Rule WO-CLOCK-APPOINTMENT: an appointment (约时) is attached to the clocks that honour it only")
  func appointmentAttached() throws {
    let appointment = WO.t("2026-03-09T16:00:00")
    let (ledger, _) = try ledger(
      after: [(.accept, [.agent], "2026-03-09T10:00:00")], order: WO.order(.faultRepair), appointment: appointment)
    #expect(ledger.running[.repairArrival]?.appointment == appointment)
    #expect(ledger.running[.dispatch]?.appointment == nil)
  }

  @Test("Rule WO-SWEEP: the order's next deadline is the earliest warning of its running clocks")
  func nextDeadline() throws {
    let (ledger, _) = try ledger(after: [(.accept, [.agent], "2026-03-09T10:00:00")], order: WO.order(.faultRepair))
    // Urban arrival 45 min → 50 % at 10:22:30; dispatch 60 min → 50 % at 10:30.
    let next = try ledger.nextDueAt(at: WO.t("2026-03-09T10:05:00"), calendar: WO.calendar)
    #expect(WO.iso(next) == "2026-03-09T10:22:30+08:00")
  }
}

/// WO-INTAKE-ATTITUDE-SEVERITY, WO-VERIFIED-COMPLAINT: a complaint records category and item, attitude, severity, and the verdict.
@Suite("Complaint details")
struct ComplaintDetailsTests {
  @Test(
    "Rule WO-VERIFIED-COMPLAINT: counted in statistics only when verified and the supply side's responsibility",
    arguments: [(nil, nil, false), (true, true, true), (true, false, false), (false, true, false)] as [(Bool?, Bool?, Bool)])
  func counts(verified: Bool?, responsible: Bool?, counted: Bool) throws {
    var details = try ComplaintDetails.classify(
      category: "conduct", item: "conduct.attitude", in: .complaintsV1,
      attitude: .determined, severity: .serious)
    details.verified = verified
    details.supplyResponsibility = responsible
    #expect(details.countsInStatistics == counted)
    #expect(details.taxonomyVersion == 1)
  }

  @Test("Rule WO-TAXONOMY-COMPLAINT: classification refuses an item outside its category")
  func refusesMismatch() {
    #expect(throws: TaxonomyError.itemNotInCategory(item: "conduct.attitude", category: "operations")) {
      try ComplaintDetails.classify(category: "operations", item: "conduct.attitude", in: .complaintsV1)
    }
  }

  @Test("Rule WO-TAXONOMY-MISCONDUCT, ORG-MASK-REPORTER: reports name a misconduct item; the reporter is confidential by default")
  func report() throws {
    let details = try ReportDetails.classify("misconduct.acceptingGifts")
    #expect(details.reporterConfidential)
    #expect(throws: TaxonomyError.unknownItem("misconduct.bribery")) { try ReportDetails.classify("misconduct.bribery") }
  }
}

/// WO-EXTENSION and WO-CLOCK-PAUSE: an extension fixes a new date; only later pauses move it.
@Suite("Clock ledger: extension after a pause")
struct ClockLedgerExtensionTests {
  @Test("Rule WO-EXTENSION, WO-CLOCK-PAUSE: pauses before an approved extension do not move the extended deadline; later ones do")
  func extensionAfterPause() throws {
    var ledger = ClockLedger()
    var snapshot = WO.order(.complaint)
    let steps: [(WorkOrderAction, Set<Role>, String)] =
      WO.contacted + [
        (.pauseForCustomer(reason: "away"), [.handler], "2026-03-10T00:00:00"),
        (.resumeFromCustomer, [.handler], "2026-03-10T12:00:00"),
        (
          .requestExtension(reason: "survey", newDue: WO.t("2026-03-20T00:00:00"), customerInformed: true),
          [.handler], "2026-03-11T09:00:00"
        ),
        (.approveExtension, [.lead], "2026-03-11T10:00:00"),
        (.pauseForCustomer(reason: "away again"), [.handler], "2026-03-12T00:00:00"),
        (.resumeFromCustomer, [.handler], "2026-03-12T06:00:00"),
      ]
    for (action, roles, at) in steps {
      let outcome = try Workflow.apply(action, to: snapshot, by: roles, at: WO.t(at))
      try ledger.apply(outcome.clockEffects, at: WO.t(at), policy: .defaultV1)
      snapshot = outcome.snapshot
    }
    let reading = try #require(ledger.running[.reply]).reading(at: WO.t("2026-03-12T07:00:00"), calendar: WO.calendar)
    #expect(WO.iso(reading.due) == "2026-03-20T06:00:00+08:00")
    #expect(reading.due == snapshot.deadlines[.reply])
    #expect(reading.pausedSeconds == 18 * 3600)
  }
}
