import Domain
import Fluent
import Vapor

/// `/api/v1/work-orders` and `/api/v1/taxonomy`: the whole loop for other systems.
enum WorkOrdersAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiTaxonomy.components, use: taxonomy)
    api.post(Paths.apiWorkOrders.components, use: create)
    api.get(Paths.apiWorkOrders.components, use: list).query(WorkOrderPagesController.exportParameters)
    api.get(Paths.apiWorkOrder.components, use: show)
    api.post(Paths.apiWorkOrderActions.components, use: act)
    api.get(Paths.apiWorkOrdersExport.components, use: exportLines).query(WorkOrderPagesController.exportParameters)
    api.post(Paths.apiWorkOrdersImport, bodyLimit: "50mb", use: importLines)
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
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    let order = try await WorkOrderIntake.create(
      body.input, actor: actor, workflow: workflow, repairs: req.application.repairObservers, on: req.db, now: req.now)
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
    var filter = try WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    filter.view = try QueueView.parse(req, default: .all)
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
      parentID: body.parentId, investigation: order.type == .complaint ? try body.investigation?.validated() : nil)
    let action = try await WorkOrderActions.parse(fields, order: order, actor: actor, on: req.db)
    try await WorkOrderFlow.apply(
      action, to: order, expectedVersion: body.version,
      details: .init(verified: body.verified, supplyResponsibility: body.supplyResponsibility), actor: actor, on: req.db,
      now: req.now, observers: req.application.complaintObservers)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    return try WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: req.now, maskPhone: false)
  }

  /// JSON lines (application/x-ndjson): the orders of the list filters, up to 10,000, phones in full.
  @Sendable static func exportLines(req: Request) async throws -> Response {
    let actor = try req.actor
    try WorkOrderExchange.requireRole(actor, WorkOrderExchange.exportRoles)
    var errors = FieldErrors()
    var filter = try WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    filter.view = try QueueView.parse(req, default: .all)
    filter.export = true
    filter.limit = WorkOrderExchange.maxLines
    let (orders, _) = try await WorkOrderQueries.list(filter, for: actor, on: req.db, now: req.now)
    let data = try WorkOrderExchange.export(orders, actor: actor, workflow: try await WorkOrderFlow.workflow(on: req.db), now: req.now)
    var headers = HTTPHeaders()
    headers.contentType = HTTPMediaType(type: "application", subType: "x-ndjson", parameters: ["charset": "utf-8"])
    return Response(status: .ok, headers: headers, body: .init(data: data))
  }

  struct Imported: Content {
    let created: Int
    let numbers: [String]
  }

  /// One create request per line; all or nothing.
  @Sendable static func importLines(req: Request) async throws -> Response {
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    let orders = try await WorkOrderExchange.importLines(
      data, actor: try req.actor, repairs: req.application.repairObservers, on: req.db, now: req.now)
    return try await Imported(created: orders.count, numbers: orders.map(\.number)).encodeResponse(status: .created, for: req)
  }
}
