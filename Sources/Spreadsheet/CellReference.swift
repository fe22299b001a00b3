/// A1-style references, in both directions.
enum CellReference {
  /// Excel's grid limits; anything beyond is rejected by Excel and treated as corrupt here.
  static let maxRows = 1_048_576
  static let maxColumns = 16_384

  /// Column letters for a 0-based column index: 0 → "A", 26 → "AA".
  static func columnName(_ index: Int) -> String {
    var number = index + 1
    var letters: [Character] = []
    while number > 0 {
      let remainder = (number - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
      number = (number - 1) / 26
    }
    return String(letters.reversed())
  }

  /// 0-based column index of a reference such as "C7" or "$AB$12"; nil if it has no valid column part.
  static func columnIndex(of reference: String) -> Int? {
    var value = 0
    var sawLetter = false
    for byte in reference.utf8 {
      switch byte {
      case UInt8(ascii: "$") where !sawLetter: continue
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = value * 26 + Int(byte - 64)
      case UInt8(ascii: "a")...UInt8(ascii: "z"): value = value * 26 + Int(byte - 96)
      default:
        return sawLetter && value <= maxColumns ? value - 1 : nil
      }
      sawLetter = true
      if value > maxColumns { return nil }
    }
    return sawLetter ? value - 1 : nil
  }
}
