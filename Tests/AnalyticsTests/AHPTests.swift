import Foundation
import Testing

@testable import Analytics

@Suite struct AHPTests {
  @Test("Rule AN-AHP: eigenvector weights, λmax, CI and CR reproduce Saaty's published house example")
  func saatyHouse() throws {
    let r = AHP.analyze(try PairwiseComparisonMatrix(Fixtures.saatyHouse))
    let published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    for (w, p) in zip(r.weights, published) { expectClose(w, p, 0.0005, "weight") }
    expectClose(r.lambdaMax, 9.669, 0.0005, "λmax")
    expectClose(r.consistencyIndex, 0.238, 0.0005, "CI")
    expectClose(r.consistencyRatio, 0.169, 0.0005, "CR")
    #expect(!r.isConsistent)
    expectClose(r.weights.reduce(0, +), 1, 1e-12, "weights sum")
  }

  @Test("Rule AN-AHP: the most inconsistent judgment is the largest ε = a_ij·w_j/w_i deviation (house: neighbourhood vs condition)")
  func worstJudgment() throws {
    let r = AHP.analyze(try PairwiseComparisonMatrix(Fixtures.saatyHouse))
    let worst = try #require(r.mostInconsistentJudgment)
    // a(3,7) = 6 says neighbourhood ≫ general condition, but the weights give .188/.167 ≈ 1.1.
    #expect(worst.row == 2 && worst.column == 6)
    expectClose(worst.implied, r.weights[2] / r.weights[6], 1e-12, "implied")
    // Fixing that judgment to its implied value must improve consistency.
    var fixed = Fixtures.saatyHouse
    fixed[2][6] = worst.implied
    fixed[6][2] = 1 / worst.implied
    #expect(AHP.analyze(try PairwiseComparisonMatrix(fixed)).consistencyRatio < r.consistencyRatio)
  }

  @Test("Rule AN-AHP: a consistent matrix a_ij = w_i/w_j returns w exactly, λmax = n and CR = 0 (< 0.10 consistent)")
  func consistentMatrix() throws {
    let w = [0.5, 0.25, 0.15, 0.1]
    let r = AHP.analyze(try PairwiseComparisonMatrix(consistentWith: w))
    for (a, b) in zip(r.weights, w) { expectClose(a, b, 1e-12, "weight") }
    expectClose(r.lambdaMax, 4, 1e-10, "λmax")
    expectClose(r.consistencyRatio, 0, 1e-10, "CR")
    #expect(r.isConsistent)
    #expect((r.mostInconsistentJudgment?.deviation ?? 0) < 1 + 1e-9)
  }

  @Test("Rule AN-AHP: an upper-triangle entry builds the same reciprocal matrix as the full form")
  func upperTriangle() throws {
    let upper = Fixtures.saatyHouse.indices.map { i in Array(Fixtures.saatyHouse[i][(i + 1)...]) }
    let m = try PairwiseComparisonMatrix(upperTriangle: upper)
    for i in 0..<8 { for j in 0..<8 { expectClose(m.values[i, j], Fixtures.saatyHouse[i][j], 1e-12, "a\(i)\(j)") } }
  }

  @Test("Rule AN-AHP: Saaty's RI table: 0.58 for n = 3, 1.49 for n = 10, 1.59 for n = 15")
  func randomIndexTable() {
    #expect(AHP.randomIndex.count == 15)
    #expect(AHP.randomIndex[2] == 0.58 && AHP.randomIndex[9] == 1.49 && AHP.randomIndex[14] == 1.59)
  }

  @Test("Rule AN-AHP: non-reciprocal, non-positive and >15-criteria matrices are rejected with typed errors")
  func invalidMatrices() throws {
    #expect(throws: AnalyticsError.nonReciprocalMatrix(row: 0, column: 1, value: 3, mirror: 0.5)) {
      try PairwiseComparisonMatrix([[1, 3], [0.5, 1]])
    }
    #expect(throws: AnalyticsError.nonPositiveValue(context: "judgment a(1,2) = 0.0")) {
      try PairwiseComparisonMatrix([[1, 0], [0, 1]])
    }
    #expect(throws: AnalyticsError.tooManyCriteria(count: 16, maximum: 15)) {
      try PairwiseComparisonMatrix(consistentWith: Array(repeating: 1, count: 16))
    }
    #expect(throws: AnalyticsError.self) { try PairwiseComparisonMatrix([[1, 2, 3], [0.5, 1]]) }
    #expect(throws: AnalyticsError.self) { try PairwiseComparisonMatrix(upperTriangle: [[2, -1], [3]]) }
    #expect(throws: AnalyticsError.self) { try PairwiseComparisonMatrix([[1, .nan], [1, 1]]) }
  }

  @Test("Rule AN-AHP: n ≤ 2 is always consistent (CR = 0)")
  func smallMatrices() throws {
    let r = AHP.analyze(try PairwiseComparisonMatrix([[1, 4], [0.25, 1]]))
    expectClose(r.weights[0], 0.8, 1e-12, "w1")
    #expect(r.consistencyRatio == 0 && r.isConsistent)
    #expect(AHP.analyze(try PairwiseComparisonMatrix([[1]])).weights == [1])
  }

  @Test("Rule AN-AHP-GROUP: group AIJ (geometric mean of judgments) and AIP (geometric mean of priorities) agree for consistent experts")
  func groupAggregation() throws {
    let e1 = try PairwiseComparisonMatrix(consistentWith: [0.6, 0.3, 0.1])
    let e2 = try PairwiseComparisonMatrix(consistentWith: [0.2, 0.5, 0.3])
    let aij = AHP.analyze(try GroupAHP.aggregateJudgments([e1, e2])).weights
    let aip = try GroupAHP.aggregatePriorities([e1, e2])
    let raw = zip([0.6, 0.3, 0.1], [0.2, 0.5, 0.3]).map { ($0 * $1).squareRoot() }
    let expected = raw.map { $0 / raw.reduce(0, +) }
    for k in 0..<3 {
      expectClose(aij[k], expected[k], 1e-10, "AIJ")
      expectClose(aip[k], expected[k], 1e-10, "AIP")
    }
    let arithmetic = try GroupAHP.aggregatePriorities([e1, e2], mean: .arithmetic)
    for k in 0..<3 { expectClose(arithmetic[k], ([0.6, 0.3, 0.1][k] + [0.2, 0.5, 0.3][k]) / 2, 1e-10, "arithmetic AIP") }
    let aggregated = try GroupAHP.aggregateJudgments([e1, e2], expertWeights: [3, 1])
    expectClose(aggregated.values[0, 1], pow(2.0, 0.75) * pow(0.4, 0.25), 1e-12, "weighted AIJ a12")
    #expect(throws: AnalyticsError.self) { try GroupAHP.aggregateJudgments([e1, try PairwiseComparisonMatrix([[1]])]) }
    #expect(throws: AnalyticsError.self) { try GroupAHP.aggregateJudgments([]) }
  }

  @Test("Rule AN-AHP: global weight of a leaf is the product of local weights down a four-level tree")
  func hierarchy() throws {
    let tree = AHPNode(
      name: "CSI",
      children: [
        AHPNode(
          name: "Quality", localWeight: 0.6,
          children: [
            AHPNode(
              name: "Reliability", localWeight: 0.5,
              children: [
                AHPNode(name: "q1", localWeight: 0.4), AHPNode(name: "q2", localWeight: 0.6),
              ]),
            AHPNode(name: "Hall", localWeight: 0.5, children: [AHPNode(name: "q3", localWeight: 1)]),
          ]),
        AHPNode(name: "Value", localWeight: 0.4, children: [AHPNode(name: "v1", localWeight: 1)]),
      ])
    let leaves = try tree.leafWeights()
    #expect(leaves.map { $0.path.last } == ["q1", "q2", "q3", "v1"])
    expectClose(leaves[0].weight, 0.6 * 0.5 * 0.4, 1e-12, "q1")
    expectClose(leaves.reduce(0) { $0 + $1.weight }, 1, 1e-12, "sum")
    let bad = AHPNode(name: "root", children: [AHPNode(name: "a", localWeight: 0.7), AHPNode(name: "b", localWeight: 0.7)])
    #expect(throws: AnalyticsError.self) { try bad.leafWeights() }
  }
}
