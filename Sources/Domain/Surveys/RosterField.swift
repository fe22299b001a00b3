import Foundation

/// Columns of the unified customer roster (客户资料清单, SV-ROSTER-FORMAT), one row per customer. Raw
/// values are the English column headers; the Chinese headers are accepted too.
public enum RosterField: String, CaseIterable, Sendable {
  case account
  case name
  case phone
  case address
  case unitCode = "unit_code"
  case segment
  case voltageClass = "voltage_class"
  case areaClass = "area_class"

  /// The Chinese column header of the unified format.
  public var headerZh: String {
    switch self {
    case .account: return "户号"
    case .name: return "户名"
    case .phone: return "联系电话"
    case .address: return "用电地址"
    case .unitCode: return "单位编码"
    case .segment: return "客户类别"
    case .voltageClass: return "电压等级"
    case .areaClass: return "区域类别"
    }
  }

  /// Position in `allCases`.
  public var ordinal: Int {
    switch self {
    case .account: return 0
    case .name: return 1
    case .phone: return 2
    case .address: return 3
    case .unitCode: return 4
    case .segment: return 5
    case .voltageClass: return 6
    case .areaClass: return 7
    }
  }

  /// Columns a roster must have and rows must fill; the others only count towards completeness.
  public var isRequired: Bool {
    switch self {
    case .account, .name, .phone, .unitCode, .segment: return true
    case .address, .voltageClass, .areaClass: return false
    }
  }

  /// Recognises a header cell: raw value or Chinese header, trimmed, case-insensitive, with a
  /// UTF-8 byte-order mark (Excel's CSV export) stripped.
  public static func fromHeader(_ header: String) -> RosterField? {
    let cleaned = header.replacingOccurrences(of: "\u{FEFF}", with: "")
      .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    return allCases.first { $0.rawValue == cleaned || $0.headerZh == cleaned }
  }
}

/// Parsers for roster cells, lenient about spacing and case but strict about content. A million
/// rows pass through here per county, so the usual cases (ASCII numbers, exact labels) take byte
/// paths first; the general rules behind them are unchanged.
enum RosterParse {
  /// `trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation's round trip through
  /// NSString: that set is the Unicode White_Space property plus U+200B (checked over all scalars).
  static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return text }
    var start = scalars.startIndex, end = scalars.endIndex
    while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
    while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
    return String(scalars[start..<end])
  }

  /// The Unicode White_Space scalars spelled out (plus U+200B): asking the scalar's properties
  /// costs a table lookup for every Chinese name and address of a million-row roster.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  /// `text.count > limit`, without counting characters when the UTF-8 length already settles it
  /// (a character is at least one byte).
  static func longer(_ text: String, than limit: Int) -> Bool {
    text.utf8.count > limit && text.count > limit
  }

  /// Mainland mobile (1[3-9] + 9 digits) or landline (0 + 2–3 digit area code, optional "-",
  /// 7–8 digits), after removing spaces. Returns the normalised number.
  static func phone(_ text: String) -> String? {
    // Printable ASCII without spaces (the usual cell) has nothing to remove.
    let plain = text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    let compact = plain ? text : String(text.filter { !$0.isWhitespace })
    // Digits in one or two dash-separated parts, each non-empty; only ASCII bytes can qualify.
    var digits = 0, dashAt = -1, length = 0
    for byte in compact.utf8 {
      if byte == UInt8(ascii: "-") {
        guard dashAt < 0, length > 0 else { return nil }
        dashAt = length
      } else if (0x30...0x39).contains(byte) {
        digits += 1
      } else {
        return nil
      }
      length += 1
    }
    guard digits > 0 else { return nil }
    let bytes = compact.utf8
    if dashAt < 0 {
      let second = bytes.dropFirst().first
      if length == 11, bytes.first == UInt8(ascii: "1"), let second, (0x33...0x39).contains(second) { return compact }
      return bytes.first == UInt8(ascii: "0") && (10...12).contains(length) ? compact : nil
    }
    let (area, number) = (dashAt, length - dashAt - 1)
    guard number > 0, bytes.first == UInt8(ascii: "0"), (3...4).contains(area), (7...8).contains(number) else {
      return nil
    }
    return compact
  }

  /// Letters, digits and "-" only (ASCII: account numbers are machine identifiers).
  static func isAccount(_ text: String) -> Bool {
    text.utf8.allSatisfy { byte in
      (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
    }
  }

  static func segment(_ text: String) -> CustomerSegment? {
    if let exact = CustomerSegment.allCases.first(where: { $0.labelZh == text || $0.rawValue == text }) { return exact }
    let key = text.lowercased()
    return CustomerSegment.allCases.first { $0.rawValue.lowercased() == key || $0.labelZh == text }
  }

  /// Raw value in any case ("10KV"), inner spaces ignored, and "0.22kV"/"0.38kV" for low voltage.
  static func voltageClass(_ text: String) -> VoltageClass? {
    if let exact = VoltageClass(rawValue: text) { return exact }
    let key = text.filter { !$0.isWhitespace }.lowercased()
    switch key {
    case "0.22kv": return .v220
    case "0.38kv": return .v380
    default: return VoltageClass.allCases.first { $0.rawValue.lowercased() == key }
    }
  }

  static func areaClass(_ text: String) -> AreaClass? {
    switch text {
    case "城区": return .urban
    case "农村": return .rural
    case "特殊边远": return .remote
    default: return AreaClass.allCases.first { $0.rawValue == text.lowercased() }
    }
  }
}
