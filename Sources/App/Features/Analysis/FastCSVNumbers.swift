import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Number conversion of `FastCSV`: the exact decimal fast path and `strtod` for the rest.
extension FastCSV {
  static func isMissingToken(_ t: String) -> Bool {
    switch t.lowercased() {
    case "", "na", "nan", "n/a", "null", "#n/a": return true
    default: return false
    }
  }

  static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

  /// Parses the number in `buf[start..<end]` (surrounding spaces allowed). Missing tokens give
  /// `nil`; other text is an error naming the line and column.
  @inline(__always)
  static func number(
    _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, line: Int, column: String, source: String
  ) throws -> Double? {
    var s = start, e = end
    while s < e, buf[s] == 0x20 || buf[s] == 0x09 { s += 1 }
    while e > s, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 { e -= 1 }
    if s == e { return nil }
    // Fast path: [-+]digits[.digits]
    var i = s
    var negative = false
    if buf[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if buf[i] == UInt8(ascii: "+") { i += 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var sawDigit = false
    while i < e, buf[i] >= 0x30, buf[i] <= 0x39 {
      mantissa = mantissa &* 10 &+ UInt64(buf[i] - 0x30)
      digits += 1
      sawDigit = true
      i += 1
    }
    if i < e, buf[i] == UInt8(ascii: ".") {
      i += 1
      while i < e, buf[i] >= 0x30, buf[i] <= 0x39 {
        mantissa = mantissa &* 10 &+ UInt64(buf[i] - 0x30)
        digits += 1
        fraction += 1
        sawDigit = true
        i += 1
      }
    }
    if i == e, sawDigit, digits <= 15, fraction <= 22 {
      // digits <= 15 guarantees mantissa < 2^53, so both operands are exact.
      let v = Double(mantissa) / powersOfTen[fraction]
      return negative ? -v : v
    }
    return try slowNumber(buf, s, e, line: line, column: column, source: source)
  }

  static func slowNumber(
    _ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, line: Int, column: String, source: String
  ) throws -> Double? {
    let text = String(decoding: UnsafeBufferPointer(rebasing: buf[s..<e]), as: UTF8.self)
    if isMissingToken(text) { return nil }
    let lowered = text.lowercased()
    let looksNumeric = !text.isEmpty && !lowered.contains("x") && !lowered.contains("inf") && !lowered.contains("nan")
    if looksNumeric {
      var cstr = Array(text.utf8CString)
      let value: Double? = cstr.withUnsafeMutableBufferPointer { p in
        var endPtr: UnsafeMutablePointer<CChar>? = nil
        guard let base = p.baseAddress else { return nil }
        let v = strtod(base, &endPtr)
        guard let endPtr, endPtr - base == p.count - 1 else { return nil }
        return v
      }
      if let value {
        guard value.isFinite else {
          throw AnalysisFailure("analysis.fail.number_range", source, String(line), column, text)
        }
        return value
      }
    }
    throw AnalysisFailure("analysis.fail.not_a_number", source, String(line), column, text)
  }
}
