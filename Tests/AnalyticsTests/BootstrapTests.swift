import Foundation
import Testing

@testable import Analytics

@Suite struct BootstrapTests {
  static func ecsiFit() throws -> PLSResult {
    try PLSEstimator.estimate(model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"))
  }

  @Test("Rule AN-BOOTSTRAP: the same seed gives identical intervals, and parallel equals serial (independent of thread count)")
  func deterministic() throws {
    let fit = try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: try Fixtures.smallData(rows: 60))
    let a = try PLSBootstrap.run(fit, settings: BootstrapSettings(resamples: 64, seed: 11, parallel: true))
    let b = try PLSBootstrap.run(fit, settings: BootstrapSettings(resamples: 64, seed: 11, parallel: true))
    let serial = try PLSBootstrap.run(fit, settings: BootstrapSettings(resamples: 64, seed: 11, parallel: false))
    #expect(a.outerWeights == b.outerWeights)
    #expect(a.outerWeights == serial.outerWeights)
    #expect(a.paths == serial.paths)
    #expect(a.totalEffects == serial.totalEffects)
    let other = try PLSBootstrap.run(fit, settings: BootstrapSettings(resamples: 64, seed: 12, parallel: true))
    #expect(other.paths != a.paths)
  }

  @Test("Rule AN-BOOTSTRAP: percentile intervals contain the original estimate for ECSI weights, loadings, paths and total effects")
  func intervalsContainEstimates() throws {
    let fit = try Self.ecsiFit()
    let boot = try PLSBootstrap.run(fit, settings: BootstrapSettings(resamples: 120, seed: 2024))
    #expect(boot.successfulResamples == 120)
    #expect(boot.outerWeights.count == 27 && boot.loadings.count == 27)
    #expect(boot.paths.count == 10)
    #expect(boot.totalEffects.count == 15)
    let all = boot.outerWeights + boot.loadings + boot.paths.map(\.interval) + boot.totalEffects.map(\.interval)
    for ci in all {
      #expect(ci.lower <= ci.estimate && ci.estimate <= ci.upper, "\(ci)")
      #expect(ci.standardError > 0 && ci.standardError.isFinite)
    }
    // The strong paths are significant, the near-zero EXPE -> SAT path is not.
    let expeSat = boot.paths.first { $0.from == "EXPE" && $0.to == "SAT" }!.interval
    #expect(expeSat.lower < 0 && expeSat.upper > 0)
    let valSat = boot.paths.first { $0.from == "VAL" && $0.to == "SAT" }!.interval
    #expect(valSat.lower > 0)
  }

  @Test("Rule AN-BOOTSTRAP: fewer than 2 resamples or a confidence level outside (0,1) is rejected")
  func invalidSettings() throws {
    let fit = try PLSEstimator.estimate(model: Fixtures.twoConstructs, data: try Fixtures.smallData())
    #expect(throws: AnalyticsError.self) { try PLSBootstrap.run(fit, settings: BootstrapSettings(resamples: 1)) }
    #expect(throws: AnalyticsError.self) { try PLSBootstrap.run(fit, settings: BootstrapSettings(confidenceLevel: 1)) }
  }

  @Test("Rule AN-BOOTSTRAP: xoshiro256** streams are reproducible from (seed, index) and differ between indices")
  func generatorStreams() {
    var a = Xoshiro256StarStar(seed: 5, stream: 3)
    var b = Xoshiro256StarStar(seed: 5, stream: 3)
    var c = Xoshiro256StarStar(seed: 5, stream: 4)
    let xa = (0..<5).map { _ in a.next() }
    #expect(xa == (0..<5).map { _ in b.next() })
    #expect(xa != (0..<5).map { _ in c.next() })
    var sm = SplitMix64(seed: 0)
    // Reference value of SplitMix64 with seed 0 (first output), from the published C code.
    #expect(sm.next() == 0xE220_A839_7B1D_CDAF)
  }
}
