/// Escaping for the XML we write. Excel refuses a file with one illegal character in it, so everything user-supplied
/// goes through `escaped`.
enum XMLText {
  /// Escapes markup characters and drops characters XML 1.0 forbids (control characters other than tab, newline and
  /// carriage return, and U+FFFE/U+FFFF). A carriage return is written as `&#13;` because parsers would otherwise
  /// normalise it away.
  static func escaped(_ text: String) -> String {
    if !text.unicodeScalars.contains(where: needsWork) { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\r": result += "&#13;"
      case _ where isAllowed(scalar): result.unicodeScalars.append(scalar)
      default: continue
      }
    }
    return result
  }

  /// Escapes like `escaped` and also protects literal `_xHHHH_` sequences, which Excel would otherwise decode as an
  /// escaped character inside cell text.
  static func escapedCellText(_ text: String) -> String {
    escaped(mayContainExcelEscape(text) ? protectingExcelEscapes(text) : text)
  }

  /// Decodes Excel's `_xHHHH_` escapes (used for control characters such as `_x000D_`); `_x005F_` is a literal `_`.
  static func decodingExcelEscapes(_ text: String) -> String {
    guard mayContainExcelEscape(text) else { return text }
    var result = ""
    var rest = Substring(text)
    while let range = rest.range(of: "_x") {
      result += rest[..<range.lowerBound]
      let tail = rest[range.upperBound...]
      if let (scalar, after) = excelEscape(at: tail) {
        result.unicodeScalars.append(scalar)
        rest = after
      } else {
        result += "_x"
        rest = tail
      }
    }
    return result + rest
  }

  /// Whether a string needs `xml:space="preserve"` so that readers keep its leading or trailing whitespace.
  static func needsPreserve(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
    return isSpace(first) || isSpace(last)
  }

  /// Whether `text` contains "_x"; a plain UTF-8 scan, because Foundation's `contains` is slow on every cell.
  private static func mayContainExcelEscape(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if previous == UInt8(ascii: "_") && byte == UInt8(ascii: "x") { return true }
      previous = byte
    }
    return false
  }

  private static func protectingExcelEscapes(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let range = rest.range(of: "_x") {
      result += rest[..<range.lowerBound]
      let tail = rest[range.upperBound...]
      result += excelEscape(at: tail) == nil ? "_x" : "_x005F_x"
      rest = tail
    }
    return result + rest
  }

  /// Parses `HHHH_` at the start of `tail`, returning the scalar and the remainder after the closing underscore.
  private static func excelEscape(at tail: Substring) -> (Unicode.Scalar, Substring)? {
    let hex = tail.prefix(5)
    guard hex.count == 5, hex.last == "_", hex.dropLast().allSatisfy(\.isHexDigit),
      let value = UInt32(hex.dropLast(), radix: 16),
      let scalar = Unicode.Scalar(value)
    else { return nil }
    return (scalar, tail.dropFirst(5))
  }

  private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "&", "<", ">", "\"", "\r": return true
    default: return !isAllowed(scalar)
    }
  }

  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: return true
    case 0..<0x20, 0xFFFE, 0xFFFF: return false
    default: return true
    }
  }

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
  }
}
