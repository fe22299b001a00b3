import Foundation
import Testing

@testable import Analytics

/// Pawlak's flu decision table (Pawlak, "Rough sets and intelligent data analysis", Information
/// Sciences 147 (2002) 1–12, Table 1). All expected values below are checked by hand in comments.
@Suite struct RoughSetTests {
  static var flu: DecisionTable {
    get throws {
      try DecisionTable(
        conditionNames: ["Headache", "Muscle-pain", "Temperature"], decisionName: "Flu",
        rows: [
          ["no", "yes", "high", "yes"],  // p1
          ["yes", "no", "high", "yes"],  // p2
          ["yes", "yes", "very high", "yes"],  // p3
          ["no", "yes", "normal", "no"],  // p4
          ["yes", "no", "high", "no"],  // p5
          ["no", "yes", "very high", "yes"],  // p6
        ])
    }
  }
  static let fluYes: Set<Int> = [0, 1, 2, 5]

  @Test("Rule AN-ROUGH-SET: U/IND(C) = {p1},{p2,p5},{p3},{p4},{p6} — p2 and p5 are indiscernible")
  func indiscernibility() throws {
    #expect(try Self.flu.indiscernibilityClasses([0, 1, 2]) == [[0], [1, 4], [2], [3], [5]])
  }

  @Test("Rule AN-ROUGH-SET: lower approximation of Flu=yes is {p1,p3,p6}, upper is {p1,p2,p3,p5,p6}, boundary {p2,p5}")
  func approximations() throws {
    let lower = try Self.flu.lowerApproximation(of: Self.fluYes, attributes: [0, 1, 2])
    let upper = try Self.flu.upperApproximation(of: Self.fluYes, attributes: [0, 1, 2])
    #expect(lower == [0, 2, 5])
    #expect(upper == [0, 1, 2, 4, 5])
    #expect(upper.subtracting(lower) == [1, 4])
  }

  @Test("Rule AN-ROUGH-SET: γ(C,D) = |POS|/|U| = |{p1,p3,p4,p6}|/6 = 2/3")
  func dependency() throws {
    #expect(try Self.flu.positiveRegion([0, 1, 2]) == [0, 2, 3, 5])
    expectClose(try Self.flu.dependency([0, 1, 2]), 4.0 / 6, 1e-15, "γ(C,D)")
    // γ({Temperature}) = |{p3,p4,p6}|/6.
    expectClose(try Self.flu.dependency([2]), 3.0 / 6, 1e-15, "γ(T,D)")
  }

  @Test("Rule AN-ROUGH-SET: σ(a) = γ(C) − γ(C−{a}): Headache 0, Muscle-pain 0, Temperature 4/6 − 1/6 = 1/2")
  func significance() throws {
    expectClose(try Self.flu.significance(of: 0), 0, 1e-15, "σ(Headache)")
    expectClose(try Self.flu.significance(of: 1), 0, 1e-15, "σ(Muscle-pain)")
    expectClose(try Self.flu.significance(of: 2), 0.5, 1e-15, "σ(Temperature)")
  }

  @Test("Rule AN-ROUGH-SET: core = {Temperature}; reducts are {Headache, Temperature} and {Muscle-pain, Temperature}")
  func coreAndReduct() throws {
    #expect(try Self.flu.core() == [2])
    let r = try Self.flu.reduct()
    #expect(r == [0, 2] || r == [1, 2])
    expectClose(try Self.flu.dependency(r), try Self.flu.dependency([0, 1, 2]), 1e-15, "γ(reduct) = γ(C)")
    let flu = try Self.flu
    for a in r { #expect(flu.dependency(r.filter { $0 != a }) < flu.dependency(r)) }
  }

  @Test("Rule AN-ROUGH-SET: objective weights are σ normalised to sum 1 (flu: 0, 0, 1)")
  func weights() throws {
    let w = try Self.flu.attributeWeights()
    #expect(w.method == .dependencySignificance)
    #expect(w.weights == [0, 0, 1])
  }

  @Test("Rule AN-ROUGH-SET: when every σ(a) is 0 the weights fall back to information (hand-checked: 0.4, 0.4, 0.2)")
  func fallbackWeights() throws {
    // D has 4 values; a and its copy a' determine D, c halves it. Removing any single attribute
    // keeps γ = 1, so all σ = 0 and the entropy significances are 0 too. Mutual information:
    // I(a;D) = I(a';D) = ln 4, I(c;D) = ln 4 − ln 2 = ln 2, so weights = (2, 2, 1)/5.
    let t = try DecisionTable(
      conditionNames: ["a", "a'", "c"], conditions: [[0, 1, 2, 3], [0, 1, 2, 3], [0, 0, 1, 1]],
      decisionName: "D", decision: [0, 1, 2, 3])
    let w = t.attributeWeights()
    #expect(w.method == .mutualInformation)
    for (x, e) in zip(w.weights, [0.4, 0.4, 0.2]) { expectClose(x, e, 1e-12, "weight") }
  }

  @Test("Rule AN-ROUGH-SET: conditional entropy H(D|C) of the flu table is (2/6)·ln 2 (only {p2,p5} is mixed)")
  func entropy() throws {
    expectClose(try Self.flu.conditionalEntropy([0, 1, 2]), 2.0 / 6 * log(2), 1e-12, "H(D|C)")
  }

  @Test("Rule AN-ROUGH-SET: a single-valued decision column and mismatched sizes are rejected")
  func invalidTables() throws {
    #expect(throws: AnalyticsError.singleValuedDecision(attribute: "D")) {
      try DecisionTable(conditionNames: ["a"], conditions: [[0, 1]], decisionName: "D", decision: [1, 1])
    }
    #expect(throws: AnalyticsError.self) {
      try DecisionTable(conditionNames: ["a"], conditions: [[0, 1, 2]], decisionName: "D", decision: [1, 0])
    }
    #expect(throws: AnalyticsError.self) { try DecisionTable(conditionNames: ["a"], decisionName: "D", rows: [["x"]]) }
  }

  @Test("Rule AN-ROUGH-SET: equal-width, equal-frequency and cut-point discretisation give the hand-computed codes")
  func discretisation() throws {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10]
    #expect(try Discretization.equalWidth(x, bins: 2) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    #expect(try Discretization.equalFrequency(x, bins: 2) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    #expect(try Discretization.cutPoints([59, 60, 79.9, 80, 100], cuts: [60, 80]) == [0, 1, 1, 2, 2])
    #expect(try Discretization.equalFrequency([1, 1, 1, 1], bins: 3) == [0, 0, 0, 0])
    #expect(throws: AnalyticsError.self) { try Discretization.equalWidth([], bins: 2) }
    #expect(throws: AnalyticsError.self) { try Discretization.equalWidth([1], bins: 0) }
    #expect(throws: AnalyticsError.self) { try Discretization.cutPoints([1], cuts: [2, 1]) }
  }

  @Test("Equal-width codes of values spanning the whole Double range: a file's ±1e308 used to trap (∞/∞)")
  func discretisationAtTheExtremes() throws {
    let extreme = Double.greatestFiniteMagnitude
    #expect(try Discretization.equalWidth([-extreme, extreme, 0, extreme / 2], bins: 4) == [0, 3, 2, 3])
  }
}
