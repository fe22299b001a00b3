import Foundation
import Testing

@testable import Domain

@Suite("Survey sample draw: reproducibility and structure")
struct SampleDrawTests {
  static let asOf = civil(year: 2026, month: 7, day: 15)
  static let candidates = SamplingFixtures.population([600, 300, 80, 20])
  static let plan = SamplingPlan(size: .count(100), seed: 20_260_715)

  @Test("Rule SV-SAMPLE-SEED: SplitMix64 matches the published reference (seed 0 → 0xE220A8397B1DCDAF)")
  func splitMixReference() {
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test("Rule SV-SAMPLE-SEED: bounded draws stay in range and cover it")
  func boundedDraws() {
    var generator = SplitMix64(seed: 42)
    var seen = Set<Int>()
    for _ in 0..<1000 {
      let value = generator.next(below: 7)
      #expect((0..<7).contains(value))
      seen.insert(value)
    }
    #expect(seen.count == 7)
  }

  @Test("Rule SV-SAMPLE-SEED: same seed and input → identical sample")
  func sameSeed() {
    let first = Sampler.draw(Self.candidates, plan: Self.plan, asOf: Self.asOf)
    let second = Sampler.draw(Self.candidates, plan: Self.plan, asOf: Self.asOf)
    #expect(first == second)
  }

  @Test("Rule SV-SAMPLE-SEED: input order does not matter")
  func inputOrder() {
    var shuffler = SplitMix64(seed: 99)
    let shuffled = Self.candidates.shuffled(using: &shuffler)
    #expect(shuffled != Self.candidates)
    #expect(
      Sampler.draw(shuffled, plan: Self.plan, asOf: Self.asOf)
        == Sampler.draw(Self.candidates.reversed(), plan: Self.plan, asOf: Self.asOf))
  }

  @Test("Rule SV-SAMPLE-SEED: a different seed draws a different sample with the same stratum sizes")
  func differentSeed() {
    var other = Self.plan
    other.seed = 20_260_716
    let first = Sampler.draw(Self.candidates, plan: Self.plan, asOf: Self.asOf)
    let second = Sampler.draw(Self.candidates, plan: other, asOf: Self.asOf)
    #expect(first.customers.map(\.id) != second.customers.map(\.id))
    #expect(first.strata == second.strata)
  }

  @Test("Rule SV-SAMPLE-SEED: a fixed seed always yields these customers (guards cross-version reproducibility)")
  func golden() {
    // Setup: 10 residential (ids 1000…1009), 3 of them drawn, reserve ceil(0.6) = 1.
    let candidates = SamplingFixtures.population([10])
    let draw = Sampler.draw(candidates, plan: SamplingPlan(size: .count(3), seed: 1), asOf: Self.asOf)
    #expect(draw.customers.map(\.id) == GoldenDraw.ids)
    #expect(draw.customers.map(\.reserveRank) == [nil, nil, nil, 1])
  }

  @Test("Rule SV-SAMPLE-RESERVE: output by segment, main sample then reserves 1, 2, … in draw order, no repeats")
  func structure() {
    let draw = Sampler.draw(Self.candidates, plan: Self.plan, asOf: Self.asOf)
    let segmentOrder = draw.customers.map { CustomerSegment.allCases.firstIndex(of: $0.segment) ?? -1 }
    #expect(segmentOrder == segmentOrder.sorted())
    #expect(Set(draw.customers.map(\.id)).count == draw.customers.count)
    let bySegment = Dictionary(grouping: Self.candidates, by: \.segment).mapValues { Set($0.map(\.id)) }
    for report in draw.strata {
      let members = draw.customers.filter { $0.segment == report.segment }
      #expect(members.allSatisfy { bySegment[report.segment]?.contains($0.id) == true })
      #expect(members.prefix(report.drawn).allSatisfy { $0.reserveRank == nil })
      #expect(members.dropFirst(report.drawn).map(\.reserveRank) == (0..<report.reserve).map { Optional($0 + 1) })
      #expect(members.allSatisfy { $0.designWeight == report.designWeight })
    }
  }

  @Test("Rule SV-SAMPLE-RESERVE: reserve sizes are ceil(allocated × fraction), capped by what is left")
  func reserveSizes() {
    #expect(Sampler.reserveSize(main: 60, eligible: 600, fraction: 0.2) == 12)  // 12.0 exactly, not 13
    #expect(Sampler.reserveSize(main: 7, eligible: 600, fraction: 0.2) == 2)  // ceil(1.4)
    #expect(Sampler.reserveSize(main: 7, eligible: 8, fraction: 0.2) == 1)  // only 1 left
    #expect(Sampler.reserveSize(main: 10, eligible: 100, fraction: 0) == 0)
    #expect(Sampler.reserveSize(main: 0, eligible: 100, fraction: 0.2) == 0)
  }

  @Test("Rule SV-SAMPLE-SEED: plans and drawn customers round-trip through JSON")
  func codable() throws {
    let plan = SamplingPlan(size: .fraction(0.03), allocation: .equal, reserveFraction: 0.1, seed: 5)
    #expect(try JSONDecoder().decode(SamplingPlan.self, from: JSONEncoder().encode(plan)) == plan)
    let draw = Sampler.draw(Self.candidates, plan: Self.plan, asOf: Self.asOf)
    let data = try JSONEncoder().encode(draw.customers)
    #expect(try JSONDecoder().decode([SampledCustomer].self, from: data) == draw.customers)
  }
}

/// Computed independently (a Python transcription of SplitMix64, FNV-1a and the partial
/// Fisher–Yates): seed 1 ^ fnv1a("residential"), pool 1000…1009, four draws.
private enum GoldenDraw {
  static let ids: [Int64] = [1005, 1007, 1001, 1004]
}
