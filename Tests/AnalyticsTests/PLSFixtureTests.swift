import Foundation
import Testing

@testable import Analytics

/// PLS-PM against R plspm's published outputs on the ECSI `satisfaction` data (unscaled
/// indicators). The fixtures were generated with plspm's default tol = 1e-6, so the same
/// stopping rule is used here; with it the iteration sequence is identical and agreement is at
/// rounding level.
@Suite struct PLSFixtureTests {
  static let tol = 1e-9

  func fit(_ scheme: InnerWeightingScheme) throws -> PLSResult {
    try PLSEstimator.estimate(
      model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"), settings: ECSIModels.plspmSettings(scheme))
  }

  func checkOuterModel(_ result: PLSResult, fixture: String) throws {
    let weights = try Fixtures.keyed(fixture, column: "weight")
    let loadings = try Fixtures.keyed(fixture, column: "loading")
    #expect(weights.count == 27)
    for (name, w) in weights {
      expectClose(try result.outerWeight(name), w, Self.tol, "weight \(name)")
      expectClose(try result.loading(name), try #require(loadings[name]), Self.tol, "loading \(name)")
    }
  }

  @Test("Rule AN-PLS-SETTINGS: centroid-scheme outer weights and loadings equal R plspm (satisfaction.outer-model.csv)")
  func centroidOuterModel() throws {
    let r = try fit(.centroid)
    #expect(r.converged)
    try checkOuterModel(r, fixture: "satisfaction.outer-model.csv")
  }

  @Test("Rule AN-PLS-SETTINGS: path-scheme outer model equals R plspm (satisfaction.outer-model-path.csv)")
  func pathOuterModel() throws {
    try checkOuterModel(try fit(.path), fixture: "satisfaction.outer-model-path.csv")
  }

  @Test("Rule AN-PLS-SETTINGS: factorial-scheme outer model equals R plspm (satisfaction.outer-model-factorial.csv)")
  func factorialOuterModel() throws {
    try checkOuterModel(try fit(.factorial), fixture: "satisfaction.outer-model-factorial.csv")
  }

  @Test("Rule AN-PLS-SETTINGS: direct, indirect and total effects equal R plspm (satisfaction.effects.csv)")
  func effects() throws {
    let r = try fit(.centroid)
    let t = try Fixtures.table("satisfaction.effects.csv")
    for row in t.rows {
      guard let e = r.effects.first(where: { $0.from == row[1] && $0.to == row[2] }) else {
        Issue.record("missing effect \(row[0])"); continue
      }
      expectClose(e.direct, try #require(Double(row[3])), Self.tol, "direct \(row[0])")
      expectClose(e.indirect, try #require(Double(row[4])), Self.tol, "indirect \(row[0])")
      expectClose(e.total, try #require(Double(row[5])), Self.tol, "total \(row[0])")
    }
    #expect(r.effects.count == t.rows.count)
  }

  @Test("Rule AN-PLS-SETTINGS: path coefficients into SAT equal R plspm's inner model (satisfaction.inner-model.csv)")
  func innerModel() throws {
    let r = try fit(.centroid)
    for (from, estimate) in try Fixtures.keyed("satisfaction.inner-model.csv", column: "Estimate") {
      expectClose(try r.path(from: from, to: "SAT"), estimate, Self.tol, "\(from) -> SAT")
    }
  }

  @Test("Rule AN-PLS-SETTINGS: R² per construct equals R plspm (satisfaction.inner-summary.csv)")
  func rSquared() throws {
    let r = try fit(.centroid)
    for (name, r2) in try Fixtures.keyed("satisfaction.inner-summary.csv", column: "r_squared") {
      expectClose(try r.rSquared(name), r2, Self.tol, "R² \(name)")
    }
  }

  @Test("Rule AN-PLS-SETTINGS: latent scores equal R plspm for all 250 respondents (satisfaction.scores.csv)")
  func scores() throws {
    let r = try fit(.centroid)
    let t = try Fixtures.table("satisfaction.scores.csv")
    #expect(t.rows.count == r.scores.rows)
    for (c, name) in t.header.enumerated() {
      let mine = try r.scores(name)
      for (i, row) in t.rows.enumerated() { expectClose(mine[i], try #require(Double(row[c])), 1e-8, "score \(name)[\(i)]") }
    }
  }
}
