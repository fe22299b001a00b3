import Domain
import Fluent
import Foundation
import SQLKit

/// 满意度 and 满意率 of a wave per unit, module, item, segment and channel (SV-SCORE-RESPONDENT,
/// SV-SCORE-ROLLUP), over
/// respondents, weighted with the design weights and rolled up county → city → company; each unit
/// against its targets.
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

  /// One row of the database group-by: the respondent-level sums of one unit × segment × channel
  /// and one key (a module, a question, or the whole questionnaire).
  struct Row: Decodable {
    let unit_id: UUID
    let segment: String
    let channel: String
    let group_key: String
    let n: Int
    let sw: Double
    let sw2: Double
    let swx: Double
    let swx2: Double
    let swt: Double
    let swt2: Double

    var sums: ScoreAccumulator {
      ScoreAccumulator(
        count: n, sumWeights: sw, sumSquaredWeights: sw2, sumWeightedValues: swx, sumWeightedSquares: swx2,
        sumWeightedTopBox: swt, sumWeightedTopBoxSquares: swt2)
    }

    /// The grouping columns typed; a value no case knows is an error naming it.
    func responseChannel() throws -> ResponseChannel {
      guard let typed = ResponseChannel(rawValue: channel) else {
        throw UnknownStoredValue(table: SurveyAnswer.schema, column: "channel", value: channel)
      }
      return typed
    }

    func responseSegment() throws -> ResponseSegment {
      guard let typed = ResponseSegment(rawValue: segment) else {
        throw UnknownStoredValue(table: SurveyAnswer.schema, column: "segment", value: segment)
      }
      return typed
    }
  }

  /// What a respondent's score is taken over: each module, each question, or all scored answers.
  enum Grouping {
    case module, question, overall

    /// The column a respondent's answers are grouped by; none for the whole questionnaire.
    var column: String? {
      switch self {
      case .module: "module"
      case .question: "question_code"
      case .overall: nil
      }
    }
  }

  static func scores(wave: SurveyWave, actor: Actor, on db: any Database) async throws -> WaveScores {
    let units = try await OrgUnit.visible(to: actor, on: db)
    var byID = Dictionary(uniqueKeysWithValues: try units.map { (try $0.requireID(), UnitScores(unit: $0)) })
    let paths = try await unitPaths(on: db)
    /// A cell counts for its unit and every unit above it that the viewer sees.
    func addUp(_ row: Row, _ add: (inout UnitScores, ScoreAccumulator) -> Void) {
      for ancestor in paths[row.unit_id]?.ancestorIDs ?? [] {
        guard var scores = byID[ancestor] else { continue }
        add(&scores, row.sums)
        byID[ancestor] = scores
      }
    }
    for row in try await respondentSums(waveID: wave.requireID(), by: .overall, on: db) {
      let channel = try row.responseChannel()
      let segment = try row.responseSegment().customerSegment
      addUp(row) { scores, cell in
        scores.channels[channel.rawValue, default: .init()].merge(cell)
        guard channel.isSampleSurvey else { return }
        scores.overall.merge(cell)
        if let segment { scores.segments[segment, default: .init()].merge(cell) }
      }
    }
    for row in try await respondentSums(waveID: wave.requireID(), by: .module, on: db) {
      guard try row.responseChannel().isSampleSurvey else { continue }
      guard let module = ServiceModule(rawValue: row.group_key) else {
        throw UnknownStoredValue(table: SurveyAnswer.schema, column: "module", value: row.group_key)
      }
      addUp(row) { scores, cell in scores.modules[module, default: .init()].merge(cell) }
    }
    for row in try await respondentSums(waveID: wave.requireID(), by: .question, on: db) {
      guard try row.responseChannel().isSampleSurvey else { continue }
      addUp(row) { scores, cell in scores.items[row.group_key, default: .init()].merge(cell) }
    }
    for visit in try await WorkOrderSummaries.returnVisits(year: wave.year, on: db) {
      for ancestor in paths[visit.unitID]?.ancestorIDs ?? [] {
        guard byID[ancestor] != nil else { continue }
        byID[ancestor]?.channels[ResponseChannel.returnVisit.rawValue, default: .init()]
          .add(score: visit.satisfied ? 100 : 0, topBoxShare: visit.satisfied ? 1 : 0)
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

  /// Respondent-level sums: the inner query scores each respondent (their mean and top-box share
  /// over the grouping's answers), the outer one sums respondents per cell.
  static func respondentSums(waveID: UUID, by grouping: Grouping, on db: any Database) async throws -> [Row] {
    let sql = db.sql
    // PostgreSQL refuses a constant in GROUP BY, so the whole questionnaire groups by nothing more.
    let key = grouping.column ?? "''"
    let innerKey = grouping.column.map { ", \($0)" } ?? ""
    return try await sql.raw(
      """
      SELECT unit_id, segment, channel, group_key, COUNT(*) AS n, SUM(weight) AS sw, SUM(weight * weight) AS sw2,
        SUM(weight * score) AS swx, SUM(weight * score * score) AS swx2,
        SUM(weight * share) AS swt, SUM(weight * share * share) AS swt2
      FROM (
        SELECT response_id, unit_id, segment, channel, weight, \(unsafeRaw: key) AS group_key, AVG(value) AS score,
          AVG(CASE WHEN top_box THEN CAST(1 AS DOUBLE PRECISION) ELSE 0 END) AS share
        FROM survey_answers
        WHERE wave_id = \(bind: waveID) AND module IS NOT NULL AND value IS NOT NULL
        GROUP BY response_id, unit_id, segment, channel, weight\(unsafeRaw: innerKey)
      ) respondents
      GROUP BY unit_id, segment, channel, group_key
      """
    ).all(decoding: Row.self)
  }

  static func unitPaths(on db: any Database) async throws -> [UUID: UnitPath] {
    Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).all().map { (try $0.requireID(), $0.unitPath) })
  }

  /// Each unit's overall 满意度 in another wave, for the change from last year.
  static func overallMeans(waveID: UUID, paths: [UUID: UnitPath], on db: any Database) async throws -> [UUID: Double] {
    var sums: [UUID: ScoreAccumulator] = [:]
    for row in try await respondentSums(waveID: waveID, by: .overall, on: db) {
      guard try row.responseChannel().isSampleSurvey else { continue }
      for ancestor in paths[row.unit_id]?.ancestorIDs ?? [] {
        sums[ancestor, default: .init()].merge(row.sums)
      }
    }
    return sums.compactMapValues { $0.summary()?.mean }
  }
}
