import Foundation
import Testing

@testable import Analytics

/// PLS-PM against R seminr on `mobi` (standardised indicators, path weighting scheme).
/// seminr stops when Σ|Δw| < 1e-7 while we iterate to 1e-14 here, so agreement is limited by
/// seminr's own stopping point (and its 15-digit CSV output): everything agrees to 1e-7 absolute
/// (observed worst case ≈ 5e-8), tighter than the 1e-5 seminr's and plspm-python's own tests use.
@Suite struct SeminrFixtureTests {
  static var basicModel: PLSModel {
    PLSModel(
      constructs: [
        ConstructSpec(name: "Image", indicators: (1...5).map { "IMAG\($0)" }),
        ConstructSpec(name: "Expectation", indicators: (1...3).map { "CUEX\($0)" }),
        ConstructSpec(name: "Quality", indicators: (1...7).map { "PERQ\($0)" }, mode: .formative),
        ConstructSpec(name: "Complaints", indicators: ["CUSCO"]),
        ConstructSpec(name: "Loyalty", indicators: (1...3).map { "CUSL\($0)" }),
      ],
      paths: [
        StructuralPath(from: "Image", to: "Expectation"), StructuralPath(from: "Expectation", to: "Loyalty"),
        StructuralPath(from: "Quality", to: "Loyalty"), StructuralPath(from: "Complaints", to: "Loyalty"),
      ])
  }

  @Test("Rule AN-PLS-SETTINGS: mode B (formative) block and path scheme reproduce seminr weights and loadings (seminr-mobi-basic)")
  func basicOuterModel() throws {
    let r = try PLSEstimator.estimate(model: Self.basicModel, data: Fixtures.dataset("mobi.csv"), settings: Fixtures.seminrSettings)
    #expect(r.converged)
    let weights = try Fixtures.keyed("seminr-mobi-basic-outer-model.csv", column: "weight")
    let loadings = try Fixtures.keyed("seminr-mobi-basic-outer-model.csv", column: "loading")
    for (name, w) in weights {
      expectClose(try r.outerWeight(name), w, 1e-7, "weight \(name)")
      expectClose(try r.loading(name), try #require(loadings[name]), 1e-7, "loading \(name)")
    }
  }

  @Test("Rule AN-PLS-SETTINGS: path coefficients reproduce seminr (seminr-mobi-basic-paths)")
  func basicPaths() throws {
    let r = try PLSEstimator.estimate(model: Self.basicModel, data: Fixtures.dataset("mobi.csv"), settings: Fixtures.seminrSettings)
    let t = try Fixtures.table("seminr-mobi-basic-paths.csv")
    for row in t.rows {
      for (c, to) in t.header.enumerated() where c > 0 {
        expectClose(try r.path(from: row[0], to: to), try #require(Double(row[c])), 1e-7, "\(row[0]) -> \(to)")
      }
    }
  }

  @Test("Rule AN-PLS-SETTINGS: path weighting scheme reproduces seminr weights, paths, R² and scores (inner_weights fixtures)")
  func innerWeighting() throws {
    let r = try PLSEstimator.estimate(
      model: Fixtures.seminrInnerWeightsModel, data: Fixtures.dataset("mobi.csv"), settings: Fixtures.seminrSettings)
    let wt = try Fixtures.table("seminr_V_3_6_0_inner_weights_weights.csv")
    for row in wt.rows {
      let value = row.dropFirst().compactMap(Double.init).first { $0 != 0 }!
      expectClose(try r.outerWeight(row[0]), value, 1e-7, "weight \(row[0])")
    }
    let coef = try Fixtures.keyed("seminr_V_3_6_0_inner_weights_coefficients.csv", column: "Satisfaction")
    for from in ["Image", "Expectation", "Value"] {
      expectClose(try r.path(from: from, to: "Satisfaction"), try #require(coef[from]), 1e-7, "\(from) -> Satisfaction")
    }
    let r2 = try Fixtures.keyed("seminr_V_3_6_0_rsquared1.csv", column: "Satisfaction")
    expectClose(try r.rSquared("Satisfaction"), try #require(r2["Rsq"]), 1e-7, "R² Satisfaction")
    // seminr scales scores to unit *sample* variance (n − 1); ours have unit population variance.
    let n = Double(r.scores.rows)
    let factor = ((n - 1) / n).squareRoot()
    let st = try Fixtures.table("seminr_V_3_6_0_inner_weights_constructscores.csv")
    for (c, name) in st.header.enumerated() where c > 0 {
      let mine = try r.scores(name)
      for (i, row) in st.rows.enumerated() { expectClose(mine[i] * factor, try #require(Double(row[c])), 1e-7, "score \(name)[\(i)]") }
    }
  }
}
