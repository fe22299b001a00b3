import Foundation
import Testing

@testable import Analytics

/// Reliability and HTMT against seminr's fixtures for the 4-construct mobi model (path scheme,
/// standardised). Agreement is limited by seminr's stopping rule (Σ|Δw| < 1e-7), see
/// SeminrFixtureTests.
@Suite struct SeminrQualityFixtureTests {
  static func fit() throws -> PLSResult {
    try PLSEstimator.estimate(
      model: Fixtures.seminrInnerWeightsModel, data: Fixtures.dataset("mobi.csv"), settings: Fixtures.seminrSettings)
  }

  @Test("Rule AN-QUALITY: α, ρc, AVE and ρA reproduce seminr's reliability table (seminr_V_3_6_0_reliability.csv)")
  func reliability() throws {
    let rel = try Reliability.assess(try Self.fit())
    let alpha = try Fixtures.keyed("seminr_V_3_6_0_reliability.csv", column: "alpha")
    let rhoC = try Fixtures.keyed("seminr_V_3_6_0_reliability.csv", column: "rhoC")
    let ave = try Fixtures.keyed("seminr_V_3_6_0_reliability.csv", column: "AVE")
    let rhoA = try Fixtures.keyed("seminr_V_3_6_0_reliability.csv", column: "rhoA")
    for b in rel {
      expectClose(b.cronbachAlpha, try #require(alpha[b.construct]), 1e-7, "α \(b.construct)")
      expectClose(b.compositeReliability, try #require(rhoC[b.construct]), 1e-7, "ρc \(b.construct)")
      expectClose(b.ave, try #require(ave[b.construct]), 1e-7, "AVE \(b.construct)")
      expectClose(b.rhoA, try #require(rhoA[b.construct]), 1e-7, "ρA \(b.construct)")
    }
  }

  @Test("Rule AN-QUALITY: HTMT reproduces seminr's HTMT matrix (seminr_V_3_5_X_htmt.csv)")
  func htmt() throws {
    let r = try Self.fit()
    let h = Validity.htmt(r)
    let t = try Fixtures.table("seminr_V_3_5_X_htmt.csv")
    for row in t.rows {
      for (c, col) in t.header.enumerated() where c > 0 {
        guard let expected = Double(row[c]) else { continue }
        expectClose(h[try r.constructIndex(row[0]), try r.constructIndex(col)], expected, 1e-9, "HTMT \(row[0])-\(col)")
      }
    }
  }

  @Test("Rule AN-QUALITY: inner VIF of Satisfaction's antecedents reproduces seminr (seminr_V_3_5_X_vif_antecedents.csv)")
  func innerVIF() throws {
    let vifs = try Validity.innerVIF(try Self.fit())
    let t = try Fixtures.table("seminr_V_3_5_X_vif_antecedents.csv")
    for (c, key) in t.header.enumerated() {
      let parts = key.split(separator: "*").map(String.init)
      let v = try #require(vifs.first { $0.dependent == parts[0] && $0.predictor == parts[1] })
      expectClose(v.vif, try #require(Double(t.rows[0][c])), 1e-7, "VIF \(key)")
    }
  }
}
