import Foundation
import Testing

@testable import Domain

@Suite("Survey sampling")
struct SamplerTests {
  static let asOf = civil(year: 2026, month: 7, day: 15)

  static func allocated(_ draw: SampleDraw) -> [Int] { draw.strata.map(\.allocated) }

  @Test("Rule SV-SAMPLE-SIZE: plan defaults: 1000 customers, proportional, 20 % reserve, 12-month and complaint exclusion")
  func defaults() {
    let plan = SamplingPlan(seed: 1)
    #expect(plan.size == .count(1000))
    #expect(plan.allocation == .proportional)
    #expect(plan.reserveFraction == 0.2)
    #expect(plan.excludeSurveyedWithinMonths == 12)
    #expect(plan.excludeOpenComplaints)
  }

  @Test("Rule SV-SAMPLE-STRATA: proportional allocation 600/300/80/20 with 100 → 60/30/8/2, reserves, weight 10")
  func proportional() {
    // Act
    let plan = SamplingPlan(size: .count(100), seed: 7)
    let draw = Sampler.draw(SamplingFixtures.population([600, 300, 80, 20]), plan: plan, asOf: Self.asOf)
    // Check: quotas 100 × 600/1000 = 60, 30, 8, 2 (exact).
    #expect(Self.allocated(draw) == [60, 30, 8, 2])
    #expect(draw.strata.map(\.drawn) == [60, 30, 8, 2])
    // Reserves ceil(0.2 × n): 12, 6, ceil(1.6) = 2, ceil(0.4) = 1.
    #expect(draw.strata.map(\.reserve) == [12, 6, 2, 1])
    // Weights eligible/drawn: 600/60 = 300/30 = 80/8 = 20/2 = 10.
    #expect(draw.strata.map(\.designWeight) == [10, 10, 10, 10])
    #expect(draw.customers.allSatisfy { $0.designWeight == 10 })
    #expect(draw.mainSample.count == 100)
    #expect(draw.reserves.count == 21)
  }

  @Test(
    "Rule SV-SAMPLE-STRATA: largest-remainder and equal allocation, capped strata redistributed",
    arguments: [
      // 7 × 50/30/20 / 100 = 3.5, 2.1, 1.4 → floors 3/2/1, the one left to .5 → 4/2/1.
      ([50, 30, 20, 0], 7, Allocation.proportional, [4, 2, 1, 0]),
      // 2 × 1/3 each, equal remainders: ties to the earlier segment; no eligible → 0.
      ([1, 1, 1, 0], 2, .proportional, [1, 1, 0, 0]),
      // 100 / 4 = 25 each; other has 20 → 80 over 3 = 26 r 2 → 27, 27, 26 (largest first).
      ([600, 300, 80, 20], 100, .equal, [27, 27, 26, 20]),
      // 25 each; industrial 10 and other 5 capped → 85 over 2 = 43/42; commercial capped at 30 → 55.
      ([500, 30, 10, 5], 100, .equal, [55, 30, 10, 5]),
      // 10 / 3 strata = 3 r 1 → the largest stratum gets the extra one.
      ([5, 9, 7, 0], 10, .equal, [3, 4, 3, 0]),
      // Count above the eligible total: everyone.
      ([3, 2, 0, 1], 1000, .proportional, [3, 2, 0, 1]),
    ])
  func allocation(sizes: [Int], total: Int, method: Allocation, expected: [Int]) {
    let plan = SamplingPlan(size: .count(total), allocation: method, seed: 3)
    let draw = Sampler.draw(SamplingFixtures.population(sizes), plan: plan, asOf: Self.asOf)
    #expect(Self.allocated(draw) == expected)
    #expect(draw.strata.map(\.eligible) == sizes)
  }

  @Test("Rule SV-SAMPLE-STRATA: equal allocation weights and reserves: 27/27/26/20 of 600/300/80/20")
  func equalWeights() {
    let plan = SamplingPlan(size: .count(100), allocation: .equal, seed: 3)
    let draw = Sampler.draw(SamplingFixtures.population([600, 300, 80, 20]), plan: plan, asOf: Self.asOf)
    // 600/27, 300/27, 80/26, 20/20.
    let expected: [Double] = [600.0 / 27, 300.0 / 27, 80.0 / 26, 1]
    #expect(draw.strata.map(\.designWeight) == expected)
    // ceil(5.4) = 6, 6, ceil(5.2) = 6, ceil(4) = 4 but nobody is left in "other" → 0.
    #expect(draw.strata.map(\.reserve) == [6, 6, 6, 0])
  }

  @Test(
    "Rule SV-SAMPLE-SIZE: fraction total = round-half-up(fraction × population before exclusion)",
    arguments: [
      (0.03, 15_000, 450),  // the 3 % example
      (0.015, 100, 2),  // 1.5 rounds up
      (0.025, 100, 3),  // 2.5 rounds up
      (0.024, 100, 2),  // 2.4 rounds down
      (0.0, 100, 0),
    ])
  func fraction(fraction: Double, population: Int, expected: Int) {
    #expect(Sampler.targetTotal(.fraction(fraction), population: population, eligible: population) == expected)
  }

  @Test("Rule SV-SAMPLE-SIZE: 3 % of 15,000 customers draws 450, split 360/60/24/6")
  func threePercent() {
    let plan = SamplingPlan(size: .fraction(0.03), seed: 11)
    let draw = Sampler.draw(SamplingFixtures.population([12_000, 2_000, 800, 200]), plan: plan, asOf: Self.asOf)
    // 450 × 12000/15000 = 360, × 2000/15000 = 60, 24, 6.
    #expect(Self.allocated(draw) == [360, 60, 24, 6])
    #expect(draw.mainSample.count == 450)
  }

  @Test("Rule SV-SAMPLE-SIZE: the fraction applies to the population before exclusion, capped by the eligible")
  func fractionBeforeExclusion() {
    // Setup: 100 residential, 10 of them with an open complaint.
    let candidates = SamplingFixtures.population([100]).enumerated().map { index, c in
      SamplingCandidate(id: c.id, segment: c.segment, lastSurveyedOn: nil, hasOpenComplaint: index < 10)
    }
    // 10 % of 100 = 10 (not 10 % of 90 = 9).
    let tenth = Sampler.draw(candidates, plan: SamplingPlan(size: .fraction(0.1), seed: 1), asOf: Self.asOf)
    #expect(tenth.strata[0].allocated == 10)
    // 100 % of 100 = 100, capped at the 90 eligible; no one is left for reserve.
    let all = Sampler.draw(candidates, plan: SamplingPlan(size: .fraction(1), seed: 1), asOf: Self.asOf)
    #expect(all.strata[0].allocated == 90)
    #expect(all.strata[0].reserve == 0)
    #expect(all.strata[0].designWeight == 1)
  }

  @Test("Rule SV-SAMPLE-EXCLUSIONS: recently surveyed (on or after asOf − 12 months) and open complaints are excluded, each once")
  func exclusions() {
    // Setup: asOf 2026-07-15, cutoff 2025-07-15.
    func c(_ id: Int64, _ segment: CustomerSegment, _ iso: String?, _ complaint: Bool) -> SamplingCandidate {
      let last = iso.flatMap(CivilDate.init(iso:))
      return SamplingCandidate(id: id, segment: segment, lastSurveyedOn: last, hasOpenComplaint: complaint)
    }
    let candidates = [
      c(1, .commercial, "2025-07-15", false),  // recent: on the cutoff
      c(2, .commercial, "2025-07-14", false),  // eligible: the day before
      c(3, .commercial, "2026-07-15", true),  // both reasons: counted as recent only
      c(4, .commercial, nil, true),  // open complaint
      c(5, .commercial, "2024-01-01", false),  // eligible
      c(6, .industrial, "2026-01-01", false),  // recent
    ]
    // Act
    let draw = Sampler.draw(candidates, plan: SamplingPlan(size: .count(10), seed: 5), asOf: Self.asOf)
    // Check
    let commercial = draw.strata[1]
    #expect(commercial.population == 5)
    #expect(commercial.excludedRecentlySurveyed == 2)
    #expect(commercial.excludedOpenComplaint == 1)
    #expect(commercial.eligible == 2)
    #expect(Set(draw.customers.map(\.id)) == [2, 5])
    // Industrial has nobody eligible: reported with allocated 0 and weight 0.
    #expect(
      draw.strata[2]
        == StratumReport(
          segment: .industrial, population: 1, excludedRecentlySurveyed: 1, excludedOpenComplaint: 0, eligible: 0,
          allocated: 0, drawn: 0, reserve: 0, designWeight: 0))
    #expect(draw.strata.map(\.segment) == CustomerSegment.allCases)
  }

  @Test("Rule SV-SAMPLE-EXCLUSIONS: exclusions can be switched off")
  func exclusionsOff() {
    let candidates = [
      SamplingCandidate(id: 1, segment: .other, lastSurveyedOn: Self.asOf, hasOpenComplaint: true),
      SamplingCandidate(id: 2, segment: .other, lastSurveyedOn: nil, hasOpenComplaint: true),
    ]
    let plan = SamplingPlan(size: .count(5), seed: 1, excludeSurveyedWithinMonths: nil, excludeOpenComplaints: false)
    let draw = Sampler.draw(candidates, plan: plan, asOf: Self.asOf)
    #expect(draw.strata[3].eligible == 2)
    // Only the complaint rule off: customer 1 is still recent (counted there, not twice).
    let onlyRecent = SamplingPlan(size: .count(5), seed: 1, excludeOpenComplaints: false)
    let second = Sampler.draw(candidates, plan: onlyRecent, asOf: Self.asOf)
    #expect(second.strata[3].excludedRecentlySurveyed == 1)
    #expect(second.strata[3].excludedOpenComplaint == 0)
  }

  @Test(
    "Rule SV-SAMPLE-EXCLUSIONS: 'within N calendar months' starts on the same day N months earlier, clamped to month end",
    arguments: [
      ("2026-07-15", 12, "2025-07-15"),
      ("2026-03-31", 1, "2026-02-28"),
      ("2024-03-31", 1, "2024-02-29"),
      ("2026-01-10", 3, "2025-10-10"),
      ("2026-05-20", 0, "2026-05-20"),
    ])
  func monthArithmetic(asOf: String, months: Int, cutoff: String) {
    #expect(civil(asOf).subtracting(months: months) == civil(cutoff))
  }
}
