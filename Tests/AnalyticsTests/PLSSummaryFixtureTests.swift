import Foundation
import Testing

@testable import Analytics

/// Further R plspm outputs on `satisfaction` (unscaled, centroid, tol 1e-6).
@Suite struct PLSSummaryFixtureTests {
  @Test("Rule AN-PLS-SETTINGS: cross-loadings (indicator–construct correlations) equal R plspm (satisfaction.crossloadings.csv)")
  func crossLoadings() throws {
    let r = try PLSEstimator.estimate(
      model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"), settings: ECSIModels.plspmSettings(.centroid))
    let t = try Fixtures.table("satisfaction.crossloadings.csv")
    for row in t.rows {
      let j = try r.indicatorIndex(row[0])
      for c in 2..<t.header.count {
        expectClose(r.crossLoadings[j, try r.constructIndex(t.header[c])], try #require(Double(row[c])), 1e-9, "\(row[0]) x \(t.header[c])")
      }
    }
  }

  @Test(
    "Rule AN-QUALITY: communality = loading², redundancy = communality × R², and GoF equal R plspm (outer model, GoF 0.609741624338411)")
  func communalityRedundancyGoF() throws {
    let r = try PLSEstimator.estimate(
      model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"), settings: ECSIModels.plspmSettings(.centroid))
    let comm = try Fixtures.keyed("satisfaction.outer-model.csv", column: "communality")
    let red = try Fixtures.keyed("satisfaction.outer-model.csv", column: "redundancy")
    for (name, c) in comm {
      let j = try r.indicatorIndex(name)
      expectClose(r.communalities[j], c, 1e-9, "communality \(name)")
      expectClose(r.redundancies[j], try #require(red[name]), 1e-9, "redundancy \(name)")
    }
    let blockComm = try Fixtures.keyed("satisfaction.inner-summary.csv", column: "block_communality")
    let meanRed = try Fixtures.keyed("satisfaction.inner-summary.csv", column: "mean_redundancy")
    for (l, name) in r.constructNames.enumerated() {
      expectClose(r.blockCommunalities[l], try #require(blockComm[name]), 1e-9, "block communality \(name)")
      expectClose(r.meanRedundancies[l], try #require(meanRed[name]), 1e-9, "mean redundancy \(name)")
    }
    // GoF value asserted by plspm-python's regression test against R.
    expectClose(try r.goodnessOfFit(), 0.609741624338411, 1e-9, "GoF")
  }

  @Test("Rule AN-PLS-SETTINGS: all-formative (mode B) model reproduces R plspm's R², block communality and redundancy")
  func modeB() throws {
    let base = ECSIModels.satisfaction
    let model = PLSModel(
      constructs: base.constructs.map { ConstructSpec(name: $0.name, indicators: $0.indicators, mode: .formative) },
      paths: base.paths)
    let r = try PLSEstimator.estimate(
      model: model, data: Fixtures.dataset("satisfaction.csv"), settings: ECSIModels.plspmSettings(.centroid))
    #expect(r.converged)
    let r2 = try Fixtures.keyed("satisfaction.modeb.inner-summary.csv", column: "r_squared")
    let comm = try Fixtures.keyed("satisfaction.modeb.inner-summary.csv", column: "block_communality")
    let red = try Fixtures.keyed("satisfaction.modeb.inner-summary.csv", column: "mean_Redundancy")
    for (l, name) in r.constructNames.enumerated() {
      expectClose(r.rSquared[l], try #require(r2[name]), 1e-9, "R² \(name)")
      expectClose(r.blockCommunalities[l], try #require(comm[name]), 1e-9, "communality \(name)")
      expectClose(r.meanRedundancies[l], try #require(red[name]), 1e-9, "redundancy \(name)")
    }
  }
}
