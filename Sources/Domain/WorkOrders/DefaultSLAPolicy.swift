/// The shipped SLA defaults (rules WO-CLOCK-…, docs/rules/work-orders.md), one place for every
/// number. A company publishes its own version as data; these are version 1.
extension SLAPolicy {
  public static let defaultV1 = SLAPolicy(
    version: 1, effectiveFrom: CivilDate(year: 2025, month: 1, day: 1)!, rules: DefaultSLARules.all)
}

enum DefaultSLARules {
  static let dispatched: Set<Milestone> = [.dispatched, .redispatchedAfterReturn, .redispatchedAfterVisit]
  static let handled: Set<OrderType> = [.complaint, .report, .opinion, .suggestion, .serviceRequest, .faultRepair]
  static let waiting: Set<WorkOrderState> = [.waitingForCustomer]

  static let all: [SLARule] = dispatch + firstContact + reply + returnVisit + repair + service + sameDay

  /// WO-CLOCK-DISPATCH: dispatch within 1 hour of acceptance; again after a return (退单) or an
  /// unsatisfied return visit.
  static let dispatch = [
    SLARule(
      code: "dispatch", stage: .dispatch, match: RuleMatch(types: handled), duration: .minutes(60),
      startsOn: [.accepted, .returnedByUnit, .returnVisitUnsatisfied], stopsOn: dispatched,
      source: "WO-CLOCK-DISPATCH")
  ]

  /// WO-CLOCK-FIRST-CONTACT: the unit contacts the customer within 1 working day of receiving the
  /// order.
  static let firstContact = [
    SLARule(
      code: "firstContact", stage: .firstContact, match: RuleMatch(types: [.complaint, .report]),
      duration: .workingDays(1), startsOn: dispatched, stopsOn: [.firstContact, .returnedByUnit],
      pausesIn: waiting, source: "WO-CLOCK-FIRST-CONTACT")
  ]

  /// WO-CLOCK-REPLY. The reply clock starts at the first dispatch and runs through a 退单 (the
  /// customer is still waiting); an unsatisfied return visit starts a new cycle, and so does a
  /// reply that Marketing's review sends back (WO-REPLY-REVIEW): the handler owes a new reply,
  /// measured like the first, and the first one's 退回 stays on the order as a flag.
  static let reply = [
    replyRule("reply.complaint", [.complaint], nil, .workingDays(4), "WO-CLOCK-REPLY"),
    replyRule("reply.report", [.report], nil, .workingDays(9), "WO-CLOCK-REPLY"),
    replyRule("reply.12398", [.complaint, .report], [.hotline12398], .workingDays(10), "WO-CLOCK-REPLY"),
    replyRule("reply.12345", [.complaint, .report], [.hotline12345], .calendarDays(7), "WO-CLOCK-REPLY"),
  ]

  static func replyRule(
    _ code: String, _ types: Set<OrderType>, _ channels: Set<Channel>?, _ d: ClockDuration, _ src: String
  ) -> SLARule {
    SLARule(
      code: code, stage: .reply, match: RuleMatch(types: types, channels: channels), duration: d,
      startsOn: [.dispatched, .redispatchedAfterVisit, .replySentBack], stopsOn: [.replied], pausesIn: waiting,
      source: src)
  }

  /// WO-CLOCK-RETURN-VISIT: return visit within 24 hours of the reply being approved (or of
  /// restoration).
  static let returnVisit = [
    SLARule(
      code: "returnVisit", stage: .returnVisit,
      match: RuleMatch(types: [.complaint, .report, .faultRepair, .serviceRequest]),
      duration: .minutes(24 * 60), startsOn: [.readyForReturnVisit], stopsOn: [.returnVisited],
      source: "WO-CLOCK-RETURN-VISIT")
  ]

  /// WO-CLOCK-REPAIR-ARRIVAL 45/90/120 min from acceptance; WO-CLOCK-REPAIR-RESTORATION 3 h urban,
  /// 4 h rural after arrival. Remote areas: 4 h as rural, since distance is already allowed for in
  /// the arrival limit.
  static let repair = [
    arrival(.urban, 45), arrival(.rural, 90), arrival(.remote, 120),
    restoration(.urban, 180), restoration(.rural, 240), restoration(.remote, 240),
  ]

  static func arrival(_ area: AreaClass, _ minutes: Int) -> SLARule {
    SLARule(
      code: "repairArrival.\(area.rawValue)", stage: .repairArrival,
      match: RuleMatch(types: [.faultRepair], areas: [area]), duration: .minutes(minutes),
      startsOn: [.accepted], stopsOn: [.arrived], honoursAppointment: true,
      source: "WO-CLOCK-REPAIR-ARRIVAL")
  }

  static func restoration(_ area: AreaClass, _ minutes: Int) -> SLARule {
    SLARule(
      code: "repairRestoration.\(area.rawValue)", stage: .repairRestoration,
      match: RuleMatch(types: [.faultRepair], areas: [area]), duration: .minutes(minutes),
      startsOn: [.arrived], stopsOn: [.restored], pausesIn: waiting,
      source: "WO-CLOCK-REPAIR-RESTORATION")
  }

  /// WO-CLOCK-SERVICE: service requests, from acceptance. Appliance damage stops when the crew is
  /// on site; the others when the handler replies that the work is done.
  static let service = [
    serviceRule(.arrearsReconnection, .minutes(24 * 60), [.replied]),
    serviceRule(.applianceDamage, .minutes(24 * 60), [.arrived]),
    serviceRule(.meterAnomaly, .workingDays(4), [.replied]),
    serviceRule(.meterReadingAnomaly, .workingDays(6), [.replied]),
    serviceRule(.other, .workingDays(5), [.replied]),
  ]

  static func serviceRule(_ kind: ServiceRequestKind, _ d: ClockDuration, _ stops: Set<Milestone>) -> SLARule {
    SLARule(
      code: "serviceCompletion.\(kind.rawValue)", stage: .serviceCompletion,
      match: RuleMatch(types: [.serviceRequest], serviceKinds: [kind]), duration: d,
      startsOn: [.accepted], stopsOn: stops, pausesIn: waiting, honoursAppointment: true,
      source: "WO-CLOCK-SERVICE")
  }

  /// WO-CLOCK-SAME-DAY: serious or major complaint events reported to Marketing the same day.
  static let sameDay = [
    SLARule(
      code: "sameDayReport", stage: .sameDayReport, match: RuleMatch(types: [.complaint, .report]),
      duration: .endOfStartDay, startsOn: [.seriousEventRaised], stopsOn: [.sameDayReportFiled],
      source: "WO-CLOCK-SAME-DAY")
  ]
}
