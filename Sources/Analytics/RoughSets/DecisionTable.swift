import Foundation

/// A rough-set decision table (Pawlak 1982): objects described by discrete condition attributes
/// and one decision attribute. Attributes are referred to by their index in `conditionNames`.
public struct DecisionTable: Sendable, Equatable {
  public let conditionNames: [String]
  public let decisionName: String
  /// `conditions[a][x]` is the code of attribute a for object x.
  public let conditions: [[Int]]
  public let decision: [Int]

  public var objectCount: Int { decision.count }
  public var allConditions: [Int] { Array(conditionNames.indices) }

  /// Throws on size mismatch, an empty table, or a decision with a single value (dependency undefined).
  public init(conditionNames: [String], conditions: [[Int]], decisionName: String, decision: [Int]) throws {
    guard conditionNames.count == conditions.count, !conditions.isEmpty else {
      throw AnalyticsError.dimensionMismatch(context: "\(conditionNames.count) attribute names for \(conditions.count) attribute columns")
    }
    guard !decision.isEmpty else { throw AnalyticsError.insufficientData(context: "decision table has no objects") }
    for (name, col) in zip(conditionNames, conditions) where col.count != decision.count {
      throw AnalyticsError.dimensionMismatch(context: "attribute '\(name)' has \(col.count) values for \(decision.count) objects")
    }
    guard Set(decision).count > 1 else { throw AnalyticsError.singleValuedDecision(attribute: decisionName) }
    self.conditionNames = conditionNames
    self.conditions = conditions
    self.decisionName = decisionName
    self.decision = decision
  }

  /// Convenience for symbolic tables: each row lists condition values then the decision value.
  public init(conditionNames: [String], decisionName: String, rows: [[String]]) throws {
    let width = conditionNames.count + 1
    for (i, r) in rows.enumerated() where r.count != width {
      throw AnalyticsError.dimensionMismatch(context: "row \(i + 1) has \(r.count) values, expected \(width)")
    }
    func codes(_ column: [String]) -> [Int] {
      var map: [String: Int] = [:]
      return column.map { v in
        if let c = map[v] { return c }
        map[v] = map.count
        return map[v]!
      }
    }
    let conds = conditionNames.indices.map { a in codes(rows.map { $0[a] }) }
    try self.init(
      conditionNames: conditionNames, conditions: conds, decisionName: decisionName, decision: codes(rows.map { $0[width - 1] }))
  }

  /// U/IND(B): objects grouped by equal values on `attributes` (in order of first appearance).
  public func indiscernibilityClasses(_ attributes: [Int]) -> [[Int]] {
    var index: [[Int]: Int] = [:]
    var classes: [[Int]] = []
    for x in 0..<objectCount {
      let key = attributes.map { conditions[$0][x] }
      if let c = index[key] { classes[c].append(x) } else { index[key] = classes.count; classes.append([x]) }
    }
    return classes
  }

  /// B-lower approximation: union of the classes wholly inside `objects`.
  public func lowerApproximation(of objects: Set<Int>, attributes: [Int]) -> Set<Int> {
    Set(indiscernibilityClasses(attributes).filter { $0.allSatisfy(objects.contains) }.flatMap { $0 })
  }

  /// B-upper approximation: union of the classes that meet `objects`.
  public func upperApproximation(of objects: Set<Int>, attributes: [Int]) -> Set<Int> {
    Set(indiscernibilityClasses(attributes).filter { $0.contains(where: objects.contains) }.flatMap { $0 })
  }

  /// Objects whose decision value is `value` (a decision class).
  public func decisionClass(_ value: Int) -> Set<Int> { Set((0..<objectCount).filter { decision[$0] == value }) }

  /// POS_B(D): objects classified with certainty by B.
  public func positiveRegion(_ attributes: [Int]) -> Set<Int> {
    Set(indiscernibilityClasses(attributes).filter { c in c.allSatisfy { decision[$0] == decision[c[0]] } }.flatMap { $0 })
  }

  /// γ(B, D) = |POS_B(D)| / |U|.
  public func dependency(_ attributes: [Int]) -> Double { Double(positiveRegion(attributes).count) / Double(objectCount) }

  /// σ(a) = γ(C, D) − γ(C − {a}, D).
  public func significance(of attribute: Int) -> Double {
    dependency(allConditions) - dependency(allConditions.filter { $0 != attribute })
  }

  /// Attributes whose removal lowers γ: the intersection of all reducts.
  public func core() -> [Int] { allConditions.filter { significance(of: $0) > 1e-12 } }

  /// One reduct: starts from the core, greedily adds the attribute with the largest γ gain until
  /// γ(R) = γ(C), then drops any attribute that became redundant (so R is minimal).
  public func reduct() -> [Int] {
    let target = dependency(allConditions)
    var r = core()
    while dependency(r) < target - 1e-12 {
      let candidates = allConditions.filter { !r.contains($0) }
      guard let best = candidates.max(by: { dependency(r + [$0]) < dependency(r + [$1]) }) else { break }
      r.append(best)
    }
    for a in r where r.count > 1 && dependency(r.filter { $0 != a }) >= target - 1e-12 { r.removeAll { $0 == a } }
    return r.sorted()
  }

  /// H(D | B) in nats (Shannon conditional entropy of the decision given B's partition).
  public func conditionalEntropy(_ attributes: [Int]) -> Double {
    let n = Double(objectCount)
    var h = 0.0
    for c in indiscernibilityClasses(attributes) {
      var counts: [Int: Int] = [:]
      for x in c { counts[decision[x], default: 0] += 1 }
      for k in counts.values {
        let p = Double(k) / Double(c.count)
        h -= Double(c.count) / n * p * log(p)
      }
    }
    return h
  }
}
