import Domain
import Fluent
import Vapor

/// `/api/v1/outages` and `/api/v1/grid/import`: the register, its actions and customers, and the
/// customer file.
enum OutagesAPIController {
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let stateParameter = QueryParameter<OutageState>.choice("state", OutageState.self)
  static let noticeParameter = QueryParameter<OutageQueries.NoticeFilter>.choice("notice", OutageQueries.NoticeFilter.self)

  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiOutages.components, use: list).query(unitParameter, stateParameter)
    api.post(Paths.apiOutages.components, use: create)
    api.get(Paths.apiOutage.components, use: one)
    api.post(Paths.apiOutageActions.components, use: act)
    api.get(Paths.apiOutageCustomers.components, use: customers).query(noticeParameter)
    api.post(Paths.apiOutageAffected.components, use: adjust)
    api.post(Paths.apiGridImport, bodyLimit: UploadLimits.Form.grid.collected, use: importGrid)
  }

  @Sendable static func list(req: Request) async throws -> ListResponse<OutageDTO> {
    let actor = try req.actor
    let filter = OutageQueries.Filter(unitID: try req.query(unitParameter), state: try req.query(stateParameter))
    let outages = try await OutageQueries.list(filter, for: actor, on: req.db)
    let rates = try await OutageNotices.rates(outages.compactMap(\.id), on: req.db)
    return ListResponse(items: try outages.map { try OutageDTO($0, rate: rates[try $0.requireID()]) })
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let body = try req.content.decode(NewOutageRequest.self)
    let input = OutageService.Input(
      type: body.type, cause: body.cause, gridObjectID: body.gridObjectId, feeder: body.feeder, start: body.start,
      announcedRestoration: body.announcedRestoration,
      repairOrders: OutageService.orderNumbers((body.repairOrders ?? []).joined(separator: " ")))
    let outage = try await apiErrors {
      try await OutageService.register(input, actor: try req.actor, localizer: req.application.localizer, on: req.db, now: req.now)
    }
    let fresh = try await OutageService.findVisible(try outage.requireID(), for: try req.actor, on: req.db)
    let rate = try await OutageNotices.rates([try fresh.requireID()], on: req.db)
    return try await OutageDTO(fresh, rate: rate[try fresh.requireID()]).encodeResponse(status: .created, for: req)
  }

  @Sendable static func one(req: Request) async throws -> OutageDTO {
    let id = try req.uuidParameter("outageID", entity: "entity.outage")
    let outage = try await OutageService.findVisible(id, for: try req.actor, on: req.db)
    return try OutageDTO(outage, rate: try await OutageNotices.rates([id], on: req.db)[id])
  }

  /// `{"action", "version", …}`: start (`at`), step_restore (`gridObjectId`, `at`), restore
  /// (`at`), delay (`announcedRestoration`), cancel (`reason`).
  @Sendable static func act(req: Request) async throws -> OutageDTO {
    let id = try req.uuidParameter("outageID", entity: "entity.outage")
    let actor = try req.actor
    let outage = try await OutageService.findVisible(id, for: actor, on: req.db)
    let body = try req.content.decode(OutageActionRequest.self)
    guard let action = OutageAction(rawValue: body.action) else { throw AppError.invalid("action", "validation.choice") }
    let input = OutageService.ActionInput(
      at: body.at, gridObjectID: body.gridObjectId, announcedRestoration: body.announcedRestoration, reason: body.reason)
    try await apiErrors {
      try await OutageService.act(
        outage, action: action, version: body.version, input: input, actor: actor, localizer: req.application.localizer, on: req.db,
        now: req.now)
    }
    let fresh = try await OutageService.findVisible(id, for: actor, on: req.db)
    return try OutageDTO(fresh, rate: try await OutageNotices.rates([id], on: req.db)[id])
  }

  /// `{"adjustment": "add"|"remove", "account", "version"}` (OUT-ADJUST-CUSTOMERS).
  @Sendable static func adjust(req: Request) async throws -> OutageDTO {
    let id = try req.uuidParameter("outageID", entity: "entity.outage")
    let actor = try req.actor
    let outage = try await OutageService.findVisible(id, for: actor, on: req.db)
    let body = try req.content.decode(OutageAdjustRequest.self)
    try await apiErrors {
      try await OutageAffectedCustomers.adjust(
        outage, adjustment: OutageAffectedCustomers.Adjustment(rawValue: body.adjustment ?? ""), account: body.account,
        version: body.version, actor: actor, localizer: req.application.localizer, on: req.db, now: req.now)
    }
    let fresh = try await OutageService.findVisible(id, for: actor, on: req.db)
    return try OutageDTO(fresh, rate: try await OutageNotices.rates([id], on: req.db)[id])
  }

  @Sendable static func customers(req: Request) async throws -> ListResponse<OutageCustomerDTO> {
    let id = try req.uuidParameter("outageID", entity: "entity.outage")
    _ = try await OutageService.findVisible(id, for: try req.actor, on: req.db)
    let rows = try await OutageQueries.customers(of: [id], filter: try req.query(noticeParameter) ?? .all, on: req.db)
    return ListResponse(items: try rows.map { try OutageCustomerDTO($0.0, status: $0.1) })
  }

  @Sendable static func importGrid(req: Request) async throws -> GridImport.Result {
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    return try await GridImport.run(data, actor: try req.actor, on: req.db, now: req.now)
  }
}

extension GridImport.Result: Content {}
