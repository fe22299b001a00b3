import Foundation

/// Business clocks run in Asia/Shanghai (UTC+8, no daylight saving since 1991), whatever the
/// server's own zone is.
public enum BusinessTime {
  public static let zone = TimeZone(identifier: "Asia/Shanghai")!
  static let offsetSeconds = 8 * 3600

  /// The civil day on which an instant falls in Beijing time.
  public static func civilDate(of instant: Date) -> CivilDate {
    // Clamped to ±300,000 years so that no instant (infinite, NaN, absurd) can trap the conversion to Int.
    let seconds = instant.timeIntervalSince1970
    let bounded = seconds.isNaN ? 0 : min(max(seconds, -maxSeconds), maxSeconds)
    let local = Int(floor(bounded)) + offsetSeconds
    let dayNumber = Int(floor(Double(local) / 86_400))
    return CivilDate(dayNumber: dayNumber)
  }

  private static let maxSeconds: Double = 1e13

  /// The day number (days since 1970-01-01, as `CivilDate.dayNumber`) of the civil day on which an
  /// instant falls in Beijing time, without building the date: the reliability indices ask it for
  /// every interruption.
  @inline(__always)
  public static func dayNumber(of instant: Date) -> Int {
    let seconds = instant.timeIntervalSince1970
    let bounded = seconds.isNaN ? 0 : min(max(seconds, -maxSeconds), maxSeconds)
    return Int(floor((bounded + Double(offsetSeconds)) / 86_400))
  }

  /// 00:00 Beijing time at the start of a civil day.
  public static func startOfDay(_ date: CivilDate) -> Date {
    Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 - offsetSeconds))
  }

  /// ISO 8601 with the +08:00 offset, as other systems expect deadlines.
  public static func iso8601(_ instant: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = zone
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: instant)
  }

  /// A date and time typed by a person ("2026-03-12T18:00" from a datetime-local field, or with
  /// seconds), read as Beijing time.
  public static func parseLocal(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    if let full = parseInstant(trimmed), trimmed.contains("Z") || trimmed.contains("+") || CivilDate(iso: trimmed) != nil {
      return full
    }
    let withSeconds = trimmed.count == 16 ? trimmed + ":00" : trimmed
    return parseInstant(withSeconds + "+08:00")
  }

  /// Accepts full ISO 8601 date-times with or without fractional seconds and with any offset, or a
  /// bare date (taken as 00:00 Beijing time).
  public static func parseInstant(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let date = CivilDate(iso: trimmed) { return startOfDay(date) }
    guard fieldsInRange(trimmed) else { return nil }
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    if let d = plain.date(from: trimmed) { return d }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = fractional.date(from: trimmed) { return d }
    // "2026-09-30T10:00+08:00" (no seconds) is common in hand-written requests.
    if let t = trimmed.firstIndex(of: "T") {
      let time = trimmed[trimmed.index(after: t)...]
      if time.count >= 5, time.prefix(5).filter({ $0 == ":" }).count == 1,
        time.dropFirst(5).first.map({ $0 == "Z" || $0 == "+" || $0 == "-" }) == true
      {
        let withSeconds = String(trimmed[...t]) + time.prefix(5) + ":00" + time.dropFirst(5)
        return plain.date(from: withSeconds)
      }
    }
    return nil
  }

  /// ISO8601DateFormatter rolls impossible fields over (02-30 becomes 03-02, 24:30 the next
  /// day): the date and the clock time are checked before it sees them.
  static func fieldsInRange(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard b.count >= 16, CivilDate(iso: String(decoding: b[0..<10], as: UTF8.self)) != nil, b[10] == 0x54, b[13] == 0x3A else {
      return false
    }
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= b.count, b[range].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
      return b[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
    guard let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60 else { return false }
    if b.count > 16, b[16] == 0x3A {
      guard let second = number(17..<19), second < 60 else { return false }
    }
    return true
  }
}
