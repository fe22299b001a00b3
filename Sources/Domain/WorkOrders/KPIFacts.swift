import Foundation

/// How a stage ended up for one order: its deadline in force and when it was done.
public struct StageFact: Hashable, Codable, Sendable {
  public var due: Date
  public var completedAt: Date?

  public init(due: Date, completedAt: Date? = nil) {
    self.due = due
    self.completedAt = completedAt
  }

  /// nil while the stage is open and not yet due: it cannot be judged yet.
  public func isTimely(asOf now: Date) -> Bool? {
    if let done = completedAt { return done <= due }
    return now > due ? false : nil
  }
}

/// The plain facts about one order that the KPI calculators read. The app builds them from its
/// tables; the calculators never see the database.
public struct OrderFacts: Hashable, Codable, Sendable {
  public var orderID: UUID
  public var unitID: UUID?
  public var type: OrderType
  public var customerAccount: String?
  /// Complaint classification (taxonomy item code) or another key naming the matter, used to
  /// spot a repeat contact on the same matter.
  public var matterCode: String?
  public var categoryCode: String?
  /// Complaints: verified after investigation (核实属实) and the supply side's responsibility.
  public var verified: Bool
  public var supplyResponsibility: Bool
  public var acceptedAt: Date
  public var closedAt: Date?
  /// Merged into a parent as a duplicate: not counted again.
  public var isMergedDuplicate: Bool
  public var redispatchCount: Int
  public var stages: [StageClock: StageFact]
  /// Deadline for the whole order (the last limit in force), for timely closure.
  public var closureDue: Date?
  public var returnVisitRequired: Bool
  public var returnVisitedAt: Date?
  public var returnVisitSatisfied: Bool?

  public init(
    orderID: UUID, unitID: UUID? = nil, type: OrderType, customerAccount: String? = nil,
    matterCode: String? = nil, categoryCode: String? = nil, verified: Bool = false,
    supplyResponsibility: Bool = false, acceptedAt: Date, closedAt: Date? = nil,
    isMergedDuplicate: Bool = false, redispatchCount: Int = 0, stages: [StageClock: StageFact] = [:],
    closureDue: Date? = nil, returnVisitRequired: Bool = false, returnVisitedAt: Date? = nil,
    returnVisitSatisfied: Bool? = nil
  ) {
    self.orderID = orderID
    self.unitID = unitID
    self.type = type
    self.customerAccount = customerAccount
    self.matterCode = matterCode
    self.categoryCode = categoryCode
    self.verified = verified
    self.supplyResponsibility = supplyResponsibility
    self.acceptedAt = acceptedAt
    self.closedAt = closedAt
    self.isMergedDuplicate = isMergedDuplicate
    self.redispatchCount = redispatchCount
    self.stages = stages
    self.closureDue = closureDue
    self.returnVisitRequired = returnVisitRequired
    self.returnVisitedAt = returnVisitedAt
    self.returnVisitSatisfied = returnVisitSatisfied
  }

  /// WO-VERIFIED-COMPLAINT: a complaint counts in complaint statistics only once verified as the
  /// supply side's responsibility.
  public var countsAsComplaint: Bool { type == .complaint && verified && supplyResponsibility }
}

/// A rate with its parts, so screens can show "45 / 50" and the rate; nil rate for an empty
/// denominator (never NaN).
public struct KPIRate: Hashable, Codable, Sendable {
  public var numerator: Int
  public var denominator: Int

  public init(numerator: Int, denominator: Int) {
    self.numerator = numerator
    self.denominator = denominator
  }

  public var value: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }
}

/// KPI settings, one place for the numbers.
public struct KPISettings: Hashable, Codable, Sendable {
  /// A contact from the same customer on the same matter within this many days after closure
  /// means the first handling did not resolve it.
  public var repeatContactWindowDays: Int
  /// Complaints are expressed per this many customers (万户).
  public var customersPerBase: Int

  public init(repeatContactWindowDays: Int = 30, customersPerBase: Int = 10_000) {
    self.repeatContactWindowDays = repeatContactWindowDays
    self.customersPerBase = customersPerBase
  }

  public static let `default` = KPISettings()
}
