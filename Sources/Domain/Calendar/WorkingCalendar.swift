import Foundation

/// What a published schedule says about one day, overriding the weekday rule.
public enum DayKind: String, Codable, Sendable, CaseIterable {
  /// A public holiday or bridging day off (放假).
  case holiday
  /// A weekend day that is worked to make up for a bridge (调休上班).
  case workday
}

public struct DayOverride: Hashable, Codable, Sendable {
  public var date: CivilDate
  public var kind: DayKind
  public var name: String

  public init(date: CivilDate, kind: DayKind, name: String) {
    self.date = date
    self.kind = kind
    self.name = name
  }
}

public enum CalendarError: Error, Equatable, Sendable {
  /// No schedule is loaded for this year, so no working day in it can be known.
  case yearNotCovered(Int)
  case negativeDuration
  case durationTooLong(Int)
}

/// The working-day calendar: Monday–Friday work unless the State Council schedule for the year
/// says otherwise. A year after the last one loaded is counted on weekends only and marked
/// provisional (a deadline at the turn of the year must not be a dead end; it is recomputed when
/// the schedule is imported). A year before or between loaded ones is refused rather than
/// guessed (CAL-COVERAGE: complaint limits are counted in working days).
public struct WorkingCalendar: Sendable {
  public let coveredYears: Set<Int>
  private let overrides: [CivilDate: DayKind]
  /// The last year with a schedule; later years are provisional.
  public var lastCoveredYear: Int? { coveredYears.max() }

  /// Longest limit accepted, so that a typo cannot walk the calendar for years.
  public static let maxWorkingDays = 366

  public init(coveredYears: Set<Int>, overrides: [DayOverride]) {
    self.coveredYears = coveredYears
    var map: [CivilDate: DayKind] = [:]
    for o in overrides { map[o.date] = o.kind }
    self.overrides = map
  }

  public func isWorkingDay(_ date: CivilDate) throws -> Bool {
    guard coveredYears.contains(date.year) || isProvisional(date.year) else { throw CalendarError.yearNotCovered(date.year) }
    if let kind = overrides[date] { return kind == .workday }
    return !date.isWeekend
  }

  /// A year after the last loaded schedule: its days count on weekends only, provisionally.
  public func isProvisional(_ year: Int) -> Bool {
    guard let last = lastCoveredYear else { return false }
    return year > last
  }

  /// Whether anything between two instants falls in a provisional year.
  public func isProvisional(from start: Date, to end: Date) -> Bool {
    isProvisional(BusinessTime.civilDate(of: max(start, end)).year)
  }

  /// A limit of N working days ends at 24:00 of the Nth working day after the day of `start`; the
  /// start day itself is not counted (CAL-DEADLINE-WORKDAYS). N = 0 ends at 24:00 of the start day.
  public func deadline(from start: Date, workingDays: Int) throws -> Date {
    guard workingDays >= 0 else { throw CalendarError.negativeDuration }
    guard workingDays <= Self.maxWorkingDays else { throw CalendarError.durationTooLong(workingDays) }
    var day = BusinessTime.civilDate(of: start)
    var counted = 0
    while counted < workingDays {
      day = day.adding(days: 1)
      if try isWorkingDay(day) { counted += 1 }
    }
    return BusinessTime.startOfDay(day.adding(days: 1))
  }

  /// Natural durations (hours, minutes) are plain elapsed time.
  public static func deadline(from start: Date, minutes: Int) throws -> Date {
    guard minutes >= 0 else { throw CalendarError.negativeDuration }
    guard minutes <= maxWorkingDays * 24 * 60 else { throw CalendarError.durationTooLong(minutes) }
    return start.addingTimeInterval(TimeInterval(minutes * 60))
  }

  /// Seconds between two instants that fall on working days (whole days count 24 h), used to
  /// measure working-day clocks.
  public func workingSeconds(from start: Date, to end: Date) throws -> TimeInterval {
    guard end > start else { return 0 }
    var total: TimeInterval = 0
    var day = BusinessTime.civilDate(of: start)
    let lastDay = BusinessTime.civilDate(of: end)
    while day <= lastDay {
      let dayStart = BusinessTime.startOfDay(day)
      let dayEnd = BusinessTime.startOfDay(day.adding(days: 1))
      if try isWorkingDay(day) {
        let from = max(start, dayStart)
        let to = min(end, dayEnd)
        if to > from { total += to.timeIntervalSince(from) }
      }
      day = day.adding(days: 1)
    }
    return total
  }
}
