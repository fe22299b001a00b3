import Domain
import Fluent
import Foundation
import Tabular

// What Surveys offers other features, and all of it they may name (FeatureBoundaryTests):
// `WaveSummary` with `WaveSummaries`, and `CSIItemMatrix`. No survey model leaves this feature.

/// A survey wave as other features show it.
struct WaveSummary: Sendable {
  let id: UUID
  let code: String
  let name: String
  let year: Int
}

/// The waves, newest year first.
enum WaveSummaries {
  static func all(on db: any Database) async throws -> [WaveSummary] {
    try await WaveService.list(on: db).map(summary)
  }

  /// The wave with this id, or nil.
  static func find(_ id: UUID, on db: any Database) async throws -> WaveSummary? {
    try await SurveyWave.find(id, on: db).map(summary)
  }

  private static func summary(_ wave: SurveyWave) throws -> WaveSummary {
    WaveSummary(id: try wave.requireID(), code: wave.code, name: wave.name, year: wave.year)
  }
}

/// The CSI items of a wave as a respondent × item matrix, for the PLS path model. Only the
/// sampled survey counts (phone and third party: the channels with design weights); each
/// response's weight is its case weight. Items are `csi.<construct>.<n>`.
struct CSIItemMatrix: Sendable {
  /// Items per construct, in `CSIConstruct` order, constructs without items left out.
  let blocks: [(construct: CSIConstruct, items: [String])]
  /// One row per response (ordered by response id), values in `items` order; nil = not answered.
  let rows: [[Double?]]
  let weights: [Double]
  /// Each row's unit and customer segment, for an index per group.
  let units: [UUID]
  let segments: [String]

  var items: [String] { blocks.flatMap(\.items) }

  /// The channels whose answers the matrix holds: the sampled survey's (rule SV-CHANNELS).
  static let channels = ResponseChannel.allCases.filter(\.isSampleSurvey).map(\.rawValue)

  /// The matrix as CSV (weight first), the bytes an analysis run's input hash is taken of.
  var csv: String {
    func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
    var text = CSVWriter.record(["weight"] + items)
    for (row, weight) in zip(rows, weights) {
      text += CSVWriter.record([number(weight)] + row.map { $0.map(number) ?? "" })
    }
    return text
  }

  /// The answers given in `units` only (a caller's subtree).
  static func load(waveID: UUID, units: [UUID], on db: any Database) async throws -> CSIItemMatrix {
    let answers = try await SurveyAnswer.query(on: db)
      .filter(\.$wave.$id == waveID).filter(\.$unit.$id ~~ units).filter(\.$channel ~~ ResponseChannel.allCases.filter(\.isSampleSurvey))
      .filter(\.$questionCode =~ "csi.")
      .field(\.$response.$id).field(\.$questionCode).field(\.$value).field(\.$weight).field(\.$unit.$id).field(\.$segment)
      .all()
    var codes: [CSIConstruct: Set<String>] = [:]
    var byResponse: [UUID: (weight: Double, unit: UUID, segment: String, values: [String: Double])] = [:]
    for answer in answers {
      let parts = answer.questionCode.split(separator: ".")
      guard parts.count == 3, let construct = CSIConstruct(rawValue: String(parts[1])), Int(parts[2]) != nil else { continue }
      codes[construct, default: []].insert(answer.questionCode)
      let id = answer.$response.id
      var entry = byResponse[id] ?? (answer.weight, answer.$unit.id, answer.segment.rawValue, [:])
      if let value = answer.value { entry.values[answer.questionCode] = value }
      byResponse[id] = entry
    }
    func itemNumber(_ code: String) -> Int { Int(code.split(separator: ".").last ?? "") ?? 0 }
    let blocks = CSIConstruct.allCases.compactMap { c in
      codes[c].map { (construct: c, items: $0.sorted { itemNumber($0) < itemNumber($1) }) }
    }
    let items = blocks.flatMap(\.items)
    let entries = byResponse.sorted { $0.key.uuidString < $1.key.uuidString }.map(\.value)
    return CSIItemMatrix(
      blocks: blocks, rows: entries.map { entry in items.map { entry.values[$0] } }, weights: entries.map(\.weight),
      units: entries.map(\.unit), segments: entries.map(\.segment))
  }
}
