import Domain
import Fluent
import Vapor

/// The queues (`QueueView`) filtered by state, type and acceptance dates; the person's saved
/// filters; and the orders behind one KPI figure (a drill-down from the dashboard).
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
  struct Saved: Encodable {
    let name: String
    let href: String
    let deleteAction: String
  }
  /// What a KPI drill-down lists.
  struct Drill: Encodable {
    let labelKey: String
    let partKey: String
    let count: Int
    let unitName: String
    let month: String
    let dashboardHref: String
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
  let drill: Drill?
  let saved: [Saved]
  let saveAction: String
  /// The current view and filters, as a saved filter keeps them.
  let query: String
  let filterName: String
  let filterErrors: [String: String]

  /// The outcome of a bulk dispatch, carried in the redirect's query: how many went, which failed.
  static let dispatchedParameter = QueryParameter<Int>.integer("dispatched", 0...WorkOrderPagesController.bulkLimit)
  static let failedParameter = QueryParameter<String>.text("failed", maxLength: Limits.queryText * 20)
  /// Everything the queue page reads: the view, the filters, a drill-down, a bulk-dispatch notice.
  static let parameters: [any DeclaredQueryParameter] =
    [QueueView.parameter, dispatchedParameter, failedParameter] + WorkOrderQueries.Filter.parameters + KPIDrill.parameters

  /// The outcome of a bulk dispatch, carried in the redirect's query.
  static func notice(_ req: Request) throws -> String? {
    let failed = (try req.query(failedParameter) ?? "").split(separator: ",").map(String.init)
    guard let done = try req.query(dispatchedParameter) else { return nil }
    let l = req.application.localizer
    var text = l.text("workorders.bulk.done", locale: req.locale, args: [String(done)])
    if !failed.isEmpty { text += " " + l.text("workorders.bulk.failed", locale: req.locale, args: [failed.joined(separator: "、")]) }
    return text
  }

  /// `filterName`/`filterErrors`: a saved filter's name refused, shown again beside its field.
  static func build(for req: Request, filterName: String = "", filterErrors: FieldErrors = .init()) async throws -> WorkOrderListPage {
    let actor = try req.actor
    var errors = FieldErrors()
    var filter = try WorkOrderQueries.Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    let kpi = try KPIDrill.parse(req)
    filter.view = try QueueView.parse(req, default: kpi == nil ? .mine : .all)
    let (orders, next, drill) = try await select(filter, kpi: kpi, for: req)
    // Watching is to follow, not to act: orders are dispatched in bulk from the viewer's own queue.
    let rows = try await rows(orders, bulkDispatch: filter.view.isMine && kpi == nil, actor: actor, on: req.db, now: req.now)
    let query = Self.query(filter, extra: try kpi?.queryItems(req) ?? [])
    let base = Paths.workOrders.link()
    let saved = try await SavedQueueFilter.query(on: req.db).filter(\.$user.$id == actor.userID).sort(\.$name).all()
    return WorkOrderListPage(
      chrome: try await .make(for: req, titleKey: "workorders.title"),
      tabs: QueueView.allCases.map {
        Tab(labelKey: "workorders.view.\($0.rawValue)", href: base + "?view=\($0.rawValue)", active: $0 == filter.view && kpi == nil)
      },
      rows: rows,
      states: WorkOrderState.allCases.map {
        Choice(value: $0.rawValue, labelKey: "workorder.state.\($0.rawValue)", selected: $0 == filter.state)
      },
      types: OrderType.allCases.map { Choice(value: $0.rawValue, labelKey: "workorder.type.\($0.rawValue)", selected: $0 == filter.type) },
      view: filter.view.rawValue, from: filter.from?.description ?? "", to: filter.to?.description ?? "", canCreate: actor.has(.agent),
      newHref: Paths.workOrderNew.link(),
      csvHref: Paths.workOrdersCSV.link() + "?" + query, xlsxHref: Paths.workOrdersXLSX.link() + "?" + query,
      bulkAction: Paths.workOrdersBulkDispatch.link(), canBulkDispatch: rows.contains { $0.dispatchKey != nil },
      notice: try Self.notice(req),
      nextHref: next.map { cursor in
        base + "?" + query + "&cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
      },
      drill: drill,
      saved: try saved.map {
        Saved(name: $0.name, href: base + "?" + $0.query, deleteAction: Paths.workOrderFilterDelete.link(try $0.requireID()))
      },
      saveAction: Paths.workOrderFilters.link(), query: Self.query(filter, extra: []), filterName: filterName,
      filterErrors: filterErrors.localized(req.application.localizer, req.locale))
  }

  /// The query: a page of the queue, or of the orders behind a KPI figure with what it counts.
  static func select(
    _ filter: WorkOrderQueries.Filter, kpi: KPIDrill?, for req: Request
  ) async throws -> (orders: [WorkOrder], next: String?, drill: Drill?) {
    guard let kpi else {
      let (orders, next) = try await WorkOrderQueries.list(filter, for: try req.actor, on: req.db, now: req.now)
      return (orders, next, nil)
    }
    let data = try await KPIData.load(for: req)
    let (orders, next) = try await kpi.page(data, filter: filter, on: req.db)
    let drill = Drill(
      labelKey: kpi.measure.labelKey, partKey: "kpi.part.\(kpi.part.rawValue)", count: kpi.count(data, filter: filter),
      unitName: data.root.name, month: data.month,
      dashboardHref: Paths.kpi.link() + "?unitId=\(try data.root.requireID().uuidString)&month=\(data.month)")
    return (orders, next, drill)
  }

  /// One row per order; `bulkDispatch`: offer the bulk-dispatch box where the viewer may dispatch.
  static func rows(_ orders: [WorkOrder], bulkDispatch: Bool, actor: Actor, on db: any Database, now: Date) async throws -> [Row] {
    let workflow = try await WorkOrderFlow.workflow(on: db)
    let units = Dictionary(try await OrgUnit.visible(to: actor, on: db).map { (try $0.requireID(), $0.name) }) { a, _ in a }
    return try orders.map { order in
      let dispatchable =
        bulkDispatch && WorkOrderPresenter.allowedActions(order, workflow: workflow, actor: actor, now: now).contains(.dispatch)
      let nextDue = try WorkOrderPresenter.clocks(order, calendar: workflow.calendar, now: now).filter { !$0.stopped }.map(\.dueAt).min()
      let hidden = ReportSecrecy.hidesCustomer(of: order, from: actor)
      return Row(
        href: Paths.workOrder.link(try order.requireID()), number: order.number, typeKey: "workorder.type.\(order.type.rawValue)",
        stateKey: "workorder.state.\(order.state.rawValue)", customer: hidden ? "***" : order.customerName,
        phone: hidden ? "***" : DisplayFormat.maskedPhone(order.customerPhone), unitName: units[order.$unit.id] ?? "",
        acceptedAt: DisplayFormat.dateTime(order.acceptedAt), nextDue: nextDue.map(DisplayFormat.dateTime) ?? "—",
        overdue: order.deadlineAt.map { $0 < now } ?? false, mine: order.isWaiting(on: actor),
        dispatchKey: dispatchable ? "\(try order.requireID().uuidString):\(order.version)" : nil)
    }
  }

  /// The view and filters as a query string (what a link, an export or a saved filter repeats).
  static func query(_ filter: WorkOrderQueries.Filter, extra: [URLQueryItem]) -> String {
    var query = URLComponents()
    query.queryItems =
      [URLQueryItem(name: "view", value: filter.view.rawValue)]
      + [
        ("state", filter.state?.rawValue), ("type", filter.type?.rawValue), ("unitId", filter.unitID?.uuidString),
        ("category", filter.category), ("from", filter.from?.description), ("to", filter.to?.description),
        ("overdue", filter.overdue ? "true" : nil),
      ].compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } } + extra
    return query.percentEncodedQuery ?? ""
  }
}

extension WorkOrder {
  /// Whether the order waits on this person (`WaitingOn`, from its columns).
  func isWaiting(on actor: Actor) -> Bool {
    WaitingOn(
      role: waitingRole, person: waitingPerson, approver: approvalRole
    ).includes(roles: actor.roles, person: actor.userID)
  }
}
