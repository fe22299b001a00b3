import Foundation
import Vapor

/// A saved run in lists: what went in, who ran it, with which software.
struct AnalysisRunSummaryDTO: Content {
  let id: UUID
  let kind: String
  let title: String
  let inputDescription: String
  let inputHash: String
  let softwareVersion: String
  let createdBy: String
  let createdAt: Date
  /// The unit whose subtree the run read.
  let scopeUnitId: UUID

  init(_ run: AnalysisRun) throws {
    id = try run.requireID()
    kind = run.kind
    title = run.title
    inputDescription = run.inputDescription
    inputHash = run.inputHash
    softwareVersion = run.softwareVersion
    createdBy = run.createdBy
    createdAt = run.createdAt
    scopeUnitId = run.$scopeUnit.id
  }
}

/// One run with its settings and outputs (the JSON `wanjia analyze … --json` prints).
struct AnalysisRunDTO: Content {
  let id: UUID
  let kind: String
  let title: String
  let inputDescription: String
  let inputHash: String
  let softwareVersion: String
  let createdBy: String
  let createdAt: Date
  /// The unit whose subtree the run read.
  let scopeUnitId: UUID
  let settings: JSONValue
  let outputs: JSONValue

  init(_ run: AnalysisRun) throws {
    id = try run.requireID()
    kind = run.kind
    title = run.title
    inputDescription = run.inputDescription
    inputHash = run.inputHash
    softwareVersion = run.softwareVersion
    createdBy = run.createdBy
    createdAt = run.createdAt
    scopeUnitId = run.$scopeUnit.id
    settings = try JSONParser.parse(Array(run.settings.utf8), source: "settings")
    outputs = try JSONParser.parse(Array(run.outputs.utf8), source: "outputs")
  }

  /// Only ever sent.
  init(from decoder: any Decoder) throws {
    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "AnalysisRunDTO is sent, never received"))
  }
}

/// `POST /api/v1/analysis-runs`: `{"kind":"csi","waveId":…,"groupBy":"unit","bootstrap":500}` or `{"kind":"ahp","criteria":[…],"matrix":[[…]]}`.
struct AnalysisRunRequest: Content {
  /// A judgment: a number or text such as "1/3".
  struct Judgment: Codable {
    let text: String

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Double.self) {
        text = String(number)
      } else {
        text = try container.decode(String.self)
      }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode(text)
    }
  }

  let kind: String
  let title: String?
  let waveId: String?
  /// kind csi: "unit" or "segment" for an index per group.
  let groupBy: String?
  /// kind csi: resamples for the index interval.
  let bootstrap: Int?
  let criteria: [String]?
  let matrix: [[Judgment]]?
}

extension JSONValue: Encodable {
  struct Key: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .object(let members):
      var container = encoder.container(keyedBy: Key.self)
      for (key, value) in members { try container.encode(value, forKey: Key(key)) }
    case .array(let items):
      var container = encoder.unkeyedContainer()
      for item in items { try container.encode(item) }
    case .number(let d):
      var container = encoder.singleValueContainer()
      try container.encode(d)
    case .integer(let i):
      var container = encoder.singleValueContainer()
      try container.encode(i)
    case .string(let s):
      var container = encoder.singleValueContainer()
      try container.encode(s)
    case .bool(let b):
      var container = encoder.singleValueContainer()
      try container.encode(b)
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    }
  }
}
