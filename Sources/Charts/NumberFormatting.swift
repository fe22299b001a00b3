import Foundation

/// Coordinates for SVG attributes: at most two decimals, never an exponent, never NaN.
enum SVGNumber {
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let clamped = min(max(value, -1e9), 1e9)
    return FixedDecimal.format(clamped, decimals: 2, trimZeros: true)
  }
}

enum FixedDecimal {
  /// Locale-free fixed-point formatting; avoids `String(format:)` locale surprises.
  static func format(_ value: Double, decimals: Int, trimZeros: Bool = false) -> String {
    guard value.isFinite else { return "" }
    // Steps finer than 1e-6 (tiny-valued axes) only read well in scientific notation.
    if decimals > 6 { return value == 0 ? "0" : String(format: "%.2e", value) }
    let places = max(decimals, 0)
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * Double(scale)).rounded()
    // Beyond ~9e15 Int64 loses exactness; scientific notation is honest for such values.
    guard scaled < 9e15 else { return String(format: "%.\(max(places, 2))e", value) }
    let units = Int64(scaled)
    let sign = (value < 0 && units != 0) ? "-" : ""
    let whole = units / scale
    guard places > 0 else { return sign + String(whole) }
    var fraction = String(units % scale)
    fraction = String(repeating: "0", count: places - fraction.count) + fraction
    if trimZeros {
      while fraction.hasSuffix("0") { fraction.removeLast() }
      if fraction.isEmpty { return sign + String(whole) }
    }
    return "\(sign)\(whole).\(fraction)"
  }
}

/// How data values are shown in labels, e.g. `ValueFormat(decimals: 1, suffix: "%")`.
public struct ValueFormat: Sendable, Equatable {
  public var decimals: Int
  public var prefix: String
  public var suffix: String

  public init(decimals: Int = 1, prefix: String = "", suffix: String = "") {
    self.decimals = min(max(decimals, 0), 6)
    self.prefix = prefix
    self.suffix = suffix
  }

  public static let integer = ValueFormat(decimals: 0)
  public static let oneDecimal = ValueFormat(decimals: 1)
  public static let twoDecimals = ValueFormat(decimals: 2)

  public func string(_ value: Double) -> String {
    prefix + FixedDecimal.format(value, decimals: decimals) + suffix
  }

  /// Same prefix/suffix but the decimals an axis step needs.
  func withDecimals(_ decimals: Int) -> ValueFormat {
    var format = self
    format.decimals = max(decimals, 0)  // may exceed 6: FixedDecimal then switches to scientific
    return format
  }
}
