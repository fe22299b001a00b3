import Foundation

/// Numbers in CSV cells, read from the bytes without a `String` on the common path.
public enum CSVNumbers {
  @usableFromInline static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

  /// A decimal number in `b[s..<e]` (already trimmed), or nil when it is not one. `[+-]digits[.digits]`
  /// with at most 15 digits is exact as one division (both operands are exact doubles, so the
  /// result is correctly rounded, as `strtod` gives); anything else (exponents, long mantissas)
  /// goes to `strtod`. Hexadecimal, infinities and NaN spellings are not numbers here.
  @inlinable
  public static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
    guard s < e else { return nil }
    var i = s
    var negative = false
    if b[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    } else if b[i] == UInt8(ascii: "+") {
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    while i < e, b[i] >= 0x30, b[i] <= 0x39 {
      mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30)
      digits += 1
      i += 1
    }
    if i < e, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < e, b[i] >= 0x30, b[i] <= 0x39 {
        mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30)
        digits += 1
        fraction += 1
        i += 1
      }
    }
    if i == e, digits > 0, digits <= 15, fraction <= 22 {
      let v = Double(mantissa) / powersOfTen[fraction]
      return negative ? -v : v
    }
    return slowDecimal(b, s, e)
  }

  @usableFromInline
  static func slowDecimal(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
    let cell = UnsafeBufferPointer(rebasing: b[s..<e])
    // strtod also reads hexadecimal, "inf" and "nan", which are not decimal numbers.
    guard cell.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x45 || $0 == 0x65 })
    else { return nil }
    let text = Array(cell) + [0]
    return text.withUnsafeBufferPointer { p in
      p.withMemoryRebound(to: CChar.self) { c -> Double? in
        guard let base = c.baseAddress else { return nil }
        var stop: UnsafeMutablePointer<CChar>? = nil
        let value = strtod(base, &stop)
        guard let stop, UnsafePointer(stop) == base + cell.count else { return nil }
        return value
      }
    }
  }

  /// `[+-]digits` with at most 9 digits, or nil.
  @inlinable
  public static func integer(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
    guard s < e else { return nil }
    var i = s
    var negative = false
    if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
      negative = b[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < e, e - i <= 9 else { return nil }
    var value = 0
    while i < e {
      guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
      value = value * 10 + Int(b[i] - 0x30)
      i += 1
    }
    return negative ? -value : value
  }

  /// `b[s..<e]` without the spaces and tabs around it.
  @inlinable
  public static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
    var s = s, e = e
    while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
    while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
    return (s, e)
  }
}
