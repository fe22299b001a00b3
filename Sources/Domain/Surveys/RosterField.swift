import Foundation

/// Columns of the unified customer roster (客户资料清单, DOMAIN.md §4), one row per customer. Raw
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

/// Parsers for roster cells, lenient about spacing and case but strict about content.
enum RosterParse {
  /// Mainland mobile (1[3-9] + 9 digits) or landline (0 + 2–3 digit area code, optional "-",
  /// 7–8 digits), after removing spaces. Returns the normalised number.
  static func phone(_ text: String) -> String? {
    let compact = String(text.filter { !$0.isWhitespace })
    let parts = compact.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.allSatisfy(isDigits) else { return nil }
    if parts.count == 1 {
      let second = compact.dropFirst().first
      if compact.count == 11, compact.hasPrefix("1"), let second, ("3"..."9").contains(second) { return compact }
      return compact.hasPrefix("0") && (10...12).contains(compact.count) ? compact : nil
    }
    guard parts.count == 2, parts[0].hasPrefix("0"), (3...4).contains(parts[0].count), (7...8).contains(parts[1].count)
    else { return nil }
    return compact
  }

  /// Letters, digits and "-" only (ASCII: account numbers are machine identifiers).
  static func isAccount(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-")
    }
  }

  static func segment(_ text: String) -> CustomerSegment? {
    let key = text.lowercased()
    return CustomerSegment.allCases.first { $0.rawValue.lowercased() == key || $0.labelZh == text }
  }

  /// Raw value in any case ("10KV"), inner spaces ignored, and "0.22kV"/"0.38kV" for low voltage.
  static func voltageClass(_ text: String) -> VoltageClass? {
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

  private static func isDigits(_ part: Substring) -> Bool {
    !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
