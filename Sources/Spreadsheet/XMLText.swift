import XMLEscaping

/// Excel's own escapes inside cell text, on top of the XML escaping every writer shares (`XMLEscaping`).
enum XMLText {
  /// Escapes like `XMLEscaping.escaped` and also protects literal `_xHHHH_` sequences, which Excel would otherwise decode as an
  /// escaped character inside cell text.
  static func escapedCellText(_ text: String) -> String {
    XMLEscaping.escaped(mayContainExcelEscape(text) ? protectingExcelEscapes(text) : text)
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

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
  }
}
