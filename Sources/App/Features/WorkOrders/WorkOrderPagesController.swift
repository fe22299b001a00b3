import Domain
import Fluent
import Vapor

/// Work-order pages: the queue, the intake form, the order with its action forms.
enum WorkOrderPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.workOrders.components, use: list).query(WorkOrderListPage.parameters)
    pages.get(Paths.kpi.components, use: kpi).query(KPIData.unitParameter, KPIData.monthParameter)
    pages.get(Paths.workOrdersCSV.components, use: exportCSV).query(exportParameters)
    pages.get(Paths.workOrderNew.components, use: newForm)
    pages.post(Paths.workOrderNew.components, use: create)
    pages.post(Paths.workOrdersBulkDispatch.components, use: bulkDispatch)
    pages.get(Paths.workOrder.components, use: show)
    pages.post(Paths.workOrderAction.components, use: act)
    pages.post(Paths.workOrderNotes.components, use: addNote)
    SavedFiltersController.register(pages)
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
    var confirm: String?

    var investigation: InvestigationInput {
      InvestigationInput(
        course: course, handling: handling, cause: cause, responsibility: responsibility, correctiveAction: correctiveAction,
        personnelOutcome: personnelOutcome)
    }

    /// What was typed, to show the form again.
    var values: [String: String] {
      let pairs: [(String, String?)] = [
        ("reason", reason), ("summary", summary), ("note", note), ("unitId", unitId), ("satisfied", satisfied), ("severity", severity),
        ("newDue", newDue), ("customerInformed", customerInformed), ("verified", verified),
        ("supplyResponsibility", supplyResponsibility), ("parentId", parentId), ("course", course), ("handling", handling),
        ("cause", cause), ("responsibility", responsibility), ("correctiveAction", correctiveAction),
        ("personnelOutcome", personnelOutcome), ("confirm", confirm),
      ]
      return Dictionary(uniqueKeysWithValues: pairs.compactMap { k, v in v.map { (k, $0) } })
    }
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try await req.page("workorders/list", WorkOrderListPage.build(for: req))
  }

  /// The queue's orders (same view and filters, up to 10,000) as CSV.
  @Sendable static func exportCSV(req: Request) async throws -> Response {
    let actor = try req.actor
    let orders = try await exportedOrders(req)
    let names = Dictionary(try await OrgUnit.visible(to: actor, on: req.db).map { (try $0.requireID(), $0.name) }) { a, _ in a }
    let data = WorkOrderExport.csv(orders, unitNames: names, actor: actor, localizer: req.application.localizer, locale: req.locale)
    return CSVExport.response(data, name: "work-orders.csv")
  }

  static let exportParameters = [QueueView.parameter] + WorkOrderQueries.Filter.parameters

  /// The queue's orders for an export: the same view and filters, up to 10,000.
  static func exportedOrders(_ req: Request) async throws -> [WorkOrder] {
    let actor = try req.actor
    var errors = FieldErrors()
    var filter = try WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    filter.view = try QueueView.parse(req, default: .watching)
    filter.export = true
    filter.limit = 10_000
    return try await WorkOrderQueries.list(filter, for: actor, on: req.db, now: req.now).0
  }

  struct BulkForm: Content {
    var orders: [String]?
  }

  /// Orders one bulk dispatch takes at most.
  static let bulkLimit = 200

  /// A lead dispatches several orders at once, each to its responsible unit; an order that
  /// moved meanwhile (stale version) or cannot be dispatched is named, the others go ahead.
  @Sendable static func bulkDispatch(req: Request) async throws -> Response {
    let actor = try req.actor
    let keys = try req.content.decode(BulkForm.self).orders ?? []
    var done = 0
    var failed: [String] = []
    for key in keys.prefix(bulkLimit) {
      let parts = key.split(separator: ":")
      guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let version = Int(parts[1]) else { continue }
      do {
        let order = try await WorkOrderQueries.findVisible(id, for: actor, on: req.db)
        do {
          try await WorkOrderFlow.apply(
            .dispatch(unitID: order.$unit.id), to: order, expectedVersion: version, details: .init(), actor: actor,
            on: req.db, now: req.now, observers: req.application.complaintObservers)
          done += 1
        } catch is WorkflowRefusal {
          failed.append(order.number)
        } catch let error as AppError where error.code == .staleVersion {
          failed.append(order.number)
        }
      } catch let error as AppError where error.status == .notFound || error.status == .forbidden {
        continue
      }
    }
    var query = URLComponents()
    query.queryItems =
      [
        URLQueryItem(name: "view", value: QueueView.mine.rawValue), URLQueryItem(name: "dispatched", value: String(done)),
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
    let appointment = form.appointmentAt.flatMap { $0.isEmpty ? nil : $0 }.flatMap {
      DateField.dateTime($0, field: "appointmentAt", into: &errors)
    }
    // The taxonomy picker lists items only; the intake takes the item's own category.
    let input = WorkOrderIntake.Input(
      type: form.type, serviceKind: form.serviceKind, channel: form.channel, area: form.area, customerAccount: form.customerAccount,
      customerName: form.customerName, customerPhone: form.customerPhone, address: form.address, content: form.content,
      unitID: form.unitId, category: nil, item: form.item, attitude: form.attitude, severity: form.severity,
      answer: form.answer, acceptedAt: nil, appointmentAt: appointment)
    return try await req.submitForm {
      let order = try await WorkOrderIntake.create(
        input, actor: actor, found: errors, repairs: req.application.repairObservers, on: req.db, now: req.now)
      return req.redirect(to: Paths.workOrder.link(try order.requireID()))
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
      let action = try await parse(form, order: order, actor: actor, on: req.db)
      let findings = action.kind == .reply && (order.type == .complaint || order.type == .report)
      try await WorkOrderFlow.apply(
        action, to: order, expectedVersion: form.version ?? -1,
        details: .init(
          verified: findings ? form.verified != nil : nil, supplyResponsibility: findings ? form.supplyResponsibility != nil : nil),
        actor: actor, on: req.db, now: req.now, observers: req.application.complaintObservers)
      return req.redirect(to: Paths.workOrder.link(id))
    } catch let failure as ValidationFailure {
      return try await refuse(req, id: id, form: form, failure.errors.messages, status: .unprocessableEntity)
    } catch let refusal as WorkflowRefusal {
      let error = refusal.appError
      return try await refuse(req, id: id, form: form, [(error.field ?? "action", error.messageKey, error.args)], status: error.status)
    } catch let error as AppError where error.status != .forbidden || error.field != nil {
      return try await refuse(req, id: id, form: form, [(error.field ?? "action", error.messageKey, error.args)], status: error.status)
    }
  }

  /// The form read into a Domain action, every problem collected on its field: the
  /// confirmation of a destructive move, the dates, the investigation record, then the rest.
  static func parse(_ form: ActionForm, order: WorkOrder, actor: Actor, on db: any Database) async throws -> WorkOrderAction {
    var errors = FieldErrors()
    let kind = WorkOrderActionKind(rawValue: form.action ?? "")
    if let kind, WorkOrderPage.confirmedActions.contains(kind) { FormConfirmation.require(form.confirm, errors: &errors) }
    let newDue = form.newDue.flatMap { $0.isEmpty ? nil : $0 }.flatMap { DateField.dateTime($0, field: "newDue", into: &errors) }
    var investigation: ComplaintInvestigation?
    if kind == .reply && order.type == .complaint {
      do {
        investigation = try form.investigation.validated()
      } catch let failure as ValidationFailure {
        for m in failure.errors.messages { errors.add(m.field, m.key, args: m.args) }
      }
    }
    let fields = WorkOrderActions.Fields(
      action: form.action, reason: form.reason, note: form.note, summary: form.summary,
      unitID: form.unitId.flatMap(UUID.init(uuidString:)), satisfied: form.satisfied.flatMap { $0.isEmpty ? nil : $0 == "yes" },
      newDue: newDue, customerInformed: form.customerInformed != nil, severity: form.severity,
      parentID: form.parentId.flatMap(UUID.init(uuidString:)), investigation: investigation)
    do {
      let action = try await WorkOrderActions.parse(fields, order: order, actor: actor, on: db)
      if !errors.isEmpty { throw ValidationFailure(errors: errors) }
      return action
    } catch let error as AppError where error.field != nil && !errors.isEmpty {
      errors.add(error.field ?? "action", error.messageKey, args: error.args)
      throw ValidationFailure(errors: errors)
    }
  }

  /// The order page again with the refused form open, what was typed in it and each message
  /// beside its field; problems with the move itself (its state, a stale version) also on top.
  static func refuse(
    _ req: Request, id: UUID, form: ActionForm, _ problems: [(field: String, key: String, args: [String])], status: HTTPStatus
  ) async throws -> Response {
    let l = req.application.localizer
    func text(_ p: (field: String, key: String, args: [String])) -> String {
      l.text(p.key, locale: req.locale, args: p.args.map { l.text($0, locale: req.locale) })
    }
    var errors: [String: String] = [:]
    var top: [String] = []
    for p in problems {
      let field = p.field == "version" ? "action" : p.field
      if errors[field] == nil { errors[field] = text(p) }
      if field == "action" || field == "investigation" { top.append(text(p)) }
      // A record refused as incomplete: every empty field is named.
      if field == "investigation" {
        let typed = form.values
        for name in ComplaintInvestigation.fields where (typed[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          errors[name] = errors[name] ?? l.text("validation.required", locale: req.locale)
        }
      }
    }
    let refused = WorkOrderPage.Refused(action: form.action ?? "", values: form.values, errors: errors)
    let summary = top.isEmpty ? l.text("workorders.form_refused", locale: req.locale) : top.joined(separator: " ")
    return try await req.page(
      "workorders/show", WorkOrderPage.build(for: req, id: id, error: summary, refused: refused), status: status)
  }

  /// The order page again with one message on top (an attachment refused).
  static func showError(_ req: Request, id: UUID, _ error: AppError) async throws -> Response {
    let localizer = req.application.localizer
    let message = localizer.text(error.messageKey, locale: req.locale, args: error.args.map { localizer.text($0, locale: req.locale) })
    let text = error.field.map { "\(localizer.text("workorder.field.\($0)", locale: req.locale))：\(message)" } ?? message
    return try await req.page("workorders/show", WorkOrderPage.build(for: req, id: id, error: text), status: error.status)
  }

  struct NoteForm: Content {
    var text: String?
  }

  /// An internal note: staff only, on the order page; nothing that leaves the company carries it.
  @Sendable static func addNote(req: Request) async throws -> Response {
    let actor = try req.actor
    let id = try req.uuidParameter("orderID", entity: "entity.work_order")
    let order = try await WorkOrderQueries.findVisible(id, for: actor, on: req.db)
    let form = try req.content.decode(NoteForm.self)
    var errors = FieldErrors()
    let text = Validate.text(form.text, field: "text", max: WorkOrderLimits.note, into: &errors)
    if let problem = errors.localized(req.application.localizer, req.locale)["text"] {
      return try await req.page(
        "workorders/show", WorkOrderPage.build(for: req, id: id, note: (form.text ?? "", problem)), status: .unprocessableEntity)
    }
    let note = WorkOrderNote(orderID: try order.requireID(), authorID: actor.userID, authorName: actor.displayName, text: text, at: req.now)
    try await req.db.transaction { tx in
      try await note.create(on: tx)
      try await AuditLog.record(
        .create, entity: .workOrderNote, id: order.requireID().uuidString, actor: actor, before: NoSnapshot?.none, after: ["text": text],
        on: tx, at: req.now)
    }
    return req.redirect(to: Paths.workOrder.link(id) + "#notes")
  }
}
