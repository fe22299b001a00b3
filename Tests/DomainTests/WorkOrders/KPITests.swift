import Foundation
import Testing

@testable import Domain

/// The KPI-… rules (docs/rules/kpis.md), over plain facts.
@Suite("Work-order KPIs")
struct KPITests {
  static let asOf = WO.t("2026-04-01T00:00:00")

  static func stage(_ due: String, _ done: String?) -> StageFact {
    StageFact(due: WO.t(due), completedAt: done.map(WO.t))
  }

  /// Five complaints and two repair calls in March 2026.
  static let facts: [OrderFacts] = [
    // Verified, supply side's fault, handled on time, visited and satisfied.
    OrderFacts(
      orderID: WO.id("c1"), unitID: WO.id("s7"), type: .complaint, customerAccount: "A", matterCode: "conduct.attitude",
      categoryCode: "conduct", verified: true, supplyResponsibility: true, acceptedAt: WO.t("2026-03-02T09:00:00"),
      closedAt: WO.t("2026-03-05T10:00:00"),
      stages: [
        .dispatch: stage("2026-03-02T10:00:00", "2026-03-02T09:30:00"),
        .firstContact: stage("2026-03-04T00:00:00", "2026-03-02T15:00:00"),
        .reply: stage("2026-03-07T00:00:00", "2026-03-04T10:00:00"),
      ],
      closureDue: WO.t("2026-03-08T00:00:00"), returnVisitRequired: true, returnVisitedAt: WO.t("2026-03-05T10:00:00"),
      returnVisitSatisfied: true),
    // Verified; replied late; re-dispatched after an unsatisfied visit.
    OrderFacts(
      orderID: WO.id("c2"), unitID: WO.id("s7"), type: .complaint, customerAccount: "B", matterCode: "operations.supplyQuality",
      categoryCode: "operations", verified: true, supplyResponsibility: true, acceptedAt: WO.t("2026-03-09T09:00:00"),
      closedAt: WO.t("2026-03-20T10:00:00"), redispatchCount: 1,
      stages: [
        .dispatch: stage("2026-03-09T10:00:00", "2026-03-09T09:50:00"),
        .firstContact: stage("2026-03-11T00:00:00", "2026-03-11T09:00:00"),
        .reply: stage("2026-03-14T00:00:00", "2026-03-16T10:00:00"),
      ],
      closureDue: WO.t("2026-03-15T00:00:00"), returnVisitRequired: true, returnVisitedAt: WO.t("2026-03-17T10:00:00"),
      returnVisitSatisfied: false),
    // Not verified: not a complaint in statistics.
    OrderFacts(
      orderID: WO.id("c3"), unitID: WO.id("s7"), type: .complaint, customerAccount: "C", matterCode: "marketing.tariff",
      categoryCode: "marketing", verified: false, acceptedAt: WO.t("2026-03-10T09:00:00"),
      closedAt: WO.t("2026-03-12T10:00:00"),
      stages: [.dispatch: stage("2026-03-10T10:00:00", "2026-03-10T11:00:00")],
      closureDue: WO.t("2026-03-16T00:00:00"), returnVisitRequired: true),
    // Verified but the customer's own installation: not counted.
    OrderFacts(
      orderID: WO.id("c4"), unitID: WO.id("s9"), type: .complaint, customerAccount: "D", categoryCode: "operations", verified: true,
      supplyResponsibility: false, acceptedAt: WO.t("2026-03-11T09:00:00")),
    // Still open, reply overdue at the end of the month.
    OrderFacts(
      orderID: WO.id("c5"), unitID: WO.id("s7"), type: .complaint, customerAccount: "A", matterCode: "conduct.attitude",
      categoryCode: "conduct", verified: true, supplyResponsibility: true, acceptedAt: WO.t("2026-03-25T09:00:00"),
      stages: [.reply: stage("2026-03-31T00:00:00", nil)], closureDue: WO.t("2026-03-31T00:00:00")),
    // Two repair calls for one outage: the child is merged and never counted.
    OrderFacts(
      orderID: WO.id("r1"), unitID: WO.id("t2"), type: .faultRepair, acceptedAt: WO.t("2026-03-03T08:00:00"),
      closedAt: WO.t("2026-03-03T12:00:00")),
    OrderFacts(
      orderID: WO.id("r2"), unitID: WO.id("t2"), type: .faultRepair, acceptedAt: WO.t("2026-03-03T08:05:00"),
      isMergedDuplicate: true),
  ]

  @Test("Rule WO-VERIFIED-COMPLAINT: only verified complaints that are the supply side's responsibility count")
  func volumes() {
    #expect(WorkOrderKPIs.volumeByType(Self.facts) == [.complaint: 3, .faultRepair: 1])
    #expect(WorkOrderKPIs.complaintsByCategory(Self.facts) == ["conduct": 2, "operations": 1])
  }

  @Test(
    "Rule KPI-COMPLAINTS-PER-10K: complaints per 10,000 customers; nil without customers",
    arguments: [(30_000, 1.0 as Double?), (0, nil)])
  func per10k(customers: Int, expected: Double?) {
    #expect(WorkOrderKPIs.complaintsPer10k(Self.facts, customers: customers) == expected)
  }

  @Test(
    "Rule KPI-DISPATCH-TIMELY, KPI-FIRST-DAY-CONTACT, KPI-TIMELY-REPLY: stage timeliness — dispatch 1 h, first-day contact, timely reply",
    arguments: [
      (StageClock.dispatch, 2, 3), (.firstContact, 1, 2), (.reply, 1, 3),
    ])
  func timeliness(stage: StageClock, numerator: Int, denominator: Int) {
    let members = WorkOrderKPIs.timeliness(WorkOrderKPIs.counted(Self.facts), stage: stage, asOf: Self.asOf)
    #expect(members.rate == KPIRate(numerator: numerator, denominator: denominator))
  }

  @Test("Rule KPI-TIMELY-REPLY: an open stage not yet due is not judged")
  func openNotYetDue() {
    let early = WO.t("2026-03-28T00:00:00")
    #expect(WorkOrderKPIs.timelyReplyRate(Self.facts, asOf: early) == KPIRate(numerator: 1, denominator: 2))
  }

  @Test("Rule KPI-RETURN-VISIT-RATE, KPI-RETURN-VISIT-SATISFACTION: return-visit rate and satisfaction (100 % of complaints visited)")
  func returnVisits() {
    #expect(WorkOrderKPIs.returnVisitRate(Self.facts) == KPIRate(numerator: 2, denominator: 3))
    #expect(WorkOrderKPIs.returnVisitSatisfaction(Self.facts) == KPIRate(numerator: 1, denominator: 2))
  }

  @Test("Rule KPI-FIRST-TIME-RESOLUTION: no re-dispatch and no repeat contact on the same matter within 30 days")
  func firstTimeResolution() {
    // c1 is repeated by c5 (same customer, same matter, 20 days after closure); c2 was re-dispatched.
    let rate = WorkOrderKPIs.firstTimeResolutionRate(Self.facts, allFacts: Self.facts)
    #expect(rate == KPIRate(numerator: 2, denominator: 4))  // c3 and r1
    let shortWindow = WorkOrderKPIs.firstTimeResolutionRate(
      Self.facts, allFacts: Self.facts, settings: KPISettings(repeatContactWindowDays: 10))
    #expect(shortWindow == KPIRate(numerator: 3, denominator: 4))
  }

  @Test("Rule KPI-TIMELY-CLOSURE, KPI-OVERDUE, KPI-MEAN-HANDLING: timely closure, overdue count and mean handling time")
  func closure() {
    #expect(WorkOrderKPIs.timelyClosureRate(Self.facts, asOf: Self.asOf) == KPIRate(numerator: 2, denominator: 4))
    #expect(WorkOrderKPIs.overdueCount(Self.facts, asOf: Self.asOf) == 3)  // c2, c3 (late dispatch), c5
    let hours = [73.0, 265.0, 49.0, 4.0]
    #expect(WorkOrderKPIs.meanHandlingSeconds(Self.facts) == hours.reduce(0, +) / 4 * 3600)
  }

  @Test("Rule KPI-DISPLAY: empty denominators give nil, never NaN")
  func empty() {
    #expect(WorkOrderKPIs.timelyReplyRate([], asOf: Self.asOf).value == nil)
    #expect(WorkOrderKPIs.meanHandlingSeconds([]) == nil)
    #expect(WorkOrderKPIs.returnVisitSatisfaction([]).value == nil)
    #expect(KPIRate(numerator: 1, denominator: 4).value == 0.25)
  }

  @Test("Rule KPI-SCOPE: KPIs per unit and period")
  func scope() {
    let march = DateInterval(start: WO.t("2026-03-01"), end: WO.t("2026-04-01"))
    #expect(WorkOrderKPIs.select(Self.facts, unitID: WO.id("s7"), period: march).map(\.orderID) == ["c1", "c2", "c3", "c5"].map(WO.id))
    let firstWeek = DateInterval(start: WO.t("2026-03-01"), end: WO.t("2026-03-08"))
    #expect(WorkOrderKPIs.select(Self.facts, unitID: nil, period: firstWeek).map(\.orderID) == ["c1", "r1", "r2"].map(WO.id))
  }
}

@Suite("Work-order KPI members")
struct KPIMembersTests {
  static let march = DateInterval(start: WO.t("2026-03-01"), end: WO.t("2026-04-01"))

  @Test(
    "Rule KPI-DRILL-DOWN: every figure's number is the size of the order list its drill-down shows",
    arguments: KPIMeasure.allCases)
  func membersMatchFigures(measure: KPIMeasure) {
    let facts = KPITests.facts
    let m = WorkOrderKPIs.members(measure, facts, allFacts: facts, asOf: KPITests.asOf)
    let r = WorkOrderKPIs.report(facts, unitID: nil, period: Self.march, customers: 10_000, asOf: KPITests.asOf)
    switch measure {
    case .volume: #expect(m.counted.count == facts.filter { !$0.isMergedDuplicate }.count)
    case .countedVolume: #expect(m.counted.count == r.volumeByType.values.reduce(0, +))
    case .countedComplaints: #expect(Double(m.counted.count) == r.complaintsPer10k)
    case .dispatchTimeliness: #expect(m.rate == r.dispatchTimeliness)
    case .firstDayContact: #expect(m.rate == r.firstDayContact)
    case .timelyReply: #expect(m.rate == r.timelyReply)
    case .returnVisit: #expect(m.rate == r.returnVisit)
    case .returnVisitSatisfaction: #expect(m.rate == r.returnVisitSatisfaction)
    case .firstTimeResolution: #expect(m.rate == r.firstTimeResolution)
    case .timelyClosure: #expect(m.rate == r.timelyClosure)
    case .repairArrival: #expect(m.rate == r.repairArrival)
    case .repairRestoration: #expect(m.rate == r.repairRestoration)
    case .overdue: #expect(m.counted.count == r.overdueCount)
    case .handled: #expect(m.counted.count == facts.filter { $0.closedAt != nil && !$0.isMergedDuplicate }.count)
    }
    // A rate's numerator is part of its denominator; merged duplicates are never listed.
    #expect(Set(m.counted).isSubset(of: Set(m.base ?? m.counted)))
    #expect(!(m.base ?? m.counted).contains(WO.id("r2")))
    #expect(measure.isRate == (m.base != nil))
  }

  @Test("Rule KPI-DRILL-DOWN: the members are the orders the rule names")
  func namedMembers() {
    let facts = KPITests.facts
    func m(_ k: KPIMeasure) -> KPIMembers { WorkOrderKPIs.members(k, facts, allFacts: facts, asOf: KPITests.asOf) }
    #expect(m(.countedComplaints).counted == ["c1", "c2", "c5"].map(WO.id))
    #expect(m(.dispatchTimeliness) == KPIMembers(counted: ["c1", "c2"].map(WO.id), base: ["c1", "c2", "c3"].map(WO.id)))
    #expect(m(.overdue).counted == ["c2", "c3", "c5"].map(WO.id))
    #expect(m(.firstTimeResolution) == KPIMembers(counted: ["c3", "r1"].map(WO.id), base: ["c1", "c2", "c3", "r1"].map(WO.id)))
  }
}

@Suite("Work-order KPI report")
struct KPIReportTests {
  @Test("Rule KPI-SCOPE: the per-unit report bundles every KPI for the unit's orders in the period")
  func report() {
    let march = DateInterval(start: WO.t("2026-03-01"), end: WO.t("2026-04-01"))
    let r = WorkOrderKPIs.report(KPITests.facts, unitID: WO.id("s7"), period: march, customers: 20_000, asOf: KPITests.asOf)
    #expect(r.volumeByType == [.complaint: 3])
    #expect(r.complaintsPer10k == 1.5)
    #expect(r.timelyReply == KPIRate(numerator: 1, denominator: 3))
    #expect(r.firstTimeResolution == KPIRate(numerator: 1, denominator: 3))  // c3 only
    #expect(r.overdueCount == 3)
    let empty = WorkOrderKPIs.report([], unitID: WO.id("none"), period: march, customers: 0, asOf: KPITests.asOf)
    #expect(empty.timelyReply.value == nil && empty.complaintsPer10k == nil && empty.meanHandlingSeconds == nil)
  }

  @Test(
    "Rule KPI-REPAIR-TIMELINESS: repair arrival and restoration are judged against their clocks' limits; an arrival still open past its limit is late"
  )
  func repairTimeliness() {
    let facts = [
      // Arrived in 40 minutes of a 45-minute limit; restored 20 minutes past its 3-hour limit.
      OrderFacts(
        orderID: WO.id("a1"), unitID: WO.id("t2"), type: .faultRepair, acceptedAt: WO.t("2026-03-03T08:00:00"),
        stages: [
          .repairArrival: KPITests.stage("2026-03-03T08:45:00", "2026-03-03T08:40:00"),
          .repairRestoration: KPITests.stage("2026-03-03T11:40:00", "2026-03-03T12:00:00"),
        ]),
      // Nobody on site yet, long past the 90-minute rural limit; no restoration clock yet.
      OrderFacts(
        orderID: WO.id("a2"), unitID: WO.id("t2"), type: .faultRepair, acceptedAt: WO.t("2026-03-20T08:00:00"),
        stages: [.repairArrival: KPITests.stage("2026-03-20T09:30:00", nil)]),
      // A complaint has neither clock.
      OrderFacts(
        orderID: WO.id("a3"), unitID: WO.id("t2"), type: .complaint, acceptedAt: WO.t("2026-03-20T08:00:00"),
        stages: [.reply: KPITests.stage("2026-03-24T00:00:00", nil)]),
    ]
    let arrival = WorkOrderKPIs.members(.repairArrival, facts, allFacts: facts, asOf: KPITests.asOf)
    #expect(arrival.counted == [WO.id("a1")] && arrival.base == [WO.id("a1"), WO.id("a2")])
    let restoration = WorkOrderKPIs.members(.repairRestoration, facts, allFacts: facts, asOf: KPITests.asOf)
    #expect(restoration.counted.isEmpty && restoration.base == [WO.id("a1")])
  }
}
