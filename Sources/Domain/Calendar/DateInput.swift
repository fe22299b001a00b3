import Foundation

/// Why typed date text was refused, so a form can say what is wrong: the shape, a month that
/// does not exist, or a day the month does not have.
public enum DateProblem: Error, Hashable, Sendable {
  /// Not YYYY-MM-DD (or YYYY-MM, or YYYY-MM-DDTHH:MM) at all.
  case format
  /// Month outside 01–12.
  case noSuchMonth(Int)
  /// The month has no such day (2026-02-30).
  case noSuchDay(String)
  /// An hour or minute out of range (25:00).
  case noSuchTime
}

extension CivilDate {
  /// Parses `YYYY-MM-DD`, telling a wrong shape from a date that does not exist.
  public static func parse(_ text: String) -> Result<CivilDate, DateProblem> {
    let t = text.trimmingCharacters(in: .whitespaces)
    let parts = t.split(separator: "-", omittingEmptySubsequences: false)
    guard t.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy(\.isASCIIDigits), let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return .failure(.format) }
    guard (1...12).contains(m) else { return .failure(.noSuchMonth(m)) }
    guard let date = CivilDate(year: y, month: m, day: d) else { return .failure(.noSuchDay(t)) }
    return .success(date)
  }

  /// Parses a month `YYYY-MM` (as a month input sends it) to its first day.
  public static func parseMonth(_ text: String) -> Result<CivilDate, DateProblem> {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.count == 7 else { return .failure(.format) }
    return parse(t + "-01")
  }
}

extension BusinessTime {
  /// A date and time typed by a person (a datetime-local field: "2026-03-12T18:00", seconds
  /// optional), read as Beijing time; each part checked so the message can name what is wrong.
  public static func parseLocalChecked(_ text: String) -> Result<Date, DateProblem> {
    let t = text.trimmingCharacters(in: .whitespaces)
    let halves = t.split(separator: "T", omittingEmptySubsequences: false)
    guard halves.count == 2 else { return .failure(.format) }
    let date: CivilDate
    switch CivilDate.parse(String(halves[0])) {
    case .success(let d): date = d
    case .failure(let problem): return .failure(problem)
    }
    let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.isASCIIDigits }),
      let h = Int(clock[0]), let m = Int(clock[1]), let s = clock.count == 3 ? Int(clock[2]) : 0
    else { return .failure(.format) }
    guard (0...23).contains(h), (0...59).contains(m), (0...59).contains(s) else { return .failure(.noSuchTime) }
    return .success(startOfDay(date).addingTimeInterval(TimeInterval(h * 3600 + m * 60 + s)))
  }
}

extension Substring {
  var isASCIIDigits: Bool { !isEmpty && allSatisfy { $0.isASCII && $0.isNumber } }
}
