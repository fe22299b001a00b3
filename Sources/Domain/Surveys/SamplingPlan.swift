import Foundation

/// How many customers to survey: a fixed count (SV-SAMPLE-SIZE: 1000 per county company) or a share
/// of the population (3 % of a station's customers).
public enum SampleSize: Codable, Sendable, Equatable {
  case count(Int)
  case fraction(Double)
}

/// How the total is split across customer segments.
public enum Allocation: String, Codable, Sendable, CaseIterable {
  /// By eligible stratum size (largest-remainder rounding), so segments are represented as they are.
  case proportional
  /// Same number per segment, so small segments still yield readable results.
  case equal
}

/// Settings of one survey draw (SV-SAMPLE-STRATA, SV-SAMPLE-SEED: random customers,
/// stratified by segment). Kept with
/// the draw so it can be reproduced from the same roster.
public struct SamplingPlan: Codable, Sendable, Equatable {
  public var size: SampleSize
  public var allocation: Allocation
  /// Reserve customers per stratum = ceil(allocated × fraction), for unreachable or refusing ones.
  public var reserveFraction: Double
  public var seed: UInt64
  /// Customers surveyed in this many calendar months before the draw are left out, to spare them
  /// repeat calls; nil = no exclusion.
  public var excludeSurveyedWithinMonths: Int?
  /// Customers with an open complaint are left out: their view is being handled, not sampled.
  public var excludeOpenComplaints: Bool

  public init(
    size: SampleSize = .count(1000), allocation: Allocation = .proportional, reserveFraction: Double = 0.2,
    seed: UInt64 = 0, excludeSurveyedWithinMonths: Int? = 12, excludeOpenComplaints: Bool = true
  ) {
    self.size = size
    self.allocation = allocation
    self.reserveFraction = reserveFraction
    self.seed = seed
    self.excludeSurveyedWithinMonths = excludeSurveyedWithinMonths
    self.excludeOpenComplaints = excludeOpenComplaints
  }
}

/// One customer of the population the sample is drawn from. Ids are expected to be unique.
public struct SamplingCandidate: Sendable, Equatable {
  public let id: Int64
  public let segment: CustomerSegment
  public let lastSurveyedOn: CivilDate?
  public let hasOpenComplaint: Bool

  public init(id: Int64, segment: CustomerSegment, lastSurveyedOn: CivilDate? = nil, hasOpenComplaint: Bool = false) {
    self.id = id
    self.segment = segment
    self.lastSurveyedOn = lastSurveyedOn
    self.hasOpenComplaint = hasOpenComplaint
  }
}

/// A drawn customer. `designWeight` is the inverse selection probability used when scoring;
/// `reserveRank` is nil for the main sample and 1, 2, … for reserves in call order.
public struct SampledCustomer: Sendable, Equatable, Codable {
  public let id: Int64
  public let segment: CustomerSegment
  public let designWeight: Double
  public let reserveRank: Int?

  public init(id: Int64, segment: CustomerSegment, designWeight: Double, reserveRank: Int?) {
    self.id = id
    self.segment = segment
    self.designWeight = designWeight
    self.reserveRank = reserveRank
  }

  public var isReserve: Bool { reserveRank != nil }
}

/// The arithmetic of one stratum, shown with the draw so the sample can be audited.
public struct StratumReport: Sendable, Equatable, Codable {
  public let segment: CustomerSegment
  public let population: Int
  public let excludedRecentlySurveyed: Int
  public let excludedOpenComplaint: Int
  public let eligible: Int
  public let allocated: Int
  public let drawn: Int
  public let reserve: Int
  public let designWeight: Double

  public init(
    segment: CustomerSegment, population: Int, excludedRecentlySurveyed: Int, excludedOpenComplaint: Int,
    eligible: Int, allocated: Int, drawn: Int, reserve: Int, designWeight: Double
  ) {
    self.segment = segment
    self.population = population
    self.excludedRecentlySurveyed = excludedRecentlySurveyed
    self.excludedOpenComplaint = excludedOpenComplaint
    self.eligible = eligible
    self.allocated = allocated
    self.drawn = drawn
    self.reserve = reserve
    self.designWeight = designWeight
  }
}

/// The result of `Sampler.draw`: customers by segment (main sample before reserves), and one
/// report per segment in `CustomerSegment.allCases` order.
public struct SampleDraw: Sendable, Equatable {
  public let customers: [SampledCustomer]
  public let strata: [StratumReport]

  public init(customers: [SampledCustomer], strata: [StratumReport]) {
    self.customers = customers
    self.strata = strata
  }

  public var mainSample: [SampledCustomer] { customers.filter { !$0.isReserve } }
  public var reserves: [SampledCustomer] { customers.filter(\.isReserve) }
}
