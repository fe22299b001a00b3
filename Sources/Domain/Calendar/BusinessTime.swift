import Foundation

/// Business clocks run in Asia/Shanghai (UTC+8, no daylight saving since 1991), whatever the
/// server's own zone is.
public enum BusinessTime {
  public static let zone = TimeZone(identifier: "Asia/Shanghai")!
  static let offsetSeconds = 8 * 3600

  /// The civil day on which an instant falls in Beijing time.
  public static func civilDate(of instant: Date) -> CivilDate {
    let local = Int(floor(instant.timeIntervalSince1970)) + offsetSeconds
    let dayNumber = Int(floor(Double(local) / 86_400))
    return CivilDate(dayNumber: dayNumber)
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
}
