import Foundation

/// Whether a unit's supply area counts as urban or rural for DL/T 836 (targets differ).
public enum SupplyArea: String, Codable, Sendable, CaseIterable {
  case urban
  case rural
}

/// One supply interruption as the reliability indices see it: whichever record it came from (an
/// outage in the register, or a row of imported history), it is a unit, a type, a start, an end
/// and a number of customers interrupted.
public struct Interruption: Hashable, Sendable {
  public var unitID: UUID
  public var type: OutageType
  public var start: Date
  public var end: Date
  public var customers: Int

  public init(unitID: UUID, type: OutageType, start: Date, end: Date, customers: Int) {
    self.unitID = unitID
    self.type = type
    self.start = start
    self.end = end
    self.customers = customers
  }

  /// Duration in minutes (never negative).
  public var minutes: Double { max(0, end.timeIntervalSince(start) / 60) }
}
