import Foundation

/// Deadline arithmetic shared by the workflow and the clock readings.
///
/// Pause rule: a paused clock's deadline moves by the time spent paused, measured in the clock's
/// own time — elapsed seconds for minute and calendar-day clocks, working seconds (seconds that
/// fall on working days) for working-day clocks. So a pause over a weekend costs a working-day
/// clock nothing, and a pause of half a working day moves its deadline by half a working day.
public enum ClockMath {
  /// The deadline of a stage started at `start`, before pauses and extensions.
  public static func baseDue(
    _ duration: ClockDuration, from start: Date, calendar: WorkingCalendar
  ) throws(CalendarError) -> Date {
    do {
      switch duration {
      case .workingDays(let n): return try calendar.deadline(from: start, workingDays: n)
      case .minutes(let m): return try WorkingCalendar.deadline(from: start, minutes: m)
      case .calendarDays(let n):
        guard n >= 0 else { throw CalendarError.negativeDuration }
        guard n <= WorkingCalendar.maxWorkingDays else { throw CalendarError.durationTooLong(n) }
        return BusinessTime.startOfDay(BusinessTime.civilDate(of: start).adding(days: n + 1))
      case .endOfStartDay:
        return BusinessTime.startOfDay(BusinessTime.civilDate(of: start).adding(days: 1))
      }
    } catch let error as CalendarError {
      throw error
    } catch {
      preconditionFailure("WorkingCalendar throws only CalendarError")
    }
  }

  /// Clock time between two instants: working seconds or elapsed seconds.
  public static func measure(
    from start: Date, to end: Date, workingTime: Bool, calendar: WorkingCalendar
  ) throws(CalendarError) -> TimeInterval {
    guard end > start else { return 0 }
    guard workingTime else { return end.timeIntervalSince(start) }
    do { return try calendar.workingSeconds(from: start, to: end) } catch let e as CalendarError {
      throw e
    } catch { preconditionFailure("WorkingCalendar throws only CalendarError") }
  }

  /// The instant `seconds` of clock time after `start`.
  public static func advance(
    _ start: Date, by seconds: TimeInterval, workingTime: Bool, calendar: WorkingCalendar
  ) throws(CalendarError) -> Date {
    guard seconds > 0 else { return start }
    guard workingTime else { return start.addingTimeInterval(seconds) }
    var remaining = seconds
    var cursor = start
    var day = BusinessTime.civilDate(of: start)
    for _ in 0..<(WorkingCalendar.maxWorkingDays * 3) {
      let dayEnd = BusinessTime.startOfDay(day.adding(days: 1))
      if try isWorking(day, calendar) {
        let available = dayEnd.timeIntervalSince(cursor)
        if remaining <= available { return cursor.addingTimeInterval(remaining) }
        remaining -= available
      }
      cursor = dayEnd
      day = day.adding(days: 1)
    }
    throw .durationTooLong(Int(seconds / 86_400))
  }

  static func isWorking(_ day: CivilDate, _ calendar: WorkingCalendar) throws(CalendarError) -> Bool {
    do { return try calendar.isWorkingDay(day) } catch let e as CalendarError { throw e } catch {
      preconditionFailure("WorkingCalendar throws only CalendarError")
    }
  }
}
