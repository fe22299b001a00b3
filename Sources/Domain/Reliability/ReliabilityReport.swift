import Foundation

/// IEEE 1366 indices over a set of days (rules REL-SAIFI … REL-MAIFI). Per-customer values are
/// per customer served (N_T); durations in minutes; ASAI a fraction.
public struct IEEEIndices: Sendable, Equatable, Codable {
  /// REL-SAIFI: ΣNᵢ / N_T over sustained interruptions.
  public var saifi: Double
  /// REL-SAIDI: Σrᵢ·Nᵢ / N_T, minutes.
  public var saidi: Double
  /// REL-CAIDI: SAIDI / SAIFI, minutes; nil when nothing was interrupted.
  public var caidi: Double?
  /// REL-ASAI: 1 − SAIDI / period minutes.
  public var asai: Double
  /// REL-CAIFI: ΣNᵢ / CN; nil when nothing was interrupted.
  public var caifi: Double?
  /// REL-CTAIDI: Σrᵢ·Nᵢ / CN, minutes; nil when nothing was interrupted.
  public var ctaidi: Double?
  /// REL-MAIFI: ΣN_mi / N_T over momentary interruptions.
  public var maifi: Double
  /// Sustained interruptions (records) and the customer interruptions ΣNᵢ they make.
  public var sustainedInterruptions: Int
  public var customerInterruptions: Int
  /// Σrᵢ·Nᵢ in minutes.
  public var customerMinutes: Double
  /// CN as estimated by REL-CAIFI.
  public var customersInterrupted: Int
  /// Momentary interruptions (records) and ΣN_mi.
  public var momentaryInterruptions: Int
  public var momentaryCustomerInterruptions: Int
}

/// DL/T 836 indices over the period for one set of units (rules REL-RS1, REL-RS3, REL-AIHC).
public struct DLTIndices: Sendable, Equatable, Codable {
  public var customersServed: Int
  /// REL-RS1: 1 − AIHC / period, a fraction.
  public var rs1: Double
  /// REL-RS3: as RS-1 without supply-shortage interruptions.
  public var rs3: Double
  /// REL-AIHC: average customer outage time, minutes per customer.
  public var aihc: Double
  /// REL-AIHC: average customer outage count, interruptions per customer.
  public var aitc: Double
  /// Counted interruptions (records) and their customer interruptions.
  public var interruptions: Int
  public var customerInterruptions: Int
  public var customerMinutes: Double
  /// Customer minutes of the supply-shortage interruptions RS-3 leaves out.
  public var shortageCustomerMinutes: Double
  /// REL-URBAN-RURAL: the target RS-1 of the area (nil for the total) and whether it is met.
  public var target: Double?
  public var meetsTarget: Bool?
}

/// One day of the period: its SAIDI and SAIFI (sustained, IEEE threshold) and whether it is a
/// Major Event Day (REL-MED).
public struct ReliabilityDay: Sendable, Equatable, Codable {
  public var date: CivilDate
  public var saidi: Double
  public var saifi: Double
  /// Sustained interruptions (records) that started on the day.
  public var interruptions: Int
  public var isMajorEvent: Bool
}

/// Everything the indices say about one set of units over one period (REL-…).
public struct ReliabilityReport: Sendable, Equatable, Codable {
  public var from: CivilDate
  public var to: CivilDate
  public var customersServed: Int
  public var periodMinutes: Double
  /// IEEE indices over every day, and without the Major Event Days (REL-MED).
  public var ieee: IEEEIndices
  public var withoutMajorEvents: IEEEIndices
  /// T_MED in minutes (nil: fewer than two days with interruptions in the history, or the method
  /// is off), the history days it was computed from (the days with SAIDI above zero), α and β.
  public var majorEventThreshold: Double?
  public var majorEventHistoryDays: Int
  public var majorEventAlpha: Double?
  public var majorEventBeta: Double?
  public var majorEventDays: [CivilDate]
  /// DL/T 836 over every unit, and for the urban and the rural units (REL-URBAN-RURAL).
  public var dlt: DLTIndices
  public var urban: DLTIndices
  public var rural: DLTIndices
  /// REL-FAULT-RESTORATION: fault interruptions of the period and their mean duration in minutes.
  public var faultInterruptions: Int
  public var averageFaultRestorationMinutes: Double?
  public var daily: [ReliabilityDay]
}
