import Foundation
import Vapor

/// A saved run in lists: what went in, who ran it, with which software.
struct AnalysisRunSummaryDTO: Content {
  let id: UUID
  let kind: AnalysisKind
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
  let kind: AnalysisKind
  let title: String
  let inputDescription: String
  let inputHash: String
  let softwareVersion: String
  let createdBy: String
  let createdAt: Date
  /// The unit whose subtree the run read.
  let scopeUnitId: UUID
  /// The settings (`settings`) and outputs (`outputs`, what `wanjia analyze … --json` prints).
  let content: AnalysisRunContent

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
    content = try run.content
  }

  private enum CodingKeys: String, CodingKey {
    case id, kind, title, inputDescription, inputHash, softwareVersion, createdBy, createdAt, scopeUnitId, settings, outputs
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(kind, forKey: .kind)
    try container.encode(title, forKey: .title)
    try container.encode(inputDescription, forKey: .inputDescription)
    try container.encode(inputHash, forKey: .inputHash)
    try container.encode(softwareVersion, forKey: .softwareVersion)
    try container.encode(createdBy, forKey: .createdBy)
    try container.encode(createdAt, forKey: .createdAt)
    try container.encode(scopeUnitId, forKey: .scopeUnitId)
    switch content {
    case .csi(let settings, let outputs):
      try container.encode(settings, forKey: .settings)
      try container.encode(outputs, forKey: .outputs)
    case .ahp(let settings, let outputs):
      try container.encode(settings, forKey: .settings)
      try container.encode(outputs, forKey: .outputs)
    }
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
