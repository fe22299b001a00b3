import Foundation

/// The customer classes the connection commitments distinguish (rules COM-CLOCKS, COM-EDITIONS).
public enum ConnectionClass: String, Codable, Sendable, CaseIterable {
  case residential
  case lowVoltageNonResidential
  case highVoltageSingle
  case highVoltageDual
}

/// The steps of a commitment record (a connection application, an arrears disconnection, a meter
/// calibration), each started and finished at an instant the record keeps (rule COM-CLOCKS).
public enum CommitmentStage: String, Codable, Sendable, CaseIterable {
  // A connection application (业扩报装).
  case acceptance, siteSurvey, supplyPlan, designReview, intermediateInspection, completionInspection, energising
  // An arrears disconnection.
  case arrearsNotice, disconnection, payment, reconnection
  // A meter calibration request.
  case calibration
}

/// Where a clock starts or stops: a stage's start or finish, written `supplyPlan.finish`.
public struct CommitmentPoint: Hashable, Sendable, RawRepresentable, Codable, CustomStringConvertible {
  public enum Edge: String, Sendable, CaseIterable {
    case start, finish
  }
  public var stage: CommitmentStage
  public var edge: Edge

  public init(_ stage: CommitmentStage, _ edge: Edge) {
    self.stage = stage
    self.edge = edge
  }

  public init?(rawValue: String) {
    let parts = rawValue.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let stage = CommitmentStage(rawValue: String(parts[0])), let edge = Edge(rawValue: String(parts[1])) else {
      return nil
    }
    self.init(stage, edge)
  }

  public var rawValue: String { "\(stage.rawValue).\(edge.rawValue)" }
  public var description: String { rawValue }
}

/// How long a commitment allows, in the unit the published rule uses.
public struct CommitmentLimit: Hashable, Codable, Sendable {
  public enum Unit: String, Codable, Sendable, CaseIterable {
    /// Ends at 24:00 of the Nth working day after the start day (CAL-DEADLINE-WORKDAYS).
    case workingDays
    /// Elapsed days of 24 hours (CAL-DEADLINE-ELAPSED), as the notice limits count.
    case days
    case hours
  }
  public var value: Int
  public var unit: Unit

  public init(_ value: Int, _ unit: Unit) {
    self.value = value
    self.unit = unit
  }

  /// The work orders' clock arithmetic (ClockMath).
  public var duration: ClockDuration {
    switch unit {
    case .workingDays: .workingDays(value)
    case .days: .minutes(value * 1_440)
    case .hours: .minutes(value * 60)
    }
  }
}

/// One published promise as a clock (rule COM-CLOCKS): from a start point to an end point, within
/// the limit — or, for a notice, at least the limit ahead (`atLeast`).
public struct CommitmentRule: Hashable, Codable, Sendable {
  public enum Sense: String, Codable, Sendable, CaseIterable {
    /// The end comes no later than the limit after the start.
    case within
    /// The end comes no earlier than the limit after the start (a notice served 7 days ahead).
    case atLeast
  }

  /// Stable code, unique in a document (`connection.residential`).
  public var code: String
  /// The name people read (供电方案答复（居民）).
  public var name: String
  public var start: CommitmentPoint
  public var end: CommitmentPoint
  public var limit: CommitmentLimit
  public var sense: Sense
  /// The connection classes it applies to; nil: every record with its start point.
  public var classes: [ConnectionClass]?

  public init(
    code: String, name: String, start: CommitmentPoint, end: CommitmentPoint, limit: CommitmentLimit, sense: Sense = .within,
    classes: [ConnectionClass]? = nil
  ) {
    self.code = code
    self.name = name
    self.start = start
    self.end = end
    self.limit = limit
    self.sense = sense
    self.classes = classes
  }

  public func applies(to connectionClass: ConnectionClass?) -> Bool {
    guard let classes else { return true }
    guard let connectionClass else { return false }
    return classes.contains(connectionClass)
  }
}

/// Who accepts a connection application (rule COM-ACCEPTANCE-LEVEL).
public enum AcceptanceLevel: String, Codable, Sendable, CaseIterable {
  /// 供电所: under the threshold.
  case supplyStation
  /// 客户服务中心, with the departments of the voltage level: at or above it.
  case customerCentre
}

/// An edition of the service commitments as one versioned document (rules COM-EDITIONS,
/// ORG-RULE-VERSIONS).
public struct CommitmentRules: RuleDocument {
  public var edition: String
  /// Applications of this capacity (kW) and above are accepted by the customer centre (50).
  public var customerCentreFromKW: Double
  public var rules: [CommitmentRule]

  public init(edition: String, customerCentreFromKW: Double = 50, rules: [CommitmentRule]) {
    self.edition = edition
    self.customerCentreFromKW = customerCentreFromKW
    self.rules = rules
  }

  /// Rule COM-ACCEPTANCE-LEVEL: under 50 kW the supply station, 50 kW and above the customer centre.
  public func acceptanceLevel(capacityKW: Double) -> AcceptanceLevel {
    capacityKW < customerCentreFromKW ? .supplyStation : .customerCentre
  }

  /// The longest limit accepted: a year.
  public static let maxDays = 366

  /// The first unusable field, as a path (`rules[2].limit.value`); nil if the document is sound.
  public func problem() -> String? {
    if edition.trimmingCharacters(in: .whitespaces).isEmpty || edition.count > 100 { return "edition" }
    if !(customerCentreFromKW > 0 && customerCentreFromKW <= 100_000) { return "customerCentreFromKW" }
    if rules.isEmpty { return "rules" }
    var codes = Set<String>()
    for (index, rule) in rules.enumerated() {
      let path = "rules[\(index)]"
      let code = rule.code.trimmingCharacters(in: .whitespaces)
      if code.isEmpty || code.count > 60 || !codes.insert(code).inserted { return "\(path).code" }
      if rule.name.trimmingCharacters(in: .whitespaces).isEmpty || rule.name.count > 100 { return "\(path).name" }
      if rule.start == rule.end { return "\(path).end" }
      let most = rule.limit.unit == .hours ? Self.maxDays * 24 : Self.maxDays
      if !(0...most).contains(rule.limit.value) { return "\(path).limit.value" }
      if let classes = rule.classes, classes.isEmpty || Set(classes).count != classes.count { return "\(path).classes" }
    }
    return nil
  }
}
