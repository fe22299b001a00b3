import Domain
import Foundation

/// How times and numbers are shown to people: Beijing time, one rounding rule.
enum DisplayFormat {
  /// A fraction shown as a percentage with one decimal: the one rounding rule for rates.
  static func percent(_ fraction: Double) -> String {
    String(format: "%.1f%%", fraction * 100)
  }

  static func dateTime(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.timeZone = BusinessTime.zone
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
  }
}
