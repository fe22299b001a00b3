import Foundation

/// The thresholds and the Major Event Day method of the reliability indices: data with defaults a
/// company may change, in versions (rules REL-SETTINGS, REL-SUSTAINED-IEEE, REL-SUSTAINED-DLT,
/// REL-MED, REL-URBAN-RURAL).
public struct ReliabilitySettings: RuleDocument {
  /// IEEE 1366: an interruption is sustained when it lasts longer than this (default 5 minutes);
  /// shorter ones are momentary (REL-SUSTAINED-IEEE).
  public var ieeeSustainedMinutes: Double
  /// DL/T 836: an interruption counts when it lasts longer than this (default 3 minutes)
  /// (REL-SUSTAINED-DLT).
  public var dltSustainedMinutes: Double
  /// The multiple of β in T_MED = exp(α + k·β) (default 2.5); nil: no day is a Major Event Day
  /// (REL-MED).
  public var majorEventBeta: Double?
  /// How many years before the period the daily SAIDI history reaches (default 5) (REL-MED).
  public var majorEventHistoryYears: Int
  /// DL/T 836 supply reliability targets (REL-URBAN-RURAL): urban 99.9 %, rural 99.8 %.
  public var urbanTarget: Double
  public var ruralTarget: Double

  public init(
    ieeeSustainedMinutes: Double = 5, dltSustainedMinutes: Double = 3, majorEventBeta: Double? = 2.5,
    majorEventHistoryYears: Int = 5, urbanTarget: Double = 0.999, ruralTarget: Double = 0.998
  ) {
    self.ieeeSustainedMinutes = ieeeSustainedMinutes
    self.dltSustainedMinutes = dltSustainedMinutes
    self.majorEventBeta = majorEventBeta
    self.majorEventHistoryYears = majorEventHistoryYears
    self.urbanTarget = urbanTarget
    self.ruralTarget = ruralTarget
  }

  public static let `default` = ReliabilitySettings()

  /// Rule REL-SETTINGS: thresholds 0–60 minutes, the multiple of β above 0 and at most 10 (or
  /// none), 1–10 years of history, targets above 90 % and at most 100 %.
  public func problem() -> String? {
    let minutes = 0.0...60
    if !minutes.contains(ieeeSustainedMinutes) { return "ieeeSustainedMinutes" }
    if !minutes.contains(dltSustainedMinutes) { return "dltSustainedMinutes" }
    if let k = majorEventBeta, !(k > 0 && k <= 10) { return "majorEventBeta" }
    if !(1...10).contains(majorEventHistoryYears) { return "majorEventHistoryYears" }
    if !(urbanTarget > 0.9 && urbanTarget <= 1) { return "urbanTarget" }
    if !(ruralTarget > 0.9 && ruralTarget <= 1) { return "ruralTarget" }
    return nil
  }

  /// Rule REL-SUSTAINED-IEEE: longer than the threshold (a 5-minute interruption is momentary).
  @inline(__always)
  public func isSustainedIEEE(minutes: Double) -> Bool { minutes > ieeeSustainedMinutes }

  /// Rule REL-SUSTAINED-DLT: longer than the threshold (a 3-minute interruption is not counted).
  @inline(__always)
  public func countsForDLT(minutes: Double) -> Bool { minutes > dltSustainedMinutes }

  public func target(for area: SupplyArea) -> Double {
    switch area {
    case .urban: return urbanTarget
    case .rural: return ruralTarget
    }
  }
}

/// What the indices need of a unit: the customers it serves and its supply area (nil: neither
/// urban nor rural, counted only in the total).
public struct ReliabilityUnit: Sendable, Equatable {
  public var customers: Int
  public var area: SupplyArea?

  public init(customers: Int, area: SupplyArea?) {
    self.customers = customers
    self.area = area
  }
}
