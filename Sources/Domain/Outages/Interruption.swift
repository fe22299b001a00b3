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

  /// What makes two records of different sources the same interruption (rule REL-SOURCES): the
  /// unit, the type, and the start and end to the minute (systems keep times to different
  /// precisions). Two feeders of one unit rarely trip and come back in the same minutes.
  public struct Event: Hashable, Sendable {
    let unitID: UUID
    let type: OutageType
    let startMinute: Int64
    let endMinute: Int64
  }

  public var event: Event {
    func minute(_ date: Date) -> Int64 {
      let value = (date.timeIntervalSince1970 / 60).rounded(.down)
      return value.isFinite && abs(value) < 1e15 ? Int64(value) : 0
    }
    return Event(unitID: unitID, type: type, startMinute: minute(start), endMinute: minute(end))
  }
}
