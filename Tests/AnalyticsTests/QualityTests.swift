import Foundation
import Testing

@testable import Analytics

@Suite struct QualityTests {
  static func satisfactionFit() throws -> PLSResult {
    try PLSEstimator.estimate(
      model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"), settings: ECSIModels.plspmSettings(.centroid))
  }

  @Test("Rule AN-QUALITY: Cronbach's α, Dillon–Goldstein ρ and eigenvalues equal R plspm unidim (satisfaction_unidim.csv)")
  func unidimensionality() throws {
    let rel = try Reliability.assess(try Self.satisfactionFit())
    let alpha = try Fixtures.keyed("satisfaction_unidim.csv", column: "cronbach_alpha")
    let rho = try Fixtures.keyed("satisfaction_unidim.csv", column: "dillon_goldstein_rho")
    let eig1 = try Fixtures.keyed("satisfaction_unidim.csv", column: "eig_1st")
    let eig2 = try Fixtures.keyed("satisfaction_unidim.csv", column: "eig_2nd")
    for b in rel {
      expectClose(b.cronbachAlpha, try #require(alpha[b.construct]), 1e-9, "α \(b.construct)")
      expectClose(b.dillonGoldsteinRho, try #require(rho[b.construct]), 1e-9, "DG ρ \(b.construct)")
      expectClose(b.firstEigenvalue, try #require(eig1[b.construct]), 1e-9, "λ1 \(b.construct)")
      expectClose(b.secondEigenvalue, try #require(eig2[b.construct]), 1e-9, "λ2 \(b.construct)")
    }
  }

  @Test("Rule AN-QUALITY: AVE is the mean squared loading and equals R plspm inner summary (satisfaction.inner-summary.csv)")
  func ave() throws {
    let rel = try Reliability.assess(try Self.satisfactionFit())
    let ave = try Fixtures.keyed("satisfaction.inner-summary.csv", column: "ave")
    for b in rel { expectClose(b.ave, try #require(ave[b.construct]), 1e-9, "AVE \(b.construct)") }
  }

  @Test("Rule AN-QUALITY: composite reliability ρc = (Σλ)²/((Σλ)²+Σ(1−λ²)) — hand-checked loadings 0.7, 0.8, 0.9")
  func compositeReliability() {
    // (2.4)² = 5.76; errors 0.51 + 0.36 + 0.19 = 1.06; ρc = 5.76 / 6.82.
    expectClose(Reliability.compositeReliability(loadings: [0.7, 0.8, 0.9]), 5.76 / 6.82, 1e-12, "ρc")
    expectClose(Reliability.averageVarianceExtracted(loadings: [0.7, 0.8, 0.9]), (0.49 + 0.64 + 0.81) / 3, 1e-12, "AVE")
  }

  @Test("Rule AN-QUALITY: ρA equals the common correlation for equal weights on an equicorrelated block (τ-equivalent case)")
  func rhoAEquicorrelated() throws {
    // Three indicators with pairwise correlation r; a unit-variance composite with equal weights
    // needs 3w²(1 + 2r) = 1. Then w'w = 3w², w'(S − I)w = 6rw², (w'w)² − Σw⁴ = 6w⁴, so
    // ρA = 9w⁴ · 6rw² / 6w⁴ = 9rw² = 3r/(1 + 2r) — the standardised α of the block.
    let r = 0.5
    var s = Matrix.identity(3)
    for i in 0..<3 { for j in 0..<3 where i != j { s[i, j] = r } }
    let w = 1 / (3 * (1 + 2 * r)).squareRoot()
    expectClose(Reliability.rhoA(weights: [w, w, w], correlations: s), 3 * r / (1 + 2 * r), 1e-12, "ρA")
    let alphaByFormula = 3.0 / 2.0 * (1 - 3 / (3 + 6 * r))
    expectClose(3 * r / (1 + 2 * r), alphaByFormula, 1e-12, "ρA equals α when weights are equal")
  }

  @Test("Rule AN-QUALITY: ρA and ρc are between α-like bounds on the ECSI data (ρA in [0,1], ρc ≥ α for congeneric blocks)")
  func rhoARange() throws {
    for b in try Reliability.assess(try Self.satisfactionFit()) {
      #expect(b.rhoA > 0.7 && b.rhoA < 1, "ρA \(b.construct) = \(b.rhoA)")
      #expect(b.compositeReliability >= b.cronbachAlpha - 1e-9, "ρc \(b.construct)")
    }
  }

  @Test("Rule AN-QUALITY: HTMT is symmetric with unit diagonal and below 1 for the distinct ECSI constructs")
  func htmt() throws {
    let h = Validity.htmt(try Self.satisfactionFit())
    for i in 0..<6 {
      expectClose(h[i, i], 1, 0, "diag")
      for j in 0..<6 { expectClose(h[i, j], h[j, i], 1e-15, "symmetry") }
    }
    #expect(h[0, 1] > 0.3 && h[0, 1] < 1)
  }

  @Test("Rule AN-QUALITY: HTMT of a block with its own copy is (p + 2Σ|r|)/p² ÷ mean monotrait |r| (hand-derived)")
  func htmtCopy() throws {
    let d = try Fixtures.smallData()
    let data = try Dataset(columnNames: d.columnNames + ["c1", "c2", "c3"], columns: d.columns + Array(d.columns[0..<3]))
    let model = PLSModel(
      constructs: [
        ConstructSpec(name: "A", indicators: ["a1", "a2", "a3"]), ConstructSpec(name: "C", indicators: ["c1", "c2", "c3"]),
        ConstructSpec(name: "B", indicators: ["b1", "b2", "b3"]),
      ],
      paths: [StructuralPath(from: "A", to: "B"), StructuralPath(from: "C", to: "B")])
    // A and C are identical, so the structural regression is singular: the estimator must say so.
    #expect(throws: AnalyticsError.self) { try PLSEstimator.estimate(model: model, data: data) }
    let model2 = PLSModel(constructs: model.constructs, paths: [StructuralPath(from: "A", to: "B"), StructuralPath(from: "B", to: "C")])
    let h = Validity.htmt(try PLSEstimator.estimate(model: model2, data: data))
    // Heterotrait block = the monotrait block including its unit diagonal.
    var sumOff = 0.0
    for i in 0..<3 {
      for j in 0..<i {
        sumOff += try abs(WeightedStatistics.correlation(d.columns[i].map { try #require($0) }, d.columns[j].map { try #require($0) }))
      }
    }
    let expected = ((3 + 2 * sumOff) / 9) / (sumOff / 3)
    expectClose(h[0, 1], expected, 1e-12, "HTMT(A, copy of A)")
    #expect(h[0, 1] > 1)
  }

  @Test("Rule AN-QUALITY: inner VIF is 1/(1−r²) for two predictors and 1 for a single predictor")
  func innerVIF() throws {
    let fit = try Self.satisfactionFit()
    let vifs = try Validity.innerVIF(fit)
    let r = WeightedStatistics.correlation(try fit.scores("IMAG"), try fit.scores("SAT"))
    let loy = vifs.filter { $0.dependent == "LOY" }
    #expect(loy.count == 2)
    for v in loy { expectClose(v.vif, 1 / (1 - r * r), 1e-10, "VIF \(v.predictor) -> LOY") }
    #expect(vifs.first { $0.dependent == "EXPE" }?.vif == 1)
    #expect(vifs.filter { $0.dependent == "SAT" }.allSatisfy { $0.vif > 1 })
  }
}
