import Domain
import Fluent
import Vapor

/// `/api/v1/work-orders` and `/api/v1/taxonomy`: the whole loop for other systems.
enum WorkOrdersAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiTaxonomy.components, use: taxonomy)
    api.post(Paths.apiWorkOrders.components, use: create)
    api.get(Paths.apiWorkOrders.components, use: list)
    api.get(Paths.apiWorkOrder.components, use: show)
    api.post(Paths.apiWorkOrderActions.components, use: act)
  }

  struct TaxonomyResponse: Content {
    let complaints: Taxonomy
    let misconduct: Taxonomy
  }

  @Sendable static func taxonomy(req: Request) async throws -> TaxonomyResponse {
    _ = try req.actor
    return TaxonomyResponse(complaints: .complaintsV1, misconduct: .misconductV1)
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    let body = try req.content.decode(WorkOrderCreateRequest.self)
    let order = try await WorkOrderIntake.create(body.input, actor: actor, on: req.db, now: req.now)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    return try await WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: req.now, maskPhone: false)
      .encodeResponse(status: .created, for: req)
  }

  @Sendable static func show(req: Request) async throws -> WorkOrderDTO {
    let actor = try req.actor
    let order = try await WorkOrderQueries.findVisible(req.uuidParameter("orderID", entity: "entity.work_order"), for: actor, on: req.db)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    return try WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: req.now, maskPhone: false)
  }

  struct Page: Content {
    let items: [WorkOrderDTO]
    let nextCursor: String?
  }

  @Sendable static func list(req: Request) async throws -> Page {
    let actor = try req.actor
    var errors = FieldErrors()
    let filter = WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    let (orders, next) = try await WorkOrderQueries.list(filter, for: actor, on: req.db, now: req.now)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    return Page(
      items: try orders.map { try WorkOrderPresenter.dto($0, actor: actor, workflow: workflow, now: req.now, maskPhone: true) },
      nextCursor: next)
  }

  @Sendable static func act(req: Request) async throws -> WorkOrderDTO {
    let actor = try req.actor
    let order = try await WorkOrderQueries.findVisible(req.uuidParameter("orderID", entity: "entity.work_order"), for: actor, on: req.db)
    let body = try req.content.decode(WorkOrderActionRequest.self)
    let fields = WorkOrderActions.Fields(
      action: body.action, reason: body.reason, note: body.note, summary: body.summary, unitID: body.unitId,
      satisfied: body.satisfied, newDue: body.newDue, customerInformed: body.customerInformed, severity: body.severity,
      parentID: body.parentId)
    let action = try await WorkOrderActions.parse(fields, order: order, actor: actor, on: req.db)
    try await WorkOrderFlow.apply(
      action, to: order, expectedVersion: body.version,
      details: .init(
        verified: body.verified, supplyResponsibility: body.supplyResponsibility,
        investigation: order.orderType == .complaint ? try body.investigation?.validated() : nil), actor: actor, on: req.db,
      now: req.now)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    return try WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: req.now, maskPhone: false)
  }
}
