import Foundation
import Testing

@testable import Analytics

@Suite struct PLSBehaviourTests {

  @Test("Rule AN-PLS-SETTINGS: a cycle in the structural model is rejected with cycleInPaths naming the constructs")
  func cycleRejected() throws {
    let model = PLSModel(
      constructs: Fixtures.twoConstructs.constructs,
      paths: [StructuralPath(from: "A", to: "B"), StructuralPath(from: "B", to: "A")])
    #expect(throws: AnalyticsError.cycleInPaths(constructs: ["A", "B", "A"])) {
      try PLSEstimator.estimate(model: model, data: try Fixtures.smallData())
    }
  }

  @Test("Rule AN-PLS-SETTINGS: an indicator missing from the data throws unknownColumn")
  func unknownColumn() throws {
    let model = PLSModel(
      constructs: [ConstructSpec(name: "A", indicators: ["a1", "zz"]), ConstructSpec(name: "B", indicators: ["b1"])],
      paths: [StructuralPath(from: "A", to: "B")])
    #expect(throws: AnalyticsError.unknownColumn(name: "zz")) { try PLSEstimator.estimate(model: model, data: try Fixtures.smallData()) }
  }

  @Test("Rule AN-PLS-SETTINGS: a construct without indicators throws emptyBlock")
  func emptyBlock() throws {
    let model = PLSModel(
      constructs: [ConstructSpec(name: "A", indicators: []), ConstructSpec(name: "B", indicators: ["b1"])],
      paths: [StructuralPath(from: "A", to: "B")])
    #expect(throws: AnalyticsError.emptyBlock(construct: "A")) { try PLSEstimator.estimate(model: model, data: try Fixtures.smallData()) }
  }

  @Test("Rule AN-PLS-SETTINGS: a path to an undeclared construct throws unknownConstruct")
  func unknownConstruct() throws {
    let model = PLSModel(constructs: Fixtures.twoConstructs.constructs, paths: [StructuralPath(from: "A", to: "C")])
    #expect(throws: AnalyticsError.unknownConstruct(name: "C")) { try PLSEstimator.estimate(model: model, data: try Fixtures.smallData()) }
  }

  @Test("Rule AN-PLS-SETTINGS: a constant indicator throws constantIndicator instead of producing NaN")
  func constantIndicator() throws {
    let d = try Fixtures.smallData()
    var cols = d.columns
    cols[1] = Array(repeating: 3, count: d.rowCount)
    let data = try Dataset(columnNames: d.columnNames, columns: cols)
    #expect(throws: AnalyticsError.constantIndicator(name: "a2")) { try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: data) }
  }

  @Test("Rule AN-PLS-SETTINGS: duplicated indicators in a formative (mode B) block throw singularMatrix")
  func singularModeB() throws {
    let d = try Fixtures.smallData()
    let data = try Dataset(columnNames: d.columnNames + ["a1copy"], columns: d.columns + [d.columns[0]])
    let model = PLSModel(
      constructs: [ConstructSpec(name: "A", indicators: ["a1", "a1copy", "a2"], mode: .formative), Fixtures.twoConstructs.constructs[1]],
      paths: [StructuralPath(from: "A", to: "B")])
    #expect {
      try PLSEstimator.estimate(model: model, data: data)
    } throws: { error in
      guard case .singularMatrix(let ctx) = error as? AnalyticsError else { return false }
      return ctx.contains("A")
    }
  }

  @Test("Rule AN-PLS-SETTINGS: unit case weights give exactly the unweighted estimates")
  func unitWeightsNeutral() throws {
    let data = try Fixtures.smallData()
    let plain = try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: data)
    let weighted = try PLSEstimator.estimate(
      model: Fixtures.twoConstructs, data: data, settings: PLSSettings(caseWeights: Array(repeating: 1, count: data.rowCount)))
    for j in plain.outerWeights.indices { expectClose(plain.outerWeights[j], weighted.outerWeights[j], 1e-12, "w\(j)") }
    expectClose(try plain.path(from: "A", to: "B"), try weighted.path(from: "A", to: "B"), 1e-12, "path")
  }

  @Test("Rule AN-PLS-SETTINGS: integer case weights equal duplicating rows (sampling weights used in every step)")
  func integerWeightsEqualDuplication() throws {
    let data = try Fixtures.smallData()
    let w = (0..<data.rowCount).map { Double($0 % 3 + 1) }
    let weighted = try PLSEstimator.estimate(
      model: Fixtures.twoConstructs, data: data, settings: PLSSettings(scheme: .centroid, caseWeights: w))
    var dupCols = Array(repeating: [Double?](), count: data.columns.count)
    for i in 0..<data.rowCount { for _ in 0..<Int(w[i]) { for c in dupCols.indices { dupCols[c].append(data.columns[c][i]) } } }
    let duplicated = try PLSEstimator.estimate(
      model: Fixtures.twoConstructs, data: try Dataset(columnNames: data.columnNames, columns: dupCols),
      settings: PLSSettings(scheme: .centroid))
    for j in weighted.outerWeights.indices {
      expectClose(weighted.outerWeights[j], duplicated.outerWeights[j], 1e-10, "weight \(j)")
      expectClose(weighted.loadings[j], duplicated.loadings[j], 1e-10, "loading \(j)")
    }
    expectClose(try weighted.path(from: "A", to: "B"), try duplicated.path(from: "A", to: "B"), 1e-10, "path")
    expectClose(try weighted.rSquared("B"), try duplicated.rSquared("B"), 1e-10, "R²")
  }

  @Test("Rule AN-PLS-SETTINGS: listwise deletion drops incomplete rows and records them; mean replacement keeps all rows")
  func missingValues() throws {
    let d = try Fixtures.smallData()
    var cols = d.columns
    cols[0][3] = nil
    cols[4][10] = nil
    let data = try Dataset(columnNames: d.columnNames, columns: cols)
    let listwise = try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: data)
    #expect(listwise.missingValueReport.rowsUsed == d.rowCount - 2)
    #expect(!listwise.missingValueReport.usedRowIndices.contains(3))
    #expect(listwise.scores.rows == d.rowCount - 2)
    let replaced = try PLSEstimator.estimate(
      model: Fixtures.twoConstructs, data: data, settings: PLSSettings(missingValues: .meanReplacement))
    #expect(replaced.missingValueReport.rowsUsed == d.rowCount)
    #expect(replaced.missingValueReport.valuesImputed == 2)
    #expect(replaced.missingValueReport.policy == .meanReplacement)
    #expect(replaced.outerWeights.allSatisfy { $0.isFinite })
  }

  @Test("Rule AN-PLS-SETTINGS: latent scores have unit variance and loadings are indicator–score correlations")
  func scoreNormalisation() throws {
    let r = try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: try Fixtures.smallData())
    for l in 0..<2 { expectClose(WeightedStatistics.variance(r.scores.column(l)), 1, 1e-12, "variance \(l)") }
    #expect(r.iterations >= 1 && r.converged)
    #expect(r.loadings.allSatisfy { $0 > 0.5 })
  }

  @Test("Rule AN-PLS-SETTINGS: maxIterations = 1 reports non-convergence instead of hanging")
  func iterationLimit() throws {
    let r = try PLSEstimator.estimate(
      model: ECSIModels.satisfaction, data: try Fixtures.dataset("satisfaction.csv"),
      settings: PLSSettings(tolerance: 1e-15, maxIterations: 1))
    #expect(!r.converged)
    #expect(r.iterations == 1)
  }

  @Test("Rule AN-PLS-SETTINGS: invalid settings (non-positive tolerance) are rejected")
  func invalidSettings() throws {
    #expect(throws: AnalyticsError.self) {
      try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: try Fixtures.smallData(), settings: PLSSettings(tolerance: 0))
    }
  }
}
