/// Sheet-name rules Excel enforces when opening a file: a name it rejects makes it "repair" the whole workbook.
enum SheetNames {
  static let maxLength = 31
  private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

  /// Sanitised, unique (case-insensitively, as Excel compares) names, one per input name.
  static func uniqueNames(_ names: [String]) -> [String] {
    var used = Set<String>()
    var result: [String] = []
    for (index, name) in names.enumerated() {
      let base = sanitised(name, fallback: "Sheet\(index + 1)")
      var candidate = base
      var counter = 2
      while used.contains(candidate.lowercased()) {
        let suffix = " (\(counter))"
        candidate = truncated(base, to: maxLength - suffix.utf16.count) + suffix
        counter += 1
      }
      used.insert(candidate.lowercased())
      result.append(candidate)
    }
    return result
  }

  /// Replaces forbidden characters with "_", drops control characters, trims the apostrophes Excel forbids at either
  /// end, and cuts to 31 UTF-16 units (Excel's count) without splitting a character.
  static func sanitised(_ name: String, fallback: String) -> String {
    var cleaned = ""
    for character in name {
      if forbidden.contains(character) {
        cleaned.append("_")
      } else if !character.unicodeScalars.contains(where: {
        $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF
      }) {
        cleaned.append(character)
      }
    }
    cleaned = String(cleaned.drop { $0 == "'" || $0 == " " })
    while cleaned.last == "'" || cleaned.last == " " { cleaned.removeLast() }
    cleaned = truncated(cleaned, to: maxLength)
    while cleaned.last == "'" { cleaned.removeLast() }
    if cleaned.isEmpty || cleaned.lowercased() == "history" { return fallback }
    return cleaned
  }

  /// The longest prefix of whole characters that fits in `limit` UTF-16 units (the unit Excel counts in).
  static func truncated(_ text: String, to limit: Int) -> String {
    var result = ""
    var length = 0
    for character in text {
      length += character.utf16.count
      if length > limit { break }
      result.append(character)
    }
    return result
  }
}
