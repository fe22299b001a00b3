/// The 95598 work-order vocabulary (WO-TYPES, WO-SERVICE-KINDS, WO-CHANNELS, WO-AREAS,
/// WO-INTAKE-ATTITUDE-SEVERITY). Raw values are stable codes stored in the database and exchanged
/// with other systems: never rename a case's code.

/// What the customer asked for.
public enum OrderType: String, Codable, Sendable, CaseIterable {
  case faultRepair  // 故障报修
  case complaint  // 投诉
  case report  // 举报 (misconduct; reporter identity is confidential)
  case opinion  // 意见
  case suggestion  // 建议
  case consultation  // 咨询
  case query  // 查询
  case praise  // 表扬
  case serviceRequest  // 服务申请

  public var chineseName: String {
    switch self {
    case .faultRepair: "故障报修"
    case .complaint: "投诉"
    case .report: "举报"
    case .opinion: "意见"
    case .suggestion: "建议"
    case .consultation: "咨询"
    case .query: "查询"
    case .praise: "表扬"
    case .serviceRequest: "服务申请"
    }
  }
}

/// Sub-types of 服务申请, each with its own completion limit (WO-SERVICE-KINDS).
public enum ServiceRequestKind: String, Codable, Sendable, CaseIterable {
  case arrearsReconnection  // 欠费复电
  case applianceDamage  // 家电损坏
  case meterAnomaly  // 电能表异常
  case meterReadingAnomaly  // 抄表数据异常
  case other
}

/// Where the request came in. 12398 (energy regulator) and 12345 (government) carry their own
/// limits (WO-CHANNELS, WO-CLOCK-REPLY).
public enum Channel: String, Codable, Sendable, CaseIterable {
  case phone95598
  case web
  case letter
  case visit
  case hotline12398
  case hotline12345
  case other
}

/// Area class of the supply address; repair limits differ by it (WO-AREAS).
public enum AreaClass: String, Codable, Sendable, CaseIterable {
  case urban  // 城区
  case rural  // 农村
  case remote  // 特殊边远
}

/// The customer's state recorded at intake so the handler can prepare
/// (WO-INTAKE-ATTITUDE-SEVERITY).
public enum CustomerAttitude: String, Codable, Sendable, CaseIterable {
  case calm
  case agitated  // 情绪激动
  case determined  // 态度坚决、明确要投诉
}

/// Severity of a complaint event; serious and major ones are reported to Marketing the same day
/// (WO-SAME-DAY-REPORT) and carry their own accountability scales.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
  case general  // 一般
  case serious  // 严重
  case major  // 重大

  var rank: Int {
    switch self {
    case .general: 0
    case .serious: 1
    case .major: 2
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  /// Serious and major events must be reported to Marketing the same day.
  public var requiresSameDayReport: Bool { self != .general }
}

/// The attributes that choose SLA rules for an order (WO-CLOCK-SELECTION).
public struct OrderProfile: Hashable, Codable, Sendable {
  public var type: OrderType
  public var serviceKind: ServiceRequestKind?
  public var channel: Channel
  public var area: AreaClass

  public init(
    type: OrderType, serviceKind: ServiceRequestKind? = nil, channel: Channel = .phone95598,
    area: AreaClass = .urban
  ) {
    self.type = type
    self.serviceKind = serviceKind
    self.channel = channel
    self.area = area
  }
}
