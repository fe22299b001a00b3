import Domain
import Fluent
import Vapor

/// The queue: open orders in the viewer's scope, those waiting on the viewer, overdue ones, or
/// closed ones; filtered by state and type.
struct WorkOrderListPage: Encodable {
  struct Row: Encodable {
    let href: String
    let number: String
    let typeKey: String
    let stateKey: String
    let customer: String
    let phone: String
    let unitName: String
    let acceptedAt: String
    let nextDue: String
    let overdue: Bool
    let mine: Bool
    /// "id:version" for the bulk-dispatch checkbox, when the viewer may dispatch this order.
    let dispatchKey: String?
  }
  struct Tab: Encodable {
    let labelKey: String
    let href: String
    let active: Bool
  }
  let chrome: Chrome
  let tabs: [Tab]
  let rows: [Row]
  let states: [Choice]
  let types: [Choice]
  let view: String
  let from: String
  let to: String
  let canCreate: Bool
  let newHref: String
  let csvHref: String
  let xlsxHref: String
  let bulkAction: String
  let canBulkDispatch: Bool
  let notice: String?
  let nextHref: String?

  static let views = ["mine", "open", "overdue", "closed", "all"]
  static let viewParameter = QueryParameter<String>.choice("view", views)
  /// The outcome of a bulk dispatch, carried in the redirect's query: how many went, which failed.
  static let dispatchedParameter = QueryParameter<Int>.integer("dispatched", 0...WorkOrderPagesController.bulkLimit)
  static let failedParameter = QueryParameter<String>.text("failed", maxLength: Limits.queryText * 20)
  static let parameters: [any DeclaredQueryParameter] =
    [viewParameter, dispatchedParameter, failedParameter] + WorkOrderQueries.Filter.parameters

  /// The outcome of a bulk dispatch, carried in the redirect's query.
  static func notice(_ req: Request) throws -> String? {
    let failed = (try req.query(failedParameter) ?? "").split(separator: ",").map(String.init)
    guard let done = try req.query(dispatchedParameter) else { return nil }
    let l = req.application.localizer
    var text = l.text("workorders.bulk.done", locale: req.locale, args: [String(done)])
    if !failed.isEmpty { text += " " + l.text("workorders.bulk.failed", locale: req.locale, args: [failed.joined(separator: "、")]) }
    return text
  }

  static func build(for req: Request) async throws -> WorkOrderListPage {
    let actor = try req.actor
    let view = try req.query(viewParameter) ?? "mine"
    var errors = FieldErrors()
    var filter = try WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    filter.open = view != "closed" && view != "all"
    filter.overdue = view == "overdue"
    if view == "closed" { filter.state = filter.state ?? .closed }
    let now = req.now
    let (orders, next) = try await WorkOrderQueries.list(filter, for: actor, on: req.db, now: now)
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    let units = Dictionary(try await OrgUnit.visible(to: actor, on: req.db).map { (try $0.requireID(), $0.name) }) { a, _ in a }
    var rows: [Row] = []
    for order in orders {
      let allowed = WorkOrderPresenter.allowedActions(order, workflow: workflow, actor: actor, now: now)
      let mine = !allowed.isEmpty
      if view == "mine" && !mine { continue }
      let overdue = (try? WorkOrderQueries.isOverdue(order, calendar: workflow.calendar, now: now)) ?? false
      let nextDue = try WorkOrderPresenter.clocks(order, calendar: workflow.calendar, now: now).filter { !$0.stopped }.map(\.dueAt).min()
      let hidden = order.orderType == .report && actor.roles.isDisjoint(with: WorkOrderPresenter.reporterIdentityRoles)
      rows.append(
        Row(
          href: Paths.workOrder.link(try order.requireID()), number: order.number, typeKey: "workorder.type.\(order.type)",
          stateKey: "workorder.state.\(order.state)", customer: hidden ? "***" : order.customerName,
          phone: hidden ? "***" : WorkOrderPresenter.maskPhone(order.customerPhone), unitName: units[order.$unit.id] ?? "",
          acceptedAt: DisplayFormat.dateTime(order.acceptedAt), nextDue: nextDue.map(DisplayFormat.dateTime) ?? "—",
          overdue: overdue, mine: mine,
          dispatchKey: allowed.contains(.dispatch) ? "\(try order.requireID().uuidString):\(order.version)" : nil))
    }
    var query = URLComponents()
    query.queryItems =
      [URLQueryItem(name: "view", value: view)]
      + [
        ("state", filter.state?.rawValue), ("type", filter.type?.rawValue), ("unitId", filter.unitID?.uuidString),
        ("category", filter.category), ("from", filter.from?.description), ("to", filter.to?.description),
      ].compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } }
    let base = Paths.workOrders.link()
    return WorkOrderListPage(
      chrome: .make(for: req, titleKey: "workorders.title"),
      tabs: views.map { Tab(labelKey: "workorders.view.\($0)", href: base + "?view=\($0)", active: $0 == view) },
      rows: rows,
      states: WorkOrderState.allCases.map {
        Choice(value: $0.rawValue, labelKey: "workorder.state.\($0.rawValue)", selected: $0 == filter.state)
      },
      types: OrderType.allCases.map { Choice(value: $0.rawValue, labelKey: "workorder.type.\($0.rawValue)", selected: $0 == filter.type) },
      view: view, from: filter.from?.description ?? "", to: filter.to?.description ?? "", canCreate: actor.has(.agent),
      newHref: Paths.workOrderNew.link(),
      csvHref: Paths.workOrdersCSV.link() + "?" + (query.percentEncodedQuery ?? ""),
      xlsxHref: Paths.workOrdersXLSX.link() + "?" + (query.percentEncodedQuery ?? ""),
      bulkAction: Paths.workOrdersBulkDispatch.link(), canBulkDispatch: rows.contains { $0.dispatchKey != nil },
      notice: try Self.notice(req),
      nextHref: next.map { cursor in
        var q = query
        q.queryItems?.append(URLQueryItem(name: "cursor", value: cursor))
        return base + "?" + (q.percentEncodedQuery ?? "")
      })
  }
}
