import Foundation

/// What the app stores about one stage clock of one order: enough to compute its deadline.
public struct StageClockRecord: Hashable, Codable, Sendable {
  public var stage: StageClock
  public var duration: ClockDuration
  public var honoursAppointment: Bool
  public var startedAt: Date
  /// Closed pause intervals (recorded when the order left a pausing state).
  public var pauses: [DateInterval]
  /// Set while the clock is paused now.
  public var pausedSince: Date?
  public var stoppedAt: Date?
  /// Stopped because the order ended, not because the stage was done (nil: done or running).
  public var unfinished: Bool?
  /// An approved extension replaces the computed deadline; only pauses after `extendedAt` move
  /// it further (the new date was agreed knowing the earlier ones). nil `extendedAt`: all do.
  public var extendedDue: Date?
  public var extendedAt: Date?
  /// An agreed appointment (约时) replaces the deadline when the rule honours it.
  public var appointment: Date?

  public init(
    rule: SLARule, startedAt: Date, pauses: [DateInterval] = [], pausedSince: Date? = nil,
    stoppedAt: Date? = nil, extendedDue: Date? = nil, extendedAt: Date? = nil, appointment: Date? = nil
  ) {
    self.stage = rule.stage
    self.duration = rule.duration
    self.honoursAppointment = rule.honoursAppointment
    self.startedAt = startedAt
    self.pauses = pauses
    self.pausedSince = pausedSince
    self.stoppedAt = stoppedAt
    self.extendedDue = extendedDue
    self.extendedAt = extendedAt
    self.appointment = appointment
  }
}

/// A clock evaluated at an instant.
public struct StageClockReading: Hashable, Sendable {
  public var stage: StageClock
  /// Deadline from the rule alone (or the extension / appointment that replaces it).
  public var baseDue: Date
  /// Deadline after pauses.
  public var due: Date
  /// Time spent paused, in the clock's own time (see ClockMath).
  public var pausedSeconds: TimeInterval
  /// Clock time allowed and consumed; `elapsedFraction` = consumed / allowed.
  public var allowedSeconds: TimeInterval
  public var consumedSeconds: TimeInterval
  public var elapsedFraction: Double
  public var isStopped: Bool
  /// Stopped by its own milestone (the work was done), not by the order ending.
  public var isDone: Bool
  public var isPaused: Bool
  /// The deadline runs past the last year of the working calendar: counted on weekends only
  /// until that year's holidays are imported.
  public var isProvisional: Bool
  /// Stopped after the deadline, or still running past it.
  public var isBreached: Bool
  /// Whether pauses shift the deadline (false for appointments, which are fixed instants).
  var pausesShiftDue: Bool
  var workingTime: Bool
  var startedAt: Date
}

extension StageClockRecord {
  /// Evaluates the clock at `now` (ignored once the clock is stopped).
  public func reading(at now: Date, calendar: WorkingCalendar) throws(CalendarError) -> StageClockReading {
    let working = duration.isWorkingTime
    let end = stoppedAt ?? now
    var intervals = pauses
    if stoppedAt == nil, let since = pausedSince, end > since {
      intervals.append(DateInterval(start: since, end: end))
    }
    var paused: TimeInterval = 0
    var pausedAfterExtension: TimeInterval = 0
    let extensionStart = max(extendedAt ?? startedAt, startedAt)
    for p in intervals {
      let to = min(p.end, end)
      paused += try ClockMath.measure(from: max(p.start, startedAt), to: to, workingTime: working, calendar: calendar)
      pausedAfterExtension += try ClockMath.measure(
        from: max(p.start, extensionStart), to: to, workingTime: working, calendar: calendar)
    }
    let total = try ClockMath.measure(from: startedAt, to: end, workingTime: working, calendar: calendar)
    let base: Date
    let due: Date
    let consumed: TimeInterval
    var shift: TimeInterval = 0
    let shifts: Bool
    if honoursAppointment, let appointment {
      // The customer chose the time: pauses do not move it.
      base = appointment
      due = appointment
      consumed = total
      shifts = false
    } else {
      if let extendedDue {
        base = extendedDue
        shift = pausedAfterExtension
      } else {
        base = try ClockMath.baseDue(duration, from: startedAt, calendar: calendar)
        shift = paused
      }
      due = try ClockMath.advance(base, by: shift, workingTime: working, calendar: calendar)
      consumed = total - paused
      shifts = true
    }
    // Pauses before an extension sit inside the agreed window: they are neither used nor allowed.
    let allowed =
      try ClockMath.measure(from: startedAt, to: base, workingTime: working, calendar: calendar)
      - (shifts ? paused - shift : 0)
    let fraction = allowed > 0 ? consumed / allowed : (end >= base ? 1 : 0)
    return StageClockReading(
      stage: stage, baseDue: base, due: due, pausedSeconds: paused, allowedSeconds: allowed,
      consumedSeconds: consumed, elapsedFraction: fraction, isStopped: stoppedAt != nil,
      isDone: stoppedAt != nil && unfinished != true, isPaused: stoppedAt == nil && pausedSince != nil,
      isProvisional: working && calendar.isProvisional(from: startedAt, to: due), isBreached: end > due,
      pausesShiftDue: shifts, workingTime: working, startedAt: startedAt)
  }
}
