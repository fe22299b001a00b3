import Domain
import Fluent
import Vapor

/// Work-order pages: the queue, the intake form, the order with its action forms.
enum WorkOrderPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.workOrders.components, use: list)
    pages.get(Paths.kpi.components, use: kpi)
    pages.get(Paths.workOrdersCSV.components, use: exportCSV)
    pages.get(Paths.workOrderNew.components, use: newForm)
    pages.post(Paths.workOrderNew.components, use: create)
    pages.post(Paths.workOrdersBulkDispatch.components, use: bulkDispatch)
    pages.get(Paths.workOrder.components, use: show)
    pages.post(Paths.workOrderAction.components, use: act)
  }

  struct IntakeForm: Content {
    var type: String?
    var serviceKind: String?
    var channel: String?
    var area: String?
    var unitId: String?
    var customerAccount: String?
    var customerName: String?
    var customerPhone: String?
    var address: String?
    var content: String?
    var item: String?
    var attitude: String?
    var severity: String?
    var answer: String?
    var appointmentAt: String?

    var values: [String: String] {
      let pairs: [(String, String?)] = [
        ("type", type), ("serviceKind", serviceKind), ("channel", channel), ("area", area), ("unitId", unitId),
        ("customerAccount", customerAccount), ("customerName", customerName), ("customerPhone", customerPhone),
        ("address", address), ("content", content), ("item", item), ("attitude", attitude), ("severity", severity),
        ("answer", answer), ("appointmentAt", appointmentAt),
      ]
      return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, $0.1 ?? "") })
    }
  }

  struct ActionForm: Content {
    var action: String?
    var version: Int?
    var reason: String?
    var summary: String?
    var note: String?
    var unitId: String?
    var satisfied: String?
    var severity: String?
    var newDue: String?
    var customerInformed: String?
    var verified: String?
    var supplyResponsibility: String?
    var parentId: String?
    var course: String?
    var handling: String?
    var cause: String?
    var responsibility: String?
    var correctiveAction: String?
    var personnelOutcome: String?

    var investigation: InvestigationInput {
      InvestigationInput(
        course: course, handling: handling, cause: cause, responsibility: responsibility, correctiveAction: correctiveAction,
        personnelOutcome: personnelOutcome)
    }
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try await req.page("workorders/list", WorkOrderListPage.build(for: req))
  }

  /// The queue's orders (same view and filters, up to 10,000) as CSV.
  @Sendable static func exportCSV(req: Request) async throws -> Response {
    let actor = try req.actor
    let orders = try await exportedOrders(req)
    let names = Dictionary(try await OrgUnit.visible(to: actor, on: req.db).map { ($0.id!, $0.name) }) { a, _ in a }
    let data = WorkOrderExport.csv(orders, unitNames: names, actor: actor, localizer: req.application.localizer, locale: req.locale)
    return CSVExport.response(data, name: "work-orders.csv")
  }

  /// The queue's orders for an export: the same view and filters, up to 10,000.
  static func exportedOrders(_ req: Request) async throws -> [WorkOrder] {
    let actor = try req.actor
    var errors = FieldErrors()
    var filter = WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    let view = req.query[String.self, at: "view"] ?? "open"
    filter.open = view != "closed" && view != "all"
    filter.overdue = view == "overdue"
    filter.limit = 10_000
    return try await WorkOrderQueries.list(filter, for: actor, on: req.db, now: req.now).0
  }

  struct BulkForm: Content {
    var orders: [String]?
  }

  /// A lead dispatches several orders at once, each to its responsible unit; an order that
  /// moved meanwhile (stale version) or cannot be dispatched is named, the others go ahead.
  @Sendable static func bulkDispatch(req: Request) async throws -> Response {
    let actor = try req.actor
    let keys = try req.content.decode(BulkForm.self).orders ?? []
    var done = 0
    var failed: [String] = []
    for key in keys.prefix(200) {
      let parts = key.split(separator: ":")
      guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let version = Int(parts[1]) else { continue }
      do {
        let order = try await WorkOrderQueries.findVisible(id, for: actor, on: req.db)
        do {
          try await WorkOrderFlow.apply(
            .dispatch(unitID: order.$unit.id.uuidString), to: order, expectedVersion: version, details: .init(), actor: actor,
            on: req.db, now: req.now)
          done += 1
        } catch is WorkflowRefusal {
          failed.append(order.number)
        } catch let error as AppError where error.code == "stale_version" {
          failed.append(order.number)
        }
      } catch let error as AppError where error.status == .notFound || error.status == .forbidden {
        continue
      }
    }
    var query = URLComponents()
    query.queryItems =
      [
        URLQueryItem(name: "view", value: "mine"), URLQueryItem(name: "dispatched", value: String(done)),
      ] + (failed.isEmpty ? [] : [URLQueryItem(name: "failed", value: failed.joined(separator: ","))])
    return req.redirect(to: Paths.workOrders.link() + "?" + (query.percentEncodedQuery ?? ""))
  }

  @Sendable static func kpi(req: Request) async throws -> Response {
    try await req.page("workorders/kpi", KPIDashboardPage.build(for: req))
  }

  @Sendable static func newForm(req: Request) async throws -> Response {
    try req.actor.require(.agent)
    return try await req.page("workorders/new", WorkOrderFormPage.build(for: req))
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.agent)
    let form = try req.content.decode(IntakeForm.self)
    var errors = FieldErrors()
    let appointment =
      form.appointmentAt.flatMap { $0.isEmpty ? nil : $0 }.map { text -> Date? in
        let parsed = BusinessTime.parseLocal(text)
        if parsed == nil { errors.add("appointmentAt", "calendar.error.instant") }
        return parsed
      } ?? nil
    // The taxonomy picker lists items only; the category is the item's own.
    let category = form.item.flatMap { item in Taxonomy.complaintsV1.categories.first { $0.items.contains { $0.code == item } }?.code }
    let input = WorkOrderIntake.Input(
      type: form.type, serviceKind: form.serviceKind, channel: form.channel, area: form.area, customerAccount: form.customerAccount,
      customerName: form.customerName, customerPhone: form.customerPhone, address: form.address, content: form.content,
      unitID: form.unitId, category: category ?? "", item: form.item, attitude: form.attitude, severity: form.severity,
      answer: form.answer, acceptedAt: nil, appointmentAt: appointment)
    return try await req.submitForm {
      try errors.throwIfAny()
      let order = try await WorkOrderIntake.create(input, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.workOrder.link(order.id!))
    } showAgain: { errors, status in
      try await req.page(
        "workorders/new", WorkOrderFormPage.build(for: req, values: form.values, errors: errors), status: status)
    }
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await req.page("workorders/show", WorkOrderPage.build(for: req, id: req.uuidParameter("orderID", entity: "entity.work_order")))
  }

  @Sendable static func act(req: Request) async throws -> Response {
    let actor = try req.actor
    let id = try req.uuidParameter("orderID", entity: "entity.work_order")
    let order = try await WorkOrderQueries.findVisible(id, for: actor, on: req.db)
    let form = try req.content.decode(ActionForm.self)
    do {
      let fields = WorkOrderActions.Fields(
        action: form.action, reason: form.reason, note: form.note, summary: form.summary,
        unitID: form.unitId.flatMap(UUID.init(uuidString:)), satisfied: form.satisfied.map { $0 == "yes" },
        newDue: form.newDue.flatMap(BusinessTime.parseLocal), customerInformed: form.customerInformed != nil,
        severity: form.severity, parentID: form.parentId.flatMap(UUID.init(uuidString:)))
      let action = try await WorkOrderActions.parse(fields, order: order, actor: actor, on: req.db)
      let findings = action.kind == .reply && (order.orderType == .complaint || order.orderType == .report)
      try await WorkOrderFlow.apply(
        action, to: order, expectedVersion: form.version ?? -1,
        details: .init(
          verified: findings ? form.verified != nil : nil, supplyResponsibility: findings ? form.supplyResponsibility != nil : nil,
          investigation: findings && order.orderType == .complaint ? try form.investigation.validated() : nil),
        actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.workOrder.link(id))
    } catch let refusal as WorkflowRefusal {
      return try await showError(req, id: id, refusal.appError)
    } catch let error as AppError where error.status != .forbidden || error.field != nil {
      return try await showError(req, id: id, error)
    }
  }

  static func showError(_ req: Request, id: UUID, _ error: AppError) async throws -> Response {
    let localizer = req.application.localizer
    let message = localizer.text(error.messageKey, locale: req.locale, args: error.args.map { localizer.text($0, locale: req.locale) })
    let text = error.field.map { "\(localizer.text("workorder.field.\($0)", locale: req.locale))：\(message)" } ?? message
    return try await req.page("workorders/show", WorkOrderPage.build(for: req, id: id, error: text), status: error.status)
  }
}
