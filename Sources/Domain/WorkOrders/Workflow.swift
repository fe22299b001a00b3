import Foundation

/// The work-order state machine (WORKFLOW.md). Pure: given an order's snapshot, an action, the
/// actor's roles and the instant, it returns the new snapshot with the clock effects,
/// notifications, flags and the audit row — or refuses with a `WorkflowError`.
public struct Workflow: Sendable {
  public var rules: WorkflowRules
  public var sla: SLAPolicy
  public var calendar: WorkingCalendar

  public init(
    rules: WorkflowRules = .default, sla: SLAPolicy = .defaultV1,
    calendar: WorkingCalendar = StateCouncilSchedules.calendar
  ) {
    self.rules = rules
    self.sla = sla
    self.calendar = calendar
  }

  /// The shipped defaults, built once (the calendar's holiday map is not free to build).
  public static let standard = Workflow()

  public static func apply(
    _ action: WorkOrderAction, to order: WorkflowSnapshot, by actor: Set<Role>, person: UUID? = nil,
    at instant: Date
  ) throws(WorkflowError) -> WorkflowOutcome {
    try standard.apply(action, to: order, by: actor, person: person, at: instant)
  }

  /// `person`: who acts (a user id), remembered where the order becomes theirs (the agent who
  /// accepts it, the handler who takes the case).
  public func apply(
    _ action: WorkOrderAction, to order: WorkflowSnapshot, by actor: Set<Role>, person: UUID? = nil,
    at instant: Date
  ) throws(WorkflowError) -> WorkflowOutcome {
    let kind = action.kind
    let allowed = rules.allowedRoles(kind)
    guard !allowed.isDisjoint(with: actor) else { throw .roleNotAllowed(kind, allowed: allowed) }
    var move = Move(before: order, at: instant, person: person)
    try transition(action, &move)
    try applyClocks(&move)
    let audit = WorkflowAuditEntry(
      orderID: order.orderID, action: kind, from: order.state, to: move.after.state,
      roles: actor.sorted { $0.rawValue < $1.rawValue }, at: instant, note: action.note)
    return WorkflowOutcome(
      snapshot: move.after, milestones: move.milestones, effects: move.effects, audit: audit)
  }
}

/// A move being built.
struct Move {
  let before: WorkflowSnapshot
  var after: WorkflowSnapshot
  let at: Date
  let person: UUID?
  var milestones: [Milestone] = []
  var effects: [WorkflowEffect] = []

  init(before: WorkflowSnapshot, at: Date, person: UUID? = nil) {
    self.before = before
    self.after = before
    self.at = at
    self.person = person
  }

  mutating func reach(_ m: Milestone) { milestones.append(m) }
  mutating func notify(_ n: WorkflowNotification) { effects.append(.notify(n)) }

  mutating func flag(_ f: WorkOrderFlag) {
    after.flags.insert(f)
    effects.append(.flag(f))
  }
}

extension WorkOrderAction {
  /// The free text given with the move, kept in the audit row.
  var note: String? {
    switch self {
    case .answerAtIntake(let t), .sendBackToAgent(let t), .returnByUnit(let t), .pauseForCustomer(let t),
      .rejectExtension(let t), .reply(let t, _), .sendBackReply(let t), .transferToDiscipline(let t),
      .concludeInspection(let t), .fileSameDayReport(let t):
      return t
    case .requestExtension(let reason, _, _): return reason
    case .recordReturnVisit(_, let note): return note.isEmpty ? nil : note
    case .raiseSeverity(let s, let reason): return "\(s.rawValue): \(reason)"
    case .dispatch(let unit): return unit.uuidString
    case .mergeInto(let parent): return parent.orderID.uuidString
    case .restoreWithOutage(let outage): return outage
    default: return nil
    }
  }
}

extension Workflow {
  /// Derives clock effects from the milestones reached and the states left and entered, using
  /// the SLA rules chosen for the order's profile.
  func applyClocks(_ m: inout Move) throws(WorkflowError) {
    let reached = Set(m.milestones)
    let oldState = m.before.state
    let newState = m.after.state
    for rule in sla.rules(for: m.after.profile) {
      let stage = rule.stage
      var touched = false
      if m.after.runningClocks.contains(stage), !rule.stopsOn.isDisjoint(with: reached) {
        stop(stage, &m)
        touched = true
      }
      if !rule.startsOn.isDisjoint(with: reached) {
        let due = try calendarCall { () throws(CalendarError) in
          try ClockMath.baseDue(rule.duration, from: m.at, calendar: calendar)
        }
        m.after.runningClocks.insert(stage)
        m.after.deadlines[stage] = due
        m.effects.append(.clock(.start(stage, ruleCode: rule.code, due: due)))
        continue
      }
      guard !touched, m.after.runningClocks.contains(stage) else { continue }
      let wasPaused = rule.pausesIn.contains(oldState)
      let isPaused = rule.pausesIn.contains(newState)
      if !wasPaused && isPaused {
        m.effects.append(.clock(.pause(stage)))
      } else if wasPaused && !isPaused, let due = m.after.deadlines[stage] {
        let since = m.before.pausedSince ?? m.at
        let working = rule.duration.isWorkingTime
        let moved = try calendarCall { () throws(CalendarError) in
          let paused = try ClockMath.measure(from: since, to: m.at, workingTime: working, calendar: calendar)
          return try ClockMath.advance(due, by: paused, workingTime: working, calendar: calendar)
        }
        m.after.deadlines[stage] = moved
        m.effects.append(.clock(.resume(stage, due: moved)))
      }
    }
    // Closing, merging or handing over to discipline inspection ends every clock, unfinished;
    // the same-day report is still owed to Marketing while discipline inspection works.
    if newState.isTerminal || newState == .disciplineInspection {
      for stage in StageClock.allCases where m.after.runningClocks.contains(stage) {
        if !newState.isTerminal && stage == .sameDayReport { continue }
        m.after.runningClocks.remove(stage)
        m.after.deadlines[stage] = nil
        m.effects.append(.clock(.end(stage)))
      }
    }
    if newState != .waitingForCustomer {
      m.after.pausedSince = nil
      m.after.pausedFrom = nil
    }
  }

  private func stop(_ stage: StageClock, _ m: inout Move) {
    m.after.runningClocks.remove(stage)
    m.after.deadlines[stage] = nil
    m.effects.append(.clock(.stop(stage)))
  }

  func calendarCall<T>(_ body: () throws(CalendarError) -> T) throws(WorkflowError) -> T {
    do { return try body() } catch { throw .calendar(error) }
  }
}
