import Foundation

/// What a commitment record has recorded, as the clocks read it: its connection class (nil for
/// records that have none), each stage edge with its instant, and the customer-caused waits.
public struct CommitmentFacts: Sendable {
  public var connectionClass: ConnectionClass?
  public var points: [CommitmentPoint: Date]
  /// Waits the customer caused (rule COM-PAUSE); an open wait has no end yet.
  public var pauses: [(start: Date, end: Date?)]

  public init(connectionClass: ConnectionClass?, points: [CommitmentPoint: Date], pauses: [(start: Date, end: Date?)] = []) {
    self.connectionClass = connectionClass
    self.points = points
    self.pauses = pauses
  }
}

/// One commitment clock of one record read at an instant (rule COM-CLOCKS).
public struct CommitmentReading: Hashable, Sendable {
  public enum State: String, Sendable, CaseIterable {
    /// Still running and not past its deadline.
    case running
    /// Ended by the deadline.
    case onTime
    /// Ended after the deadline, or (a notice) too soon.
    case late
    /// Still running past its deadline: already a breach.
    case overdue
  }
  public var code: String
  /// The deadline after pauses; for `atLeast`, the earliest the end may come.
  public var dueAt: Date
  public var doneAt: Date?
  public var state: State
  /// How far past the deadline (or, for a notice, how much too soon), in seconds; 0 when kept.
  public var lateSeconds: TimeInterval
  /// Clock time used ÷ allowed, for the 50/75/90 % warnings (WO-WARNINGS); 0 for `atLeast`.
  public var elapsedFraction: Double

  public var isBreach: Bool { state == .late || state == .overdue }
}

/// Reading the clocks of a record under an edition (rules COM-CLOCKS, COM-PAUSE, COM-ON-TIME).
public enum CommitmentClock {
  /// Every rule that applies to the record and whose start is recorded, read at `now`.
  public static func readings(
    _ facts: CommitmentFacts, rules: CommitmentRules, now: Date, calendar: WorkingCalendar
  ) throws(CalendarError) -> [CommitmentReading] {
    var out: [CommitmentReading] = []
    for rule in rules.rules where rule.applies(to: facts.connectionClass) {
      guard let start = facts.points[rule.start] else { continue }
      out.append(try reading(rule, start: start, end: facts.points[rule.end], pauses: facts.pauses, now: now, calendar: calendar))
    }
    return out
  }

  /// Rule COM-ON-TIME: a record is on time only if none of its clocks is breached.
  public static func isOnTime(_ readings: [CommitmentReading]) -> Bool { !readings.contains { $0.isBreach } }

  /// One clock. A wait the customer caused moves a `within` deadline by the time spent waiting,
  /// in the clock's own time (ClockMath's pause rule: working seconds for working-day clocks).
  public static func reading(
    _ rule: CommitmentRule, start: Date, end: Date?, pauses: [(start: Date, end: Date?)], now: Date, calendar: WorkingCalendar
  ) throws(CalendarError) -> CommitmentReading {
    let duration = rule.limit.duration
    let working = duration.isWorkingTime
    let base = try ClockMath.baseDue(duration, from: start, calendar: calendar)
    switch rule.sense {
    case .atLeast:
      // A notice: the end may not come before the limit has passed; waits change nothing.
      guard let end else {
        return CommitmentReading(code: rule.code, dueAt: base, doneAt: nil, state: .running, lateSeconds: 0, elapsedFraction: 0)
      }
      let early = max(0, base.timeIntervalSince(end))
      return CommitmentReading(
        code: rule.code, dueAt: base, doneAt: end, state: early > 0 ? .late : .onTime, lateSeconds: early, elapsedFraction: 0)
    case .within:
      let stop = end ?? now
      var paused: TimeInterval = 0
      for pause in pauses {
        let from = max(pause.start, start)
        let to = min(pause.end ?? stop, stop)
        paused += try ClockMath.measure(from: from, to: to, workingTime: working, calendar: calendar)
      }
      let due = try ClockMath.advance(base, by: paused, workingTime: working, calendar: calendar)
      let allowed = try ClockMath.measure(from: start, to: base, workingTime: working, calendar: calendar)
      let used = try ClockMath.measure(from: start, to: stop, workingTime: working, calendar: calendar) - paused
      let fraction = allowed > 0 ? max(0, used) / allowed : (stop > due ? 1 : 0)
      let late = max(0, stop.timeIntervalSince(due))
      let state: CommitmentReading.State =
        if end != nil { late > 0 ? .late : .onTime } else { late > 0 ? .overdue : .running }
      return CommitmentReading(code: rule.code, dueAt: due, doneAt: end, state: state, lateSeconds: late, elapsedFraction: fraction)
    }
  }
}
