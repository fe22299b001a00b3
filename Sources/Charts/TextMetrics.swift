/// Text width estimates without a font engine: CJK glyphs are about 1 em wide, Latin about 0.6 em.
enum TextMetrics {
  static func width(_ text: String, fontSize: Double) -> Double {
    text.unicodeScalars.reduce(0) { $0 + emWidth($1) } * fontSize
  }

  static func emWidth(_ scalar: Unicode.Scalar) -> Double {
    switch scalar.value {
    case 0x2026, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0x20000...0x3FFFF:
      1.0
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F:
      0  // combining marks and zero-width characters
    case 0x41...0x5A, 0x4D, 0x57, 0x40, 0x25:
      0.68
    case 0x20, 0x2E, 0x2C, 0x3A, 0x3B, 0x69, 0x6C, 0x49, 0x7C, 0x21, 0x27:
      0.3
    default:
      0.58
    }
  }

  static let ellipsis = "…"

  /// Cuts `text` at a character boundary so that it plus "…" fits in `maxWidth`.
  static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    let budget = maxWidth - width(ellipsis, fontSize: fontSize)
    var used = 0.0
    var kept = ""
    for character in text {
      let characterWidth = width(String(character), fontSize: fontSize)
      if used + characterWidth > budget { break }
      used += characterWidth
      kept.append(character)
    }
    return kept + ellipsis
  }
}
