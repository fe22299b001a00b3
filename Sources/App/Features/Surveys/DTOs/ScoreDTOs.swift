import Domain
import Foundation
import Vapor

/// A score with its n, confidence intervals and small-sample flag, as the API and CLI print it.
struct ScoreDTO: Content {
  let n: Int
  let effectiveN: Double
  let mean: Double
  let meanCI: [Double]
  let satisfactionRate: Double
  let rateCI: [Double]
  let smallSample: Bool

  init?(_ accumulator: ScoreAccumulator?) {
    guard let s = accumulator?.summary() else { return nil }
    n = s.n
    effectiveN = s.effectiveN
    mean = s.mean
    meanCI = [s.meanCI.low, s.meanCI.high]
    satisfactionRate = s.satisfactionRate
    rateCI = [s.rateCI.low, s.rateCI.high]
    smallSample = s.smallSample
  }
}

struct UnitScoresDTO: Content {
  struct Target: Content {
    let assessment: Double
    let stretch: Double
    let outcome: String
  }
  let unitId: UUID
  let code: String
  let name: String
  let kind: UnitKind
  let overall: ScoreDTO?
  let modules: [String: ScoreDTO]
  let items: [String: ScoreDTO]
  let segments: [String: ScoreDTO]
  let channels: [String: ScoreDTO]
  let target: Target?
  let previousMean: Double?
  let change: Double?
}

struct WaveScoresDTO: Content {
  let waveId: UUID
  let code: String
  let year: Int
  let previousWave: String?
  let units: [UnitScoresDTO]

  init(_ scores: ScoreService.WaveScores) throws {
    waveId = try scores.wave.requireID()
    code = scores.wave.code
    year = scores.wave.year
    previousWave = scores.previousWave?.code
    units = try scores.units.map { unit in
      let overall = unit.overall.summary()
      return UnitScoresDTO(
        unitId: try unit.unit.requireID(), code: unit.unit.code, name: unit.unit.name, kind: unit.unit.kind,
        overall: ScoreDTO(unit.overall),
        modules: Dictionary(uniqueKeysWithValues: unit.modules.compactMap { k, v in ScoreDTO(v).map { (k.rawValue, $0) } }),
        items: Dictionary(uniqueKeysWithValues: unit.items.compactMap { k, v in ScoreDTO(v).map { (k, $0) } }),
        segments: Dictionary(uniqueKeysWithValues: unit.segments.compactMap { k, v in ScoreDTO(v).map { (k.rawValue, $0) } }),
        channels: Dictionary(uniqueKeysWithValues: unit.channels.compactMap { k, v in ScoreDTO(v).map { (k, $0) } }),
        target: unit.target.map { t in
          .init(assessment: t.assessment, stretch: t.stretch, outcome: t.outcome(for: overall?.mean ?? 0).rawValue)
        },
        previousMean: unit.previous,
        change: unit.previous.flatMap { previous in overall.map { $0.mean - previous } })
    }
  }
}
