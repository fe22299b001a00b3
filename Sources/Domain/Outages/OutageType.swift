import Foundation

/// The eight kinds of outage information (停送电信息), rule OUT-TYPES in docs/rules/outages.md.
/// Production-type outages come from the grid; marketing-type ones from a customer's account.
/// The raw values are the ones the interruption import and the API use.
public enum OutageType: String, Codable, Sendable, CaseIterable {
  case planned  // 计划停电
  case temporary  // 临时停电
  case fault  // 电网故障停限电
  case overCapacity  // 超电网供电能力停限电 (system supply shortage, excluded from RS-3)
  case theft  // 窃电
  case violation  // 违约用电
  case arrears  // 欠费
  case orderlyUse  // 有序用电

  public enum Category: String, Codable, Sendable, CaseIterable {
    case production
    case marketing
  }

  public var category: Category {
    switch self {
    case .planned, .temporary, .fault, .overCapacity: return .production
    case .theft, .violation, .arrears, .orderlyUse: return .marketing
    }
  }

  /// Limiting for system supply shortage (限电), which DL/T 836's RS-3 leaves out.
  public var isSupplyShortage: Bool { self == .overCapacity }
}
