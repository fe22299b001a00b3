import Fluent
import Vapor

/// `/api/v1/units`: read within the caller's subtree, write for admins.
enum UnitsAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiUnits.components, use: list)
    api.post(Paths.apiUnits.components, use: create)
    api.get(Paths.apiUnit.components, use: show)
    api.patch(Paths.apiUnit.components, use: update)
    api.delete(Paths.apiUnit.components, use: delete)
  }

  @Sendable static func list(req: Request) async throws -> ListResponse<UnitDTO> {
    let units = try await OrgUnit.visible(to: try req.actor, on: req.db)
    return ListResponse(items: try units.map(UnitDTO.init))
  }

  @Sendable static func show(req: Request) async throws -> UnitDTO {
    let id = try req.uuidParameter("unitID", entity: "entity.unit")
    return try UnitDTO(try await OrgUnit.findVisible(id, for: try req.actor, on: req.db))
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let body = try req.content.decode(UnitCreateRequest.self)
    let unit = try await UnitService.create(
      .init(
        code: body.code, name: body.name, kind: body.kind, parentID: body.parentId?.uuidString,
        customerCount: body.customerCount.map(String.init), dutyPhone: body.dutyPhone, supplyArea: body.supplyArea),
      actor: actor, on: req.db, now: req.now)
    return try await UnitDTO(unit).encodeResponse(status: .created, for: req)
  }

  @Sendable static func update(req: Request) async throws -> UnitDTO {
    let actor = try req.actor
    try actor.require(.admin)
    let unit = try await OrgUnit.findVisible(try req.uuidParameter("unitID", entity: "entity.unit"), for: actor, on: req.db)
    let body = try req.content.decode(UnitUpdateRequest.self)
    try await UnitService.update(
      unit,
      .init(
        code: body.code, name: body.name, kind: nil, parentID: body.parentId?.uuidString,
        customerCount: body.customerCount.map(String.init), dutyPhone: body.dutyPhone, supplyArea: body.supplyArea), actor: actor,
      on: req.db, now: req.now)
    return try UnitDTO(unit)
  }

  @Sendable static func delete(req: Request) async throws -> HTTPStatus {
    let actor = try req.actor
    try actor.require(.admin)
    let unit = try await OrgUnit.findVisible(try req.uuidParameter("unitID", entity: "entity.unit"), for: actor, on: req.db)
    try await UnitService.delete(unit, actor: actor, on: req.db, now: req.now)
    return .noContent
  }
}
