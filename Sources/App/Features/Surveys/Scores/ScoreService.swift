import Domain
import Fluent
import Foundation
import SQLKit

/// 满意度 and 满意率 of a wave per unit, module, item, segment and channel (DOMAIN.md §4), weighted
/// with the design weights and rolled up county → city → company; each unit against its targets.
enum ScoreService {
  struct UnitScores: Sendable {
    let unit: OrgUnit
    var overall = ScoreAccumulator()
    var modules: [ServiceModule: ScoreAccumulator] = [:]
    var items: [String: ScoreAccumulator] = [:]
    var segments: [CustomerSegment: ScoreAccumulator] = [:]
    var channels: [String: ScoreAccumulator] = [:]
    var target: SatisfactionTarget?
    var previous: Double?
  }

  struct WaveScores: Sendable {
    let wave: SurveyWave
    let previousWave: SurveyWave?
    let units: [UnitScores]
  }

  /// One row of the database group-by: the sums of one unit × module × item × segment × channel.
  struct Row: Decodable {
    let unit_id: UUID
    let module: String
    let question_code: String
    let segment: String
    let channel: String
    let n: Int
    let sw: Double
    let sw2: Double
    let swx: Double
    let swx2: Double
    let swt: Double
  }

  static func scores(wave: SurveyWave, actor: Actor, on db: any Database) async throws -> WaveScores {
    let units = try await OrgUnit.visible(to: actor, on: db)
    let rows = try await groupedRows(waveID: wave.requireID(), on: db)
    var byID = Dictionary(uniqueKeysWithValues: try units.map { (try $0.requireID(), UnitScores(unit: $0)) })
    let paths = try await unitPaths(on: db)
    for row in rows {
      let cell = ScoreAccumulator(
        count: row.n, sumWeights: row.sw, sumSquaredWeights: row.sw2, sumWeightedValues: row.swx,
        sumWeightedSquares: row.swx2, sumWeightedTopBox: row.swt)
      let sampled = ResponseChannel(rawValue: row.channel)?.isSampleSurvey ?? false
      // The answer counts for its unit and every unit above it.
      for ancestor in paths[row.unit_id]?.ancestorIDs ?? [] {
        guard let id = UUID(uuidString: ancestor), byID[id] != nil else { continue }
        byID[id]?.channels[row.channel, default: .init()].merge(cell)
        guard sampled else { continue }
        byID[id]?.overall.merge(cell)
        if let module = ServiceModule(rawValue: row.module) { byID[id]?.modules[module, default: .init()].merge(cell) }
        byID[id]?.items[row.question_code, default: .init()].merge(cell)
        if let segment = CustomerSegment(rawValue: row.segment) { byID[id]?.segments[segment, default: .init()].merge(cell) }
      }
    }
    for visit in try await WorkOrderQueries.returnVisits(year: wave.year, on: db) {
      for ancestor in paths[visit.unitID]?.ancestorIDs ?? [] {
        guard let id = UUID(uuidString: ancestor), byID[id] != nil else { continue }
        byID[id]?.channels[ResponseChannel.returnVisit.rawValue, default: .init()]
          .add(value: visit.satisfied ? 100 : 0, topBox: visit.satisfied)
      }
    }
    for target in try await SurveyTarget.query(on: db).filter(\.$wave.$id == wave.requireID()).all() {
      byID[target.$unit.id]?.target = target.target
    }
    let previousWave = try await SurveyWave.query(on: db).filter(\.$year == wave.year - 1).sort(\.$code).first()
    if let previousWave {
      for (id, mean) in try await overallMeans(waveID: previousWave.requireID(), paths: paths, on: db) {
        byID[id]?.previous = mean
      }
    }
    let ordered = try units.compactMap { byID[try $0.requireID()] }.filter { $0.overall.count > 0 || !$0.channels.isEmpty }
    return WaveScores(wave: wave, previousWave: previousWave, units: ordered)
  }

  static func groupedRows(waveID: UUID, on db: any Database) async throws -> [Row] {
    guard let sql = db as? any SQLDatabase else { return [] }
    return try await sql.raw(
      """
      SELECT unit_id, module, question_code, segment, channel, COUNT(*) AS n, SUM(weight) AS sw,
        SUM(weight * weight) AS sw2, SUM(weight * value) AS swx, SUM(weight * value * value) AS swx2,
        SUM(CASE WHEN top_box THEN weight ELSE 0 END) AS swt
      FROM survey_answers
      WHERE wave_id = \(bind: waveID) AND module IS NOT NULL AND value IS NOT NULL
      GROUP BY unit_id, module, question_code, segment, channel
      """
    ).all(decoding: Row.self)
  }

  static func unitPaths(on db: any Database) async throws -> [UUID: UnitPath] {
    Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).all().map { (try $0.requireID(), $0.unitPath) })
  }

  /// Each unit's overall 满意度 in another wave, for the change from last year.
  static func overallMeans(waveID: UUID, paths: [UUID: UnitPath], on db: any Database) async throws -> [UUID: Double] {
    var sums: [UUID: ScoreAccumulator] = [:]
    for row in try await groupedRows(waveID: waveID, on: db) where ResponseChannel(rawValue: row.channel)?.isSampleSurvey == true {
      let cell = ScoreAccumulator(
        count: row.n, sumWeights: row.sw, sumSquaredWeights: row.sw2, sumWeightedValues: row.swx,
        sumWeightedSquares: row.swx2, sumWeightedTopBox: row.swt)
      for ancestor in paths[row.unit_id]?.ancestorIDs ?? [] {
        if let id = UUID(uuidString: ancestor) { sums[id, default: .init()].merge(cell) }
      }
    }
    return sums.compactMapValues { $0.summary()?.mean }
  }
}
