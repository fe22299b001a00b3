/// The one escaper for the XML Wanjia writes: SVG charts and the parts of an XLSX file.
public enum XMLEscaping {
  /// Escapes markup characters and drops characters XML 1.0 forbids (control characters other than tab, newline and
  /// carriage return, and U+FFFE/U+FFFF): Excel refuses a file with one of them, and a browser stops drawing an SVG.
  /// A carriage return is written as `&#13;` because parsers would otherwise normalise it away; an apostrophe as
  /// `&#39;` so the text is safe in either kind of attribute quote.
  public static func escaped(_ text: String) -> String {
    if !text.unicodeScalars.contains(where: needsWork) { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\r": result += "&#13;"
      case _ where isAllowed(scalar): result.unicodeScalars.append(scalar)
      default: continue
      }
    }
    return result
  }

  /// Whether XML 1.0 allows the character at all.
  public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: true
    case 0..<0x20, 0xFFFE, 0xFFFF: false
    default: true
    }
  }

  private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "&", "<", ">", "\"", "'", "\r": true
    default: !isAllowed(scalar)
    }
  }
}
