import Foundation

/// An order's stage clocks, kept by folding the workflow's clock effects in (so pauses are
/// recorded as intervals, WO-CLOCK-PAUSE). The app persists `running` and `finished`.
public struct ClockLedger: Hashable, Codable, Sendable {
  public var running: [StageClock: StageClockRecord]
  /// Stopped clocks, including ones replaced by a restart, oldest first.
  public var finished: [StageClockRecord]

  public init(running: [StageClock: StageClockRecord] = [:], finished: [StageClockRecord] = []) {
    self.running = running
    self.finished = finished
  }

  public enum LedgerError: Error, Equatable, Sendable {
    /// The rule code named by a start effect is not in the policy.
    case unknownRule(String)
  }

  /// Folds a move's clock effects in. `appointment` (约时) is attached to clocks that honour it.
  public mutating func apply(
    _ effects: [ClockEffect], at instant: Date, policy: SLAPolicy, appointment: Date? = nil
  ) throws(LedgerError) {
    for effect in effects {
      switch effect {
      case .start(let stage, let code, _):
        guard let rule = policy.rules.first(where: { $0.code == code }) else { throw .unknownRule(code) }
        if var previous = running[stage] {
          previous.stoppedAt = instant
          finished.append(previous)
        }
        running[stage] = StageClockRecord(
          rule: rule, startedAt: instant, appointment: rule.honoursAppointment ? appointment : nil)
      case .stop(let stage), .end(let stage):
        guard var record = running.removeValue(forKey: stage) else { continue }
        if let since = record.pausedSince {
          record.pauses.append(DateInterval(start: since, end: max(since, instant)))
          record.pausedSince = nil
        }
        record.stoppedAt = instant
        if case .end = effect { record.unfinished = true }
        finished.append(record)
      case .pause(let stage):
        running[stage]?.pausedSince = instant
      case .resume(let stage, _):
        guard let since = running[stage]?.pausedSince else { continue }
        running[stage]?.pauses.append(DateInterval(start: since, end: max(since, instant)))
        running[stage]?.pausedSince = nil
      case .extend(let stage, let due):
        running[stage]?.extendedDue = due
        running[stage]?.extendedAt = instant
      }
    }
  }

  /// The earliest instant any running clock needs the sweep again: the value of the order's
  /// indexed "next deadline" column. Paused clocks contribute nothing until resumed.
  public func nextDueAt(
    at now: Date, sent: [StageClock: Set<WarningLevel>] = [:], warnings: WarningPolicy = .default,
    calendar: WorkingCalendar
  ) throws(CalendarError) -> Date? {
    var next: Date?
    for (stage, record) in running {
      let check = try warnings.check(record, at: now, alreadySent: sent[stage] ?? [], calendar: calendar)
      if let d = check.nextDueAt, next.map({ d < $0 }) ?? true { next = d }
    }
    return next
  }
}
