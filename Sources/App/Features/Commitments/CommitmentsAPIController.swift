import Domain
import Fluent
import Vapor

/// `/api/v1/connection-applications` and `/api/v1/commitments/breaches` (rules COM-*).
enum CommitmentsAPIController {
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let fromParameter = QueryParameter<CivilDate>.date("from")
  static let toParameter = QueryParameter<CivilDate>.date("to")
  /// The newest applications a list returns.
  static let listLimit = 500
  /// The longest period of the breach list, in days.
  static let maxPeriodDays = 3_660
  static let importLimit = ByteCount(value: 50 * 1024 * 1024)

  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiConnectionApplications.components, use: list).query(unitParameter)
    api.post(Paths.apiConnectionApplications.components, use: create)
    api.get(Paths.apiConnectionApplication.components, use: one)
    api.post(Paths.apiConnectionApplicationStages.components, use: recordStage)
    api.post(Paths.apiConnectionApplicationWaits.components, use: wait)
    api.get(Paths.apiCommitmentBreaches.components, use: breaches).query(unitParameter, fromParameter, toParameter)
    api.post(Paths.apiConnectionApplicationsImport, bodyLimit: importLimit, use: importApplications)
  }

  /// The applications of a unit's subtree (default: the caller's units), newest first, `limit` at most.
  static func applications(unitID: UUID?, actor: Actor, limit: Int?, on db: any Database) async throws -> [ConnectionApplication] {
    var units = try await OrgUnit.visible(to: actor, on: db)
    if let unitID {
      let unit = try await OrgUnit.findVisible(unitID, for: actor, on: db)
      units = units.filter { unit.unitPath.contains($0.unitPath) }
    }
    let query = ConnectionApplication.query(on: db).filter(\.$unit.$id ~~ units.compactMap(\.id)).with(\.$unit)
      .sort(\.$createdAt, .descending)
    if let limit { query.limit(limit) }
    return try await query.all()
  }

  static func dto(_ judged: ConnectionApplications.Judged, _ actor: Actor) throws -> ConnectionApplicationDTO {
    try ConnectionApplicationDTO(judged, fullPhone: ConnectionApplications.canKeep(actor))
  }

  static func judged(_ id: UUID, _ req: Request) async throws -> ConnectionApplications.Judged {
    let application = try await ConnectionApplications.findVisible(id, for: try req.actor, on: req.db)
    guard let judged = try await ConnectionApplications.judge([application], on: req.db, now: req.now).first else {
      throw AppError.notFound("entity.connection_application")
    }
    return judged
  }

  @Sendable static func list(req: Request) async throws -> ListResponse<ConnectionApplicationDTO> {
    let actor = try req.actor
    let found = try await applications(unitID: try req.query(unitParameter), actor: actor, limit: listLimit, on: req.db)
    return ListResponse(items: try await ConnectionApplications.judge(found, on: req.db, now: req.now).map { try dto($0, actor) })
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    let body = try req.content.decode(NewConnectionApplicationRequest.self)
    let input = ConnectionApplications.Input(
      kind: body.kind, customerAccount: body.customerAccount, customerName: body.customerName, customerPhone: body.customerPhone,
      connectionClass: body.connectionClass, voltage: body.voltage, capacityKw: body.capacityKw.map { String($0) }, unitID: body.unitId,
      acceptedAt: body.acceptedAt)
    let application = try await apiErrors {
      try await ConnectionApplications.create(input, actor: actor, localizer: req.application.localizer, on: req.db, now: req.now)
    }
    return try await dto(try await judged(try application.requireID(), req), actor).encodeResponse(status: .created, for: req)
  }

  @Sendable static func one(req: Request) async throws -> ConnectionApplicationDTO {
    let id = try req.uuidParameter("applicationID", entity: "entity.connection_application")
    return try dto(try await judged(id, req), try req.actor)
  }

  @Sendable static func recordStage(req: Request) async throws -> ConnectionApplicationDTO {
    let id = try req.uuidParameter("applicationID", entity: "entity.connection_application")
    let actor = try req.actor
    let current = try await judged(id, req)
    let body = try req.content.decode(ConnectionStageRequest.self)
    try await apiErrors {
      try await ConnectionApplications.recordStage(
        current.application, stage: body.stage, startedAt: body.startedAt, finishedAt: body.finishedAt, version: body.version,
        actor: actor, localizer: req.application.localizer, on: req.db, now: req.now)
    }
    return try dto(try await judged(id, req), actor)
  }

  @Sendable static func wait(req: Request) async throws -> ConnectionApplicationDTO {
    let id = try req.uuidParameter("applicationID", entity: "entity.connection_application")
    let actor = try req.actor
    let current = try await judged(id, req)
    let body = try req.content.decode(ConnectionWaitRequest.self)
    try await apiErrors {
      try await ConnectionApplications.wait(
        current.application, reason: body.reason, at: body.at, version: body.version, actor: actor, on: req.db, now: req.now)
    }
    return try dto(try await judged(id, req), actor)
  }

  /// COM-IMPORT: the marketing system's daily file, all or nothing.
  @Sendable static func importApplications(req: Request) async throws -> ConnectionImport.Outcome {
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    return try await ConnectionImport.run(data, actor: try req.actor, localizer: req.application.localizer, on: req.db, now: req.now)
  }

  /// COM-BREACHES: every breached clock of the applications of a unit's subtree whose deadline
  /// falls in the period (both days included; default the current month up to today).
  @Sendable static func breaches(req: Request) async throws -> [CommitmentBreachDTO] {
    let actor = try req.actor
    let today = BusinessTime.civilDate(of: req.now)
    let to = try req.query(toParameter) ?? today
    let from = try req.query(fromParameter) ?? CivilDate(year: to.year, month: to.month, day: 1) ?? to
    guard from <= to else { throw AppError.invalid("to", "commitments.error.period_order") }
    guard to.dayNumber - from.dayNumber < maxPeriodDays else {
      throw AppError.invalid("to", "commitments.error.period_length", String(maxPeriodDays))
    }
    let start = BusinessTime.startOfDay(from)
    let end = BusinessTime.startOfDay(to.adding(days: 1))
    let found = try await applications(unitID: try req.query(unitParameter), actor: actor, limit: nil, on: req.db)
    var out: [CommitmentBreachDTO] = []
    for judged in try await ConnectionApplications.judge(found, on: req.db, now: req.now) {
      for reading in judged.readings where reading.isBreach && reading.dueAt >= start && reading.dueAt < end {
        out.append(
          CommitmentBreachDTO(
            rule: reading.code, recordId: try judged.application.requireID(), recordNumber: judged.application.number,
            dueAt: reading.dueAt, doneAt: reading.doneAt, lateSeconds: reading.lateSeconds, unitId: judged.application.$unit.id))
      }
    }
    return out.sorted { ($0.dueAt, $0.recordNumber) < ($1.dueAt, $1.recordNumber) }
  }
}
