import Domain
import Foundation

/// How times and numbers are shown to people: Beijing time, one rounding rule.
enum DisplayFormat {
  /// A fraction shown as a percentage with one decimal: the one rounding rule for rates.
  static func percent(_ fraction: Double) -> String {
    String(format: "%.1f%%", fraction * 100)
  }

  /// Supply reliability (RS-1, RS-3, ASAI) as a percentage with three decimals: its targets
  /// (99.9 %, 99.8 %) differ in the first.
  static func reliability(_ fraction: Double) -> String {
    String(format: "%.3f%%", fraction * 100)
  }

  /// A per-customer index (SAIFI, SAIDI minutes) with two decimals, or "—" when there is none.
  static func index(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "—" }
    return String(format: "%.2f", value)
  }

  /// A satisfaction score (0–100) shown with two decimals; stored and computed unrounded.
  static func score(_ value: Double) -> String {
    String(format: "%.2f", value)
  }

  /// Beijing time to the minute.
  static func dateTime(_ date: Date) -> String { beijing(date, "yyyy-MM-dd HH:mm") }

  /// Beijing time to the second, for the audit log.
  static func dateTimeSeconds(_ date: Date) -> String { beijing(date, "yyyy-MM-dd HH:mm:ss") }

  /// A customer's phone in a list (rule ORG-MASK-PHONE): "13812345678" → "138****5678"; short
  /// numbers keep only their last two digits.
  static func maskedPhone(_ phone: String) -> String {
    let chars = Array(phone)
    guard chars.count >= 7 else { return String(repeating: "*", count: max(chars.count - 2, 0)) + String(chars.suffix(2)) }
    return String(chars.prefix(3)) + "****" + String(chars.suffix(4))
  }

  private static func beijing(_ date: Date, _ format: String) -> String {
    let formatter = DateFormatter()
    formatter.timeZone = BusinessTime.zone
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = format
    return formatter.string(from: date)
  }
}
