import Foundation

/// A warning level of a stage clock: a point before the deadline, or the breach itself.
public enum WarningLevel: Hashable, Sendable, Comparable {
  /// `percent` of the stage time has been used.
  case approaching(percent: Int)
  case breached
}

/// Stored and encoded as a stable code: "warn50", "breach".
extension WarningLevel: RawRepresentable, Codable {
  public init?(rawValue: String) {
    if rawValue == "breach" {
      self = .breached
    } else if rawValue.hasPrefix("warn"), let p = Int(rawValue.dropFirst(4)), (1...99).contains(p) {
      self = .approaching(percent: p)
    } else {
      return nil
    }
  }

  public var rawValue: String {
    switch self {
    case .approaching(let p): "warn\(p)"
    case .breached: "breach"
    }
  }
}

extension WarningLevel {

  var order: Int {
    switch self {
    case .approaching(let p): p
    case .breached: Int.max
    }
  }

  public static func < (a: WarningLevel, b: WarningLevel) -> Bool { a.order < b.order }
}

/// Where warnings fire (WO-WARNINGS). Percentages of the stage time; the default 50/75/90.
public struct WarningPolicy: Hashable, Codable, Sendable {
  public var percents: [Int]

  public init(percents: [Int]) {
    self.percents = Array(Set(percents.filter { (1...99).contains($0) })).sorted()
  }

  public static let `default` = WarningPolicy(percents: [50, 75, 90])

  public var levels: [WarningLevel] { percents.map { .approaching(percent: $0) } + [.breached] }
}

/// One thing to send now.
public struct DueWarning: Hashable, Sendable {
  public var stage: StageClock
  public var level: WarningLevel
  /// On breach a 催办 (chase) goes to the responsible unit, not only a warning.
  public var isChase: Bool { level == .breached }
}

/// Result of a sweep over one clock.
public struct WarningCheck: Hashable, Sendable {
  /// Levels reached and not yet sent, lowest first.
  public var due: [DueWarning]
  /// The next instant another level falls due; nil when the clock is stopped or paused (a paused
  /// clock moves its deadline, so the app recomputes on resume) or every level is reached.
  /// The app stores the minimum over an order's clocks as its indexed "next deadline".
  public var nextDueAt: Date?
}

extension WarningPolicy {
  /// Which levels are due for a clock at `now`, given those already sent.
  public func check(
    _ clock: StageClockRecord, at now: Date, alreadySent: Set<WarningLevel> = [],
    calendar: WorkingCalendar
  ) throws(CalendarError) -> WarningCheck {
    let reading = try clock.reading(at: now, calendar: calendar)
    if reading.isStopped && !reading.isBreached { return WarningCheck(due: [], nextDueAt: nil) }
    var due: [DueWarning] = []
    var next: Date?
    for level in levels where !alreadySent.contains(level) {
      let reached: Bool
      switch level {
      case .breached: reached = reading.isBreached
      case .approaching(let p): reached = reading.elapsedFraction >= Double(p) / 100
      }
      if reached {
        // A clock stopped late still owes its breach chase, but no earlier warnings.
        if !reading.isStopped || level == .breached { due.append(DueWarning(stage: clock.stage, level: level)) }
      } else if !reading.isStopped && !reading.isPaused && next == nil {
        next = try instant(of: level, reading, calendar)
      }
    }
    return WarningCheck(due: due, nextDueAt: next)
  }

  /// When a running clock enters its warning window (the first level), assuming no further
  /// pause; nil for a stopped or paused clock.
  public func windowStart(
    _ clock: StageClockRecord, at now: Date, calendar: WorkingCalendar
  ) throws(CalendarError) -> Date? {
    let reading = try clock.reading(at: now, calendar: calendar)
    guard !reading.isStopped, !reading.isPaused, let first = levels.first else { return nil }
    return try instant(of: first, reading, calendar)
  }

  /// When a level will be reached, assuming no further pause (past pauses are in `reading`).
  func instant(
    of level: WarningLevel, _ r: StageClockReading, _ calendar: WorkingCalendar
  )
    throws(CalendarError) -> Date
  {
    switch level {
    case .breached:
      // Strictly after the deadline.
      return r.due.addingTimeInterval(1)
    case .approaching(let p):
      let target = r.allowedSeconds * Double(p) / 100 + (r.pausesShiftDue ? r.pausedSeconds : 0)
      return try ClockMath.advance(r.startedAt, by: target, workingTime: r.workingTime, calendar: calendar)
    }
  }
}
