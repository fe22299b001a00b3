import Foundation
import Testing

@testable import Analytics

@Suite struct CSITests {
  static var scale: IndicatorScale { get throws { try IndicatorScale(minimum: 0, maximum: 10) } }

  static func standardizedFit() throws -> PLSResult {
    try PLSEstimator.estimate(model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"))
  }

  @Test("Rule AN-CSI-INDEX: CSI index = (Σ w̃·mean(x) − min)/(max − min)·100 with w̃ = (w/SD) normalised to sum 1 (hand-computed)")
  func indexDefinition() throws {
    let fit = try Self.standardizedFit()
    let indices = try CSIIndex.compute(fit, scale: try Self.scale)
    let sat = indices.first { $0.construct == "SAT" }!
    let data = try Fixtures.dataset("satisfaction.csv")
    // Recompute by hand from the CSV columns and the model's standardised weights.
    var unstd: [Double] = []
    var means: [Double] = []
    for name in sat.indicators {
      let x = try data.column(named: name).map { try #require($0) }
      let sd = WeightedStatistics.standardDeviation(x)
      unstd.append(try fit.outerWeight(name) / sd)
      means.append(x.reduce(0, +) / Double(x.count))
    }
    let total = unstd.reduce(0, +)
    let expected = zip(unstd, means).reduce(0.0) { $0 + $1.0 / total * $1.1 } / 10 * 100
    expectClose(sat.index, expected, 1e-10, "SAT index")
    expectClose(sat.normalizedWeights.reduce(0, +), 1, 1e-12, "w̃ sums to 1")
    let meanOfRespondents = sat.respondentScores.reduce(0, +) / Double(sat.respondentScores.count)
    expectClose(meanOfRespondents, sat.index, 1e-10, "index = mean of respondent indices")
    #expect(indices.allSatisfy { $0.index > 0 && $0.index < 100 })
  }

  @Test("Rule AN-CSI-INDEX: with raw scaling the unstandardised weights are the raw model's weights")
  func rawWeights() throws {
    let raw = try PLSEstimator.estimate(
      model: ECSIModels.satisfaction, data: Fixtures.dataset("satisfaction.csv"), settings: ECSIModels.plspmSettings(.centroid))
    let indices = try CSIIndex.compute(raw, scale: try Self.scale)
    let imag = indices.first { $0.construct == "IMAG" }!
    let w = try (1...5).map { try raw.outerWeight("imag\($0)") }
    let s = w.reduce(0, +)
    for k in 0..<5 { expectClose(imag.normalizedWeights[k], w[k] / s, 1e-12, "w̃ imag\(k + 1)") }
  }

  @Test("Rule AN-CSI-INDEX: per-respondent index is a linear transform of the latent score (correlation 1)")
  func respondentLinear() throws {
    let fit = try Self.standardizedFit()
    for (l, ci) in try CSIIndex.compute(fit, scale: try Self.scale).enumerated() {
      expectClose(WeightedStatistics.correlation(ci.respondentScores, fit.scores.column(l)), 1, 1e-10, ci.construct)
    }
  }

  @Test("Rule AN-CSI-INDEX: values outside the declared scale and min ≥ max are rejected")
  func scaleValidation() throws {
    #expect(throws: AnalyticsError.self) { try IndicatorScale(minimum: 5, maximum: 5) }
    let fit = try Self.standardizedFit()
    #expect(throws: AnalyticsError.self) { try CSIIndex.compute(fit, scale: try IndicatorScale(minimum: 1, maximum: 5)) }
  }

  @Test("Rule AN-CSI-GROUPS: group indices average the respondent indices of each group; groups partition the overall index")
  func groups() throws {
    let fit = try Self.standardizedFit()
    let text = try Fixtures.text("satisfaction.csv").split(whereSeparator: \.isNewline).dropFirst()
    let gender = try text.map { String(try #require($0.split(separator: ",").last)) }
    let byGroup = try CSIIndex.byGroup(fit, scale: try Self.scale, groups: gender)
    #expect(Set(byGroup.keys) == ["male", "female"])
    let overall = try #require(try CSIIndex.compute(fit, scale: try Self.scale).first { $0.construct == "SAT" }?.index)
    let nMale = Double(gender.filter { $0 == "male" }.count)
    let nFemale = Double(gender.count) - nMale
    let male = try #require(byGroup["male"]?["SAT"])
    let female = try #require(byGroup["female"]?["SAT"])
    let pooled = (male * nMale + female * nFemale) / Double(gender.count)
    expectClose(pooled, overall, 1e-10, "pooled group indices")
  }

  @Test("Rule AN-BOOTSTRAP: bootstrap interval of the index contains the index")
  func bootstrapIndex() throws {
    let fit = try Self.standardizedFit()
    let ci = try CSIIndex.bootstrap(fit, scale: try Self.scale, settings: BootstrapSettings(resamples: 40, seed: 3))
    for (name, interval) in ci { #expect(interval.lower <= interval.estimate && interval.estimate <= interval.upper, "\(name)") }
  }

  @Test("Rule AN-IPMA: IPMA importance is the unstandardised total effect = standardised total effect × scale ratio of 0–100 scores")
  func ipmaImportance() throws {
    let fit = try Self.standardizedFit()
    let ipma = try IPMA.analyze(fit, target: "LOY", scale: try Self.scale)
    let indices = try CSIIndex.compute(fit, scale: try Self.scale)
    // 0–100 score = a + b·LV, so OLS on rescaled scores gives total effects scaled by b_target / b_source.
    func slope(_ l: Int) -> Double { WeightedStatistics.standardDeviation(indices[l].respondentScores) }
    let t = try fit.constructIndex("LOY")
    #expect(ipma.constructs.count == 5)
    for entry in ipma.constructs {
      let f = try fit.constructIndex(entry.name)
      expectClose(entry.importance, fit.totalEffects[f, t] * slope(t) / slope(f), 1e-9, "importance \(entry.name)")
      expectClose(entry.performance, indices[f].index, 1e-10, "performance \(entry.name)")
    }
    expectClose(ipma.targetPerformance, indices[t].index, 1e-12, "target performance")
    // Indicator importance = w̃ × construct importance.
    let sat = ipma.constructs.first { $0.name == "SAT" }!
    let satIndex = indices[try fit.constructIndex("SAT")]
    let sat1 = ipma.indicators.first { $0.name == "sat1" }!
    expectClose(sat1.importance, satIndex.normalizedWeights[0] * sat.importance, 1e-12, "sat1 importance")
  }

  @Test("Rule AN-IPMA: IPMA quadrants split at mean importance/performance: high-low is improveFirst (重点改进区)")
  func quadrants() throws {
    #expect(IPMAQuadrant.classify(importance: 2, performance: 40, meanImportance: 1, meanPerformance: 60) == .improveFirst)
    #expect(IPMAQuadrant.classify(importance: 2, performance: 80, meanImportance: 1, meanPerformance: 60) == .keep)
    #expect(IPMAQuadrant.classify(importance: 0.5, performance: 40, meanImportance: 1, meanPerformance: 60) == .opportunity)
    #expect(IPMAQuadrant.classify(importance: 0.5, performance: 80, meanImportance: 1, meanPerformance: 60) == .maintain)
    #expect(IPMAQuadrant.improveFirst.chineseLabel == "重点改进区")
    #expect(IPMAQuadrant.maintain.chineseLabel == "维持区")
  }

  @Test("Rule AN-IPMA: IPMA on an exogenous target (no predecessors) throws")
  func ipmaExogenous() throws {
    #expect(throws: AnalyticsError.self) { try IPMA.analyze(try Self.standardizedFit(), target: "IMAG", scale: try Self.scale) }
    #expect(throws: AnalyticsError.unknownConstruct(name: "NOPE")) {
      try IPMA.analyze(try Self.standardizedFit(), target: "NOPE", scale: try Self.scale)
    }
  }
}
