import Foundation

/// What a connection application asks for (业扩报装, rule COM-APPLICATION).
public enum ApplicationKind: String, Codable, Sendable, CaseIterable {
  /// 新装
  case newConnection
  /// 增容
  case capacityIncrease
  /// 变更
  case change
}

/// The survey's voltage classes serve the applications too (rule COM-APPLICATION).
extension VoltageClass {
  public var isHighVoltage: Bool {
    switch self {
    case .v220, .v380: false
    case .kv10, .kv35, .kv110, .kv220: true
    }
  }
}

/// The connection stages an application goes through, in order (rule COM-APPLICATION).
extension CommitmentStage {
  public static let connection: [CommitmentStage] = [
    .acceptance, .siteSurvey, .supplyPlan, .designReview, .intermediateInspection, .completionInspection, .energising,
  ]
}

/// The checks of an application and its stages (rule COM-APPLICATION); each names the field it
/// refuses and the locale key of the reason.
public enum ConnectionApplicationCheck {
  /// The largest capacity accepted (kW): a typo cannot make a 100-GW customer.
  public static let maxCapacityKW = 1_000_000.0

  public struct Problem: Error, Hashable, Sendable {
    public let field: String
    public let key: String
  }

  /// Capacity above 0 and at most the maximum; residential customers on low voltage, high-voltage
  /// classes on 10 kV and above, low-voltage non-residential on 220/380 V.
  public static func check(connectionClass: ConnectionClass, voltage: VoltageClass, capacityKW: Double) -> Problem? {
    guard capacityKW.isFinite, capacityKW > 0, capacityKW <= maxCapacityKW else {
      return Problem(field: "capacityKw", key: "commitments.error.capacity")
    }
    let highClass = connectionClass == .highVoltageSingle || connectionClass == .highVoltageDual
    guard highClass == voltage.isHighVoltage else { return Problem(field: "voltage", key: "commitments.error.voltage_class") }
    return nil
  }

  /// A stage's finish is not before its start, nor either in the future; a stage other than the
  /// acceptance starts no earlier than the acceptance finished.
  public static func check(
    stage: CommitmentStage, start: Date?, finish: Date?, accepted: Date?, now: Date
  ) -> Problem? {
    let latest = now.addingTimeInterval(300)
    if let start, start > latest { return Problem(field: "startedAt", key: "commitments.error.future") }
    if let finish, finish > latest { return Problem(field: "finishedAt", key: "commitments.error.future") }
    if let start, let finish, finish < start { return Problem(field: "finishedAt", key: "commitments.error.finish_before_start") }
    if stage != .acceptance, let accepted, let first = start ?? finish, first < accepted {
      return Problem(field: start == nil ? "finishedAt" : "startedAt", key: "commitments.error.before_acceptance")
    }
    return nil
  }
}
