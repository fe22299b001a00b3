/// Customer segments the yearly survey stratifies by (SV-SEGMENTS: residential, commercial,
/// industrial, other). The raw values are stable storage codes.
public enum CustomerSegment: String, Codable, Sendable, CaseIterable {
  case residential  // 居民
  case commercial  // 商业
  case industrial  // 工业
  case other  // 其他

  /// The Chinese label used in rosters (客户资料清单) and reports.
  public var labelZh: String {
    switch self {
    case .residential: return "居民"
    case .commercial: return "商业"
    case .industrial: return "工业"
    case .other: return "其他"
    }
  }
}

/// Supply voltage of a customer connection, as written in rosters; raw values are the customary
/// labels so imported files and exports read the same.
public enum VoltageClass: String, Codable, Sendable, CaseIterable {
  case v220 = "220V"
  case v380 = "380V"
  case kv10 = "10kV"
  case kv35 = "35kV"
  case kv110 = "110kV"
  case kv220 = "220kV"
}

extension CustomerSegment {
  /// A segment written as its code or its Chinese name (居民, 商业, 工业, 其他), as in rosters and
  /// results files.
  public static func parse(_ text: String) -> CustomerSegment? { RosterParse.segment(text) }
}
