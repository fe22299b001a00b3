import Domain
import Fluent
import Foundation
import Vapor

/// A value that is encoded as JSON null when missing (the API's documented keys are always there).
struct NullableNumber: Content, Equatable {
  let value: Double?

  init(_ value: Double?) { self.value = value }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    value = container.decodeNil() ? nil : try container.decode(Double.self)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value { try container.encode(value) } else { try container.encodeNil() }
  }
}

/// `GET /api/v1/reliability` (docs/outage-format.md): the indices of a unit and its subtree.
struct ReliabilityResponse: Content {
  struct IEEE: Content {
    let saifi: Double
    let saidi: Double
    let caidi: NullableNumber
    let asai: Double
    let caifi: NullableNumber
    let ctaidi: NullableNumber
    let maifi: Double
    let sustainedInterruptions: Int
    let customerInterruptions: Int
    let momentaryInterruptions: Int

    init(_ i: IEEEIndices) {
      saifi = i.saifi
      saidi = i.saidi
      caidi = NullableNumber(i.caidi)
      asai = i.asai
      caifi = NullableNumber(i.caifi)
      ctaidi = NullableNumber(i.ctaidi)
      maifi = i.maifi
      sustainedInterruptions = i.sustainedInterruptions
      customerInterruptions = i.customerInterruptions
      momentaryInterruptions = i.momentaryInterruptions
    }
  }

  struct Area: Content {
    let customersServed: Int
    let rs1: Double
    let rs3: Double
    let aihc: Double
    let aitc: Double
    let target: Double
    let meetsTarget: Bool

    init(_ d: DLTIndices) {
      customersServed = d.customersServed
      rs1 = d.rs1
      rs3 = d.rs3
      aihc = d.aihc
      aitc = d.aitc
      target = d.target ?? 0
      meetsTarget = d.meetsTarget ?? true
    }
  }

  let unitId: UUID
  let unitName: String
  let from: String
  let to: String
  let customersServed: Int
  let saifi: Double
  let saidi: Double
  let caidi: NullableNumber
  let asai: Double
  let caifi: NullableNumber
  let ctaidi: NullableNumber
  let maifi: Double
  let sustainedInterruptions: Int
  let momentaryInterruptions: Int
  let rs1: Double
  let rs3: Double
  let aihc: Double
  let aitc: Double
  let averageFaultRestorationMinutes: NullableNumber
  let majorEventThreshold: NullableNumber
  let majorEventDays: [String]
  let withoutMajorEvents: IEEE
  let urban: Area
  let rural: Area

  init(unitID: UUID, unitName: String, report r: ReliabilityReport) {
    unitId = unitID
    self.unitName = unitName
    from = r.from.description
    to = r.to.description
    customersServed = r.customersServed
    saifi = r.ieee.saifi
    saidi = r.ieee.saidi
    caidi = NullableNumber(r.ieee.caidi)
    asai = r.ieee.asai
    caifi = NullableNumber(r.ieee.caifi)
    ctaidi = NullableNumber(r.ieee.ctaidi)
    maifi = r.ieee.maifi
    sustainedInterruptions = r.ieee.sustainedInterruptions
    momentaryInterruptions = r.ieee.momentaryInterruptions
    rs1 = r.dlt.rs1
    rs3 = r.dlt.rs3
    aihc = r.dlt.aihc
    aitc = r.dlt.aitc
    averageFaultRestorationMinutes = NullableNumber(r.averageFaultRestorationMinutes)
    majorEventThreshold = NullableNumber(r.majorEventThreshold)
    majorEventDays = r.majorEventDays.map(\.description)
    withoutMajorEvents = IEEE(r.withoutMajorEvents)
    urban = Area(r.urban)
    rural = Area(r.rural)
  }
}

/// `/api/v1/reliability` and `/api/v1/outages/import` (rules REL-…, docs/outage-format.md).
enum ReliabilityAPIController {
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let fromParameter = QueryParameter<CivilDate>.date("from")
  static let toParameter = QueryParameter<CivilDate>.date("to")
  static let importLimit = ByteCount(value: 100 * 1024 * 1024)

  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiReliability.components, use: indices).query(unitParameter, fromParameter, toParameter)
    api.post(Paths.apiOutagesImport, bodyLimit: importLimit, use: importHistory)
  }

  @Sendable static func indices(req: Request) async throws -> ReliabilityResponse {
    let loaded = try await ReliabilityService.load(
      unitID: try req.query(unitParameter), from: try req.query(fromParameter), to: try req.query(toParameter), actor: try req.actor,
      sources: req.application.interruptionSources, on: req.db, now: req.now)
    return ReliabilityResponse(unitID: try loaded.scope.unit.requireID(), unitName: loaded.scope.unit.name, report: loaded.report)
  }

  @Sendable static func importHistory(req: Request) async throws -> InterruptionImport.Outcome {
    let actor = try req.actor
    try InterruptionImport.requireImporter(actor)
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    return try await InterruptionImport.run(data, actor: actor, on: req.db, now: req.now)
  }
}
