import Foundation

/// How far ahead an outage must be announced to its customers, rule OUT-NOTICE-LIMITS: planned
/// maintenance 7 days, temporary maintenance 24 hours (to important customers), arrears
/// disconnection 7 days. The limits are elapsed time counted back from the start (CAL-ZONE,
/// CAL-DEADLINE-ELAPSED): every day counts, holidays and weekends alike, and Beijing time has no
/// daylight saving, so 7 days is the same clock time 7 calendar days earlier.
public struct NoticeLimits: RuleDocument {
  public var plannedDays: Int
  public var temporaryHours: Int
  public var arrearsDays: Int

  public init(plannedDays: Int, temporaryHours: Int, arrearsDays: Int) {
    self.plannedDays = plannedDays
    self.temporaryHours = temporaryHours
    self.arrearsDays = arrearsDays
  }

  /// Rule OUT-NOTICE-LIMITS: 7 days, 24 hours, 7 days.
  public static let `default` = NoticeLimits(plannedDays: 7, temporaryHours: 24, arrearsDays: 7)

  /// Rule OUT-NOTICE-LIMITS: 0–90 days, 0–720 hours.
  public func problem() -> String? {
    if !(0...90).contains(plannedDays) { return "plannedDays" }
    if !(0...720).contains(temporaryHours) { return "temporaryHours" }
    if !(0...90).contains(arrearsDays) { return "arrearsDays" }
    return nil
  }

  /// The notice an outage of this type needs ahead of its start, in seconds; nil when the type
  /// has no advance limit (faults and the others are announced when they are known).
  public func lead(for type: OutageType) -> TimeInterval? {
    switch type {
    case .planned: return TimeInterval(plannedDays) * 86_400
    case .temporary: return TimeInterval(temporaryHours) * 3_600
    case .arrears: return TimeInterval(arrearsDays) * 86_400
    case .fault, .overCapacity, .theft, .violation, .orderlyUse: return nil
    }
  }

  /// Whether the limit of a type applies to a customer: temporary maintenance only to important
  /// customers, the others to everyone.
  public func applies(to type: OutageType, important: Bool) -> Bool {
    guard lead(for: type) != nil else { return false }
    return type != .temporary || important
  }

  /// The latest moment the notice may be given: the start less the lead.
  public func deadline(for type: OutageType, start: Date) -> Date? {
    lead(for: type).map { start.addingTimeInterval(-$0) }
  }

  /// Rule OUT-NOTICE-LIMITS: an outage registered after its notice deadline is a commitment
  /// breach (the notices cannot be in time).
  public func isBreach(type: OutageType, registeredAt: Date, start: Date) -> Bool {
    guard let deadline = deadline(for: type, start: start) else { return false }
    return registeredAt > deadline
  }

  /// Rule OUT-NOTICE-RATE: a customer's notice is in time when given by the deadline of a limit
  /// that applies to the customer; where none applies, any notice is in time.
  public func isInTime(type: OutageType, noticeAt: Date, start: Date, important: Bool) -> Bool {
    guard applies(to: type, important: important), let deadline = deadline(for: type, start: start) else { return true }
    return noticeAt <= deadline
  }
}

/// Rule OUT-NOTICE-RATE: customers notified in time ÷ customers affected (1 when none is
/// affected: nobody was left uninformed).
public func notificationRate(inTime: Int, affected: Int) -> Double {
  guard affected > 0 else { return 1 }
  return Double(inTime) / Double(affected)
}

/// The classes of important customers (重要客户) of the customer file, rule OUT-GRID.
public enum ImportantClass: String, Codable, Sendable, CaseIterable {
  case special  // 特级
  case first  // 一级
  case second  // 二级
  case temporary  // 临时性

  static let chinese: [String: ImportantClass] = ["特级": .special, "一级": .first, "二级": .second, "临时性": .temporary]

  /// The class from the file's code or Chinese name; "" is not important (nil), anything else
  /// unknown is `.failure`.
  public static func parse(_ text: String) -> Result<ImportantClass?, UnknownImportantClass> {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return .success(nil) }
    if let value = ImportantClass(rawValue: trimmed) ?? chinese[trimmed] { return .success(value) }
    return .failure(UnknownImportantClass(text: trimmed))
  }
}

public struct UnknownImportantClass: Error, Equatable, Sendable {
  public let text: String
}

/// Where an outage is in the register, rule OUT-STATES.
public enum OutageState: String, Codable, Sendable, CaseIterable {
  /// Registered ahead of its start and announced to its customers.
  case announced
  /// The supply is off (some customers may already be back, OUT-STEP-RESTORE).
  case active
  case restored
  case cancelled

  /// An outage starting later than its registration is announced; one already under way (a
  /// fault) is active from the start.
  public static func initial(start: Date, registeredAt: Date) -> OutageState {
    start > registeredAt ? .announced : .active
  }

  public var isOpen: Bool { self == .announced || self == .active }
}

/// What people do to an outage, rule OUT-STATES.
public enum OutageAction: String, Codable, Sendable, CaseIterable {
  /// The supply went off (the actual start).
  case start
  /// Part of the customers back earlier (OUT-STEP-RESTORE).
  case stepRestore = "step_restore"
  /// Everyone back: the actual restoration.
  case restore
  /// A later announced restoration (OUT-FOLLOW-UP).
  case delay
  case cancel

  /// The state an action leads to from a state; nil when it is not allowed then.
  public func next(from state: OutageState) -> OutageState? {
    switch (self, state) {
    case (.start, .announced): return .active
    case (.stepRestore, .active): return .active
    case (.restore, .active): return .restored
    case (.delay, .announced), (.delay, .active): return state
    case (.cancel, .announced): return .cancelled
    default: return nil
    }
  }
}

/// The order of an outage's times, rule OUT-REGISTER: restoration after the start.
public enum OutageTimeProblem: Error, Equatable, Sendable {
  case restorationBeforeStart
}

public enum OutageTimes {
  /// An announced or actual restoration must come after the start it restores.
  public static func check(start: Date, restoration: Date) -> OutageTimeProblem? {
    restoration > start ? nil : .restorationBeforeStart
  }
}
