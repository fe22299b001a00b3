import Foundation

/// The stage clocks an order runs (WO-CLOCK-SELECTION). Raw values are stable codes.
public enum StageClock: String, Codable, Sendable, CaseIterable {
  case dispatch  // 派单
  case firstContact  // 首日联系
  case reply  // 答复/回复
  case returnVisit  // 回访
  case repairArrival  // 抢修到达
  case repairRestoration  // 抢修恢复送电
  case serviceCompletion  // 服务申请办结
  case sameDayReport  // 严重/重大事件当日上报
}

/// How long a stage may take.
public enum ClockDuration: Hashable, Codable, Sendable {
  /// Ends at 24:00 of the Nth working day after the start day (WorkingCalendar).
  case workingDays(Int)
  /// Ends at 24:00 of the Nth calendar day after the start day, counted like working days but
  /// with every day counting (so "7 days" from 12345 does not depend on the hour of intake).
  case calendarDays(Int)
  /// Plain elapsed time.
  case minutes(Int)
  /// Ends at 24:00 of the start day ("当日").
  case endOfStartDay

  /// Working-day clocks measure and pause in working time; the others in elapsed time.
  public var isWorkingTime: Bool {
    if case .workingDays = self { return true }
    return false
  }
}

/// Events of the workflow that start and stop clocks (emitted in `WorkflowOutcome.milestones`).
public enum Milestone: String, Codable, Sendable, CaseIterable {
  case accepted
  case dispatched  // first dispatch
  case redispatchedAfterReturn  // after 退单
  case redispatchedAfterVisit  // after an unsatisfied return visit
  case returnedByUnit
  case firstContact
  case arrived
  case restored
  case replied
  case replyApproved
  case replySentBack
  case readyForReturnVisit
  case returnVisited
  case returnVisitUnsatisfied
  case seriousEventRaised
  case sameDayReportFiled
  case transferredToDiscipline
  case merged
  case closed
}

/// Which orders a rule applies to; nil means any.
public struct RuleMatch: Hashable, Codable, Sendable {
  public var types: Set<OrderType>?
  public var serviceKinds: Set<ServiceRequestKind>?
  public var channels: Set<Channel>?
  public var areas: Set<AreaClass>?

  public init(
    types: Set<OrderType>? = nil, serviceKinds: Set<ServiceRequestKind>? = nil,
    channels: Set<Channel>? = nil, areas: Set<AreaClass>? = nil
  ) {
    self.types = types
    self.serviceKinds = serviceKinds
    self.channels = channels
    self.areas = areas
  }

  public func matches(_ p: OrderProfile) -> Bool {
    (types?.contains(p.type) ?? true)
      && (serviceKinds.map { k in p.serviceKind.map(k.contains) ?? false } ?? true)
      && (channels?.contains(p.channel) ?? true)
      && (areas?.contains(p.area) ?? true)
  }

  /// More criteria named = more specific; the most specific matching rule of a stage wins.
  public var specificity: Int {
    [types != nil, serviceKinds != nil, channels != nil, areas != nil].filter { $0 }.count
  }
}

/// One stage limit: what it applies to, how long, what starts and stops it, where it pauses.
public struct SLARule: Hashable, Codable, Sendable {
  /// Stable code, e.g. "reply.complaint".
  public var code: String
  public var stage: StageClock
  public var match: RuleMatch
  public var duration: ClockDuration
  public var startsOn: Set<Milestone>
  public var stopsOn: Set<Milestone>
  public var pausesIn: Set<WorkOrderState>
  /// An agreed appointment (约时) replaces the computed deadline (WO-CLOCK-APPOINTMENT).
  public var honoursAppointment: Bool
  /// Where the limit comes from, for the administrator's screen.
  public var source: String

  public init(
    code: String, stage: StageClock, match: RuleMatch, duration: ClockDuration,
    startsOn: Set<Milestone>, stopsOn: Set<Milestone>, pausesIn: Set<WorkOrderState> = [],
    honoursAppointment: Bool = false, source: String = ""
  ) {
    self.code = code
    self.stage = stage
    self.match = match
    self.duration = duration
    self.startsOn = startsOn
    self.stopsOn = stopsOn
    self.pausesIn = pausesIn
    self.honoursAppointment = honoursAppointment
    self.source = source
  }
}

/// A published set of rules. Orders keep the version they were measured under.
public struct SLAPolicy: Hashable, Codable, Sendable {
  public var version: Int
  public var effectiveFrom: CivilDate
  public var rules: [SLARule]

  public init(version: Int, effectiveFrom: CivilDate, rules: [SLARule]) {
    self.version = version
    self.effectiveFrom = effectiveFrom
    self.rules = rules
  }

  /// One rule per stage: the most specific match; among equals, the first listed.
  public func rules(for profile: OrderProfile) -> [SLARule] {
    var chosen: [StageClock: SLARule] = [:]
    for rule in rules where rule.match.matches(profile) {
      if let current = chosen[rule.stage], current.match.specificity >= rule.match.specificity { continue }
      chosen[rule.stage] = rule
    }
    return StageClock.allCases.compactMap { chosen[$0] }
  }

  public func rule(for stage: StageClock, profile: OrderProfile) -> SLARule? {
    rules(for: profile).first { $0.stage == stage }
  }
}
