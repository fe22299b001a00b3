import Domain
import Fluent
import Vapor

/// The outage pages: the register with the notification rates, registering an outage, an outage
/// with its actions, customers and notices, the customer lists behind each figure, the printable
/// announcement list, and the grid with the customer file's import.
enum OutagePagesController {
  static let outageParameter = QueryParameter<UUID>.uuid("outageId")
  static let ordersParameter = QueryParameter<String>.text("orders", maxLength: 4000)
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let noticeParameter = QueryParameter<OutageQueries.NoticeFilter>.choice("notice", OutageQueries.NoticeFilter.self)

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.outages.components, use: list)
    pages.get(Paths.outageNew.components, use: newForm).query(ordersParameter)
    pages.post(Paths.outageNew.components, use: create)
    pages.get(Paths.outageCustomers.components, use: customers).query(outageParameter, unitParameter, noticeParameter)
    pages.get(Paths.outageAnnouncements.components, use: announcements)
    RuleVersionsPages<NoticeLimits>.register(
      pages,
      .init(
        show: Paths.outageNoticeLimits, create: Paths.outageNoticeLimitVersions, titleKey: "outage.limits.title",
        introKey: "outage.limits.intro"))
    pages.get(Paths.outage.components, use: show)
    pages.post(Paths.outageAction.components, use: act)
    pages.post(Paths.outageCall.components, use: call)
    pages.post(Paths.outageAffected.components, use: adjust)
    pages.get(Paths.grid.components, use: grid)
    pages.post(Paths.gridImport, bodyLimit: UploadLimits.Form.grid.collected, use: importGrid)
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try await req.page("outages/index", try await OutagePages.list(req, actor: try req.actor))
  }

  /// `?orders=GD…`: the repair orders to group under a new fault outage, from an order's page.
  @Sendable static func newForm(req: Request) async throws -> Response {
    let orders = OutageService.orderNumbers(try req.query(ordersParameter))
    let values = orders.isEmpty ? [:] : ["type": OutageType.fault.rawValue, "repairOrders": orders.joined(separator: "\n")]
    return try await OutagePages.form(req, values: values, errors: .init())
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let form = try req.content.decode([String: String].self)
    let input = OutageService.Input(
      type: form["type"], cause: form["cause"], gridObjectID: form["gridObjectId"], feeder: nil, start: form["start"],
      announcedRestoration: form["announcedRestoration"], repairOrders: OutageService.orderNumbers(form["repairOrders"]))
    return try await req.submitForm {
      let outage = try await OutageService.register(
        input, actor: try req.actor, localizer: req.application.localizer, on: req.db, now: req.now)
      return req.redirect(to: Paths.outage.link(try outage.requireID()))
    } showAgain: { errors, status in
      try await OutagePages.form(req, values: form, errors: errors, status: status)
    }
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await OutagePages.show(req, id: try req.uuidParameter("outageID", entity: "entity.outage"))
  }

  struct ActionForm: Content {
    var action: String?
    var version: String?
    var at: String?
    var gridObjectId: String?
    var announcedRestoration: String?
    var reason: String?
  }

  /// A form posted on an outage's page: `change` with the outage the person may see and the form;
  /// done, back to the page at `anchor`; refused, the page again with the reasons.
  static func onOutage<Form: Content>(
    _ req: Request, _ form: Form.Type, anchor: String = "",
    change: @escaping @Sendable (Outage, Form, Actor) async throws -> Void
  ) async throws -> Response {
    let id = try req.uuidParameter("outageID", entity: "entity.outage")
    let actor = try req.actor
    let outage = try await OutageService.findVisible(id, for: actor, on: req.db)
    let body = try req.content.decode(Form.self)
    return try await req.submitForm {
      try await change(outage, body, actor)
      return req.redirect(to: Paths.outage.link(id) + anchor)
    } showAgain: { errors, status in
      try await OutagePages.show(req, id: id, errors: errors, status: status)
    }
  }

  @Sendable static func act(req: Request) async throws -> Response {
    try await onOutage(req, ActionForm.self) { outage, form, actor in
      guard let action = OutageAction(rawValue: form.action ?? "") else { throw AppError.invalid("action", "validation.choice") }
      let input = OutageService.ActionInput(
        at: form.at, gridObjectID: form.gridObjectId, announcedRestoration: form.announcedRestoration, reason: form.reason)
      try await OutageService.act(
        outage, action: action, version: Int(form.version ?? ""), input: input, actor: actor, localizer: req.application.localizer,
        on: req.db, now: req.now)
    }
  }

  struct AdjustForm: Content {
    var adjustment: String?
    var account: String?
    var version: String?
  }

  /// OUT-ADJUST-CUSTOMERS from the outage's page.
  @Sendable static func adjust(req: Request) async throws -> Response {
    try await onOutage(req, AdjustForm.self, anchor: "#outage-customers") { outage, form, actor in
      try await OutageAffectedCustomers.adjust(
        outage, adjustment: OutageAffectedCustomers.Adjustment(rawValue: form.adjustment ?? ""), account: form.account,
        version: Int(form.version ?? ""), actor: actor, localizer: req.application.localizer, on: req.db, now: req.now)
    }
  }

  struct CallForm: Content {
    var customerId: String?
  }

  @Sendable static func call(req: Request) async throws -> Response {
    let id = try req.uuidParameter("outageID", entity: "entity.outage")
    let actor = try req.actor
    let outage = try await OutageService.findVisible(id, for: actor, on: req.db)
    let form = try req.content.decode(CallForm.self)
    guard let customerID = UUID(uuidString: form.customerId ?? "") else { throw AppError.invalid("customerId", "validation.required") }
    try await OutageService.recordCall(outage, customerID: customerID, actor: actor, on: req.db, now: req.now)
    return req.redirect(to: Paths.outage.link(id) + "#phone-tasks")
  }

  @Sendable static func customers(req: Request) async throws -> Response {
    let page = try await OutagePages.customers(
      req, outageID: try req.query(outageParameter), unitID: try req.query(unitParameter), filter: try req.query(noticeParameter) ?? .all)
    return try await req.page("outages/customers", page)
  }

  @Sendable static func announcements(req: Request) async throws -> Response {
    try await req.page("outages/announcements", try await OutagePages.announcements(req))
  }

  @Sendable static func grid(req: Request) async throws -> Response {
    try await OutagePages.grid(req)
  }

  struct ImportForm: Content {
    var file: File?
  }

  @Sendable static func importGrid(req: Request) async throws -> Response {
    let actor = try req.actor
    guard OutageAccess.canImportGrid(actor) else { throw AppError.forbidden }
    let form = try req.content.decode(ImportForm.self)
    do {
      let result = try await GridImport.run(Data(buffer: form.file?.data ?? ByteBuffer()), actor: actor, on: req.db, now: req.now)
      return try await OutagePages.grid(req, notice: req.t("grid.imported", String(result.customers)))
    } catch let error as AppError where error.field != nil {
      var errors = FieldErrors()
      errors.add("file", error.messageKey, args: error.args)
      return try await OutagePages.grid(req, errors: errors, lines: error.lines, status: error.status)
    }
  }
}
