import Foundation
import Testing

@testable import Analytics

/// Degenerate inputs must end in a typed error or in finite numbers — never a trap, hang or NaN.
@Suite struct RobustnessTests {
  @Test(
    "Rule AN-PLS-SETTINGS: random degenerate PLS inputs (tiny n, constant, duplicated, missing columns) give AnalyticsError or finite results"
  )
  func plsNeverProducesNaN() throws {
    var rng = Xoshiro256StarStar(seed: 99)
    var thrown = 0, finished = 0
    for trial in 0..<150 {
      let n = 3 + Int(rng.next() % 8)
      var cols: [[Double?]] = (0..<6).map { _ in (0..<n).map { _ in Double(rng.next() % 5) } }
      switch trial % 5 {
      case 0: cols[Int(rng.next() % 6)] = Array(repeating: 2, count: n)
      case 1: cols[1] = cols[0]
      case 2: cols[Int(rng.next() % 6)][Int(rng.next() % UInt64(n))] = nil
      case 3: cols[3] = cols[0].map { $0.map { -$0 } }
      default: break
      }
      let data = try Dataset(columnNames: ["a1", "a2", "a3", "b1", "b2", "b3"], columns: cols)
      let mode: MeasurementMode = trial % 2 == 0 ? .reflective : .formative
      let model = PLSModel(
        constructs: [
          ConstructSpec(name: "A", indicators: ["a1", "a2", "a3"], mode: mode),
          ConstructSpec(name: "B", indicators: ["b1", "b2", "b3"]),
        ],
        paths: [StructuralPath(from: "A", to: "B")])
      let scheme = InnerWeightingScheme.allCases[trial % 3]
      let missing: MissingValuePolicy = trial % 4 == 0 ? .meanReplacement : .listwiseDeletion
      do {
        let r = try PLSEstimator.estimate(model: model, data: data, settings: PLSSettings(scheme: scheme, missingValues: missing))
        let numbers = r.outerWeights + r.loadings + r.rSquared + r.pathCoefficients.values + r.scores.values
        #expect(numbers.allSatisfy { $0.isFinite }, "trial \(trial)")
        _ = try? Reliability.assess(r)
        #expect(Validity.htmt(r).values.allSatisfy { $0.isFinite })
        finished += 1
      } catch is AnalyticsError {
        thrown += 1
      }
    }
    #expect(thrown + finished == 150)
    #expect(thrown > 0 && finished > 0)
  }

  @Test("Rule AN-AHP: random positive judgment matrices always give finite weights summing to 1 and CR ≥ 0")
  func ahpRandomMatrices() throws {
    var rng = Xoshiro256StarStar(seed: 5)
    let scale: [Double] = [1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1, 3, 5, 7, 9]
    for n in 1...15 {
      let upper = (0..<(n - 1)).map { i in (0..<(n - 1 - i)).map { _ in scale[Int(rng.next() % 9)] } }
      let r = AHP.analyze(try PairwiseComparisonMatrix(upperTriangle: upper))
      #expect(r.weights.allSatisfy { $0.isFinite && $0 > 0 })
      expectClose(r.weights.reduce(0, +), 1, 1e-9, "sum n=\(n)")
      #expect(r.consistencyRatio >= 0 && r.lambdaMax >= Double(n) - 1e-9)
    }
  }
}
