import Foundation

/// Monthly performance pay as HR enters it (ACC-PAY).
public enum PayRules {
  /// A month's performance pay above this is a typing error, not pay: ¥100,000.
  public static let maxMonthlyFen = 10_000_000

  public enum Problem: String, Error, Sendable {
    case notANumber = "not_a_number"
    case negative
    case tooLarge = "too_large"
  }

  /// Yuan as typed ("3500", "3500.5", "3,500.50") to fen; at most two decimals.
  public static func fen(fromYuan text: String) -> Result<Int, Problem> {
    let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
    if cleaned.hasPrefix("-") { return .failure(.negative) }
    let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
    guard !cleaned.isEmpty, parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 9,
      whole.allSatisfy({ $0.isASCII && $0.isNumber }), let yuan = Int(whole)
    else { return .failure(.notANumber) }
    var cents = 0
    if parts.count == 2 {
      let fraction = parts[1]
      guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(fraction) else {
        return .failure(.notANumber)
      }
      cents = fraction.count == 1 ? value * 10 : value
    }
    let fen = yuan * 100 + cents
    return fen > maxMonthlyFen ? .failure(.tooLarge) : .success(fen)
  }

  /// A fen amount sent as a number.
  public static func check(fen: Int) -> Problem? {
    if fen < 0 { return .negative }
    if fen > maxMonthlyFen { return .tooLarge }
    return nil
  }
}
