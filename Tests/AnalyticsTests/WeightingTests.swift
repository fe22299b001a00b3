import Foundation
import Testing

@testable import Analytics

@Suite struct WeightingTests {
  @Test("Rule AN-ENTROPY: entropy weights w_j = (1 − e_j)/Σ(1 − e_k) with min–max normalisation (hand-computed 3×2 case)")
  func entropyWeights() throws {
    // Criterion 1: [1,2,3] → [0, .5, 1] → p = [0, 1/3, 2/3]; e1 = (ln3/3 + (2/3)ln(3/2))/ln3.
    // Criterion 2: [5,5,6] → [0, 0, 1] → p = [0, 0, 1]; e2 = 0, so d2 = 1.
    let e1 = (log(3.0) / 3 + 2.0 / 3 * log(1.5)) / log(3.0)
    let d1 = 1 - e1
    let w = try EntropyWeights.compute([[1, 5], [2, 5], [3, 6]])
    expectClose(w[0], d1 / (d1 + 1), 1e-12, "w1")
    expectClose(w[1], 1 / (d1 + 1), 1e-12, "w2")
    let cost = try EntropyWeights.compute([[3, 5], [2, 5], [1, 6]], directions: [.cost, .benefit])
    expectClose(cost[0], w[0], 1e-12, "cost criterion mirrors benefit")
  }

  @Test("Rule AN-ENTROPY: a constant criterion gets entropy weight 0; all-constant data throws")
  func entropyConstant() throws {
    let w = try EntropyWeights.compute([[1, 7], [2, 7], [4, 7]])
    #expect(w[1] == 0)
    expectClose(w[0], 1, 1e-12, "w1")
    #expect(throws: AnalyticsError.self) { try EntropyWeights.compute([[1, 7], [1, 7]]) }
    #expect(throws: AnalyticsError.self) { try EntropyWeights.compute([[1, .nan], [2, 3]]) }
    #expect(throws: AnalyticsError.self) { try EntropyWeights.compute([[1, 2]]) }
  }

  @Test("Rule AN-COMBINED-WEIGHTS: linear combination α·s + (1−α)·o and multiplicative s·o/Σ(s·o)")
  func combinedWeights() throws {
    let s = [0.5, 0.3, 0.2], o = [0.2, 0.2, 0.6]
    let lin = try CombinedWeights.linear(subjective: s, objective: o, alpha: 0.6)
    for k in 0..<3 { expectClose(lin[k], 0.6 * s[k] + 0.4 * o[k], 1e-12, "linear") }
    let mul = try CombinedWeights.multiplicative(subjective: s, objective: o)
    let products = [0.1, 0.06, 0.12]
    for k in 0..<3 { expectClose(mul[k], products[k] / 0.28, 1e-12, "multiplicative") }
    #expect(throws: AnalyticsError.self) { try CombinedWeights.linear(subjective: s, objective: o, alpha: 1.5) }
    #expect(throws: AnalyticsError.self) { try CombinedWeights.linear(subjective: s, objective: [0.5, 0.5], alpha: 0.5) }
    #expect(throws: AnalyticsError.self) { try CombinedWeights.multiplicative(subjective: [1, 0], objective: [0, 1]) }
    let matrix = try CombinedWeights.judgmentMatrix(mul)
    let back = AHP.analyze(matrix)
    for k in 0..<3 { expectClose(back.weights[k], mul[k], 1e-12, "combined judgment matrix reproduces weights") }
    expectClose(back.consistencyRatio, 0, 1e-10, "combined matrix is consistent")
  }

  @Test(
    "Rule AN-COMBINED-WEIGHTS: combined judgment matrix c_ij = a_ij^α·(o_i/o_j)^(1−α) gives weights ∝ s^α·o^(1−α) for consistent experts")
  func combinedJudgmentMatrix() throws {
    let s = [0.5, 0.3, 0.2], o = [0.2, 0.2, 0.6]
    let expert = try PairwiseComparisonMatrix(consistentWith: s)
    let combined = AHP.analyze(try CombinedWeights.combinedJudgmentMatrix(subjective: expert, objectiveWeights: o, alpha: 0.7))
    let raw = zip(s, o).map { pow($0, 0.7) * pow($1, 0.3) }
    for k in 0..<3 { expectClose(combined.weights[k], raw[k] / raw.reduce(0, +), 1e-10, "combined weight \(k)") }
    let house = try PairwiseComparisonMatrix(Fixtures.saatyHouse)
    let same = try CombinedWeights.combinedJudgmentMatrix(subjective: house, objectiveWeights: Array(repeating: 1, count: 8), alpha: 1)
    #expect(same.values == house.values)
    #expect(throws: AnalyticsError.self) {
      try CombinedWeights.combinedJudgmentMatrix(subjective: expert, objectiveWeights: [0, 0.5, 0.5], alpha: 0.5)
    }
    #expect(throws: AnalyticsError.self) { try CombinedWeights.combinedJudgmentMatrix(subjective: expert, objectiveWeights: o, alpha: -1) }
  }

  @Test("Rule AN-FUZZY: fuzzy evaluation B = w·R and score = B·(100, 80, 60, 40, 0) (hand-computed)")
  func fuzzyEvaluation() throws {
    let r: [[Double]] = [[0.5, 0.3, 0.2, 0, 0], [0.2, 0.4, 0.2, 0.1, 0.1]]
    let result = try FuzzyEvaluation.evaluate(weights: [0.6, 0.4], membership: r)
    let expectedB = [0.38, 0.34, 0.2, 0.04, 0.04]
    for k in 0..<5 { expectClose(result.gradeMembership[k], expectedB[k], 1e-12, "B\(k)") }
    expectClose(result.score, 38 + 27.2 + 12 + 1.6 + 0, 1e-9, "score")
    #expect(result.dominantGrade == 0)
  }

  @Test("Rule AN-FUZZY: membership from responses is the share per grade; bad grades and sizes throw")
  func fuzzyMembership() throws {
    let m = try FuzzyEvaluation.membership(responses: [[0, 0, 1, 4]])
    #expect(m == [[0.5, 0.25, 0, 0, 0.25]])
    #expect(throws: AnalyticsError.self) { try FuzzyEvaluation.membership(responses: [[5]]) }
    #expect(throws: AnalyticsError.self) { try FuzzyEvaluation.membership(responses: [[]]) }
    #expect(throws: AnalyticsError.self) { try FuzzyEvaluation.evaluate(weights: [1], membership: [[1, 0, 0]]) }
    #expect(throws: AnalyticsError.self) { try FuzzyEvaluation.evaluate(weights: [0], membership: [[1, 0, 0, 0, 0]]) }
  }

  @Test("Rule AN-SERVQUAL: SERVQUAL gap = perception − expectation per item, dimension mean of items, weighted overall")
  func servqual() throws {
    let items = [
      ServqualItem(id: "T1", dimension: .tangibles, expectations: [5, 4], perceptions: [4, 4]),  // gap −0.5
      ServqualItem(id: "T2", dimension: .tangibles, expectations: [4, 4], perceptions: [3, 3]),  // gap −1
      ServqualItem(id: "S1", dimension: .safety, expectations: [5], perceptions: [5]),  // gap 0
    ]
    let r = try Servqual.analyze(items)
    expectClose(r.items[0].gap, -0.5, 1e-12, "T1")
    expectClose(try #require(r.dimensions[.tangibles]).gap, -0.75, 1e-12, "tangibles")
    expectClose(try #require(r.dimensions[.safety]).gap, 0, 1e-12, "safety")
    #expect(r.dimensions[.empathy] == nil)
    expectClose(r.overallGap, -0.375, 1e-12, "overall, equal dimension weights")
    let weighted = try Servqual.analyze(items, dimensionWeights: [.tangibles: 3, .safety: 1])
    expectClose(weighted.overallGap, -0.5625, 1e-12, "overall, weighted")
    #expect(ServqualDimension.allCases.count == 6)
    #expect(ServqualDimension.empathy.chineseLabel == "移情性")
    #expect(throws: AnalyticsError.self) { try Servqual.analyze([]) }
    #expect(throws: AnalyticsError.self) {
      try Servqual.analyze([ServqualItem(id: "x", dimension: .safety, expectations: [], perceptions: [1])])
    }
  }
}
