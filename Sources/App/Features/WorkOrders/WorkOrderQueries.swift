import Domain
import Fluent
import Vapor

/// Reading orders within the viewer's unit subtree: one order, or a filtered page of them.
enum WorkOrderQueries {
  static func findVisible(_ id: UUID, for actor: Actor, on db: any Database) async throws -> WorkOrder {
    guard let order = try await WorkOrder.find(id, on: db) else { throw AppError.notFound("entity.work_order") }
    guard let unit = try await OrgUnit.find(order.$unit.id, on: db) else { throw AppError.notFound("entity.work_order") }
    try actor.requireVisible(unit.unitPath)
    return order
  }

  struct Filter {
    var view = QueueView.all
    var state: WorkOrderState?
    var type: OrderType?
    var unitID: UUID?
    var category: String?
    var from: CivilDate?
    var to: CivilDate?
    var overdue = false
    var open = false
    /// An export: reports are left out for everyone not cleared to see reporters.
    var export = false
    var limit = 50
    var cursor: (Date, UUID)?

    /// The list filters' query parameters, declared on every route that reads them.
    static let stateParameter = QueryParameter<WorkOrderState>.choice("state", WorkOrderState.self)
    static let typeParameter = QueryParameter<OrderType>.choice("type", OrderType.self)
    static let unitParameter = QueryParameter<UUID>.uuid("unitId")
    static let categoryParameter = QueryParameter<String>.text("category", maxLength: Limits.code)
    static let fromParameter = QueryParameter<CivilDate>.date("from")
    static let toParameter = QueryParameter<CivilDate>.date("to")
    static let overdueParameter = QueryParameter<Bool>.boolean("overdue")
    static let openParameter = QueryParameter<Bool>.boolean("open")
    static let limitParameter = QueryParameter<Int>.limit(max: 200)
    static let cursorParameter = QueryParameter<String>.cursor("cursor")
    static let parameters: [any DeclaredQueryParameter] = [
      stateParameter, typeParameter, unitParameter, categoryParameter, fromParameter, toParameter, overdueParameter,
      openParameter, limitParameter, cursorParameter,
    ]

    static func parse(_ req: Request, errors: inout FieldErrors) throws -> Filter {
      try parse(.request(req), errors: &errors)
    }

    /// The filters from a query's values (a request's, or a saved filter's).
    static func parse(_ source: QuerySource, errors: inout FieldErrors) throws -> Filter {
      var f = Filter()
      f.state = try errors.query(stateParameter, of: source)
      f.type = try errors.query(typeParameter, of: source)
      f.unitID = try errors.query(unitParameter, of: source)
      f.category = try errors.query(categoryParameter, of: source)
      f.from = try errors.query(fromParameter, of: source)
      f.to = try errors.query(toParameter, of: source)
      if let from = f.from, let to = f.to, to < from { errors.add("to", "validation.date_order") }
      f.overdue = try errors.query(overdueParameter, of: source) ?? false
      f.open = try errors.query(openParameter, of: source) ?? false
      f.limit = try errors.query(limitParameter, of: source) ?? f.limit
      if let raw = try errors.query(cursorParameter, of: source) {
        f.cursor = decodeCursor(raw)
        if f.cursor == nil { errors.add(cursorParameter.name, "validation.cursor") }
      }
      return f
    }
  }

  /// Newest first, keyset-paginated on (acceptedAt, id) so pages stay stable while orders arrive.
  static func list(_ f: Filter, for actor: Actor, on db: any Database, now: Date) async throws -> ([WorkOrder], String?) {
    var orders: [WorkOrder]
    let scope = { (q: QueryBuilder<WorkOrder>) in
      applyView(f, to: q, for: actor, now: now)
    }
    if !actor.isAdmin || f.unitID != nil {
      var units = try await OrgUnit.visible(to: actor, on: db)
      if let unitID = f.unitID {
        guard let root = units.first(where: { $0.id == unitID }) else { throw AppError.forbidden }
        units = units.filter { root.unitPath.contains($0.unitPath) }
      }
      let ids = units.compactMap(\.id)
      if f.limit > 200 {
        // An export: one query, since a page per unit could load the limit many times over.
        orders = try await page(f, on: db) { q in
          q.filter(\.$unit.$id ~~ ids)
          scope(q)
        }
      } else {
        // A screen: one newest-first page per unit, merged. Each reads its unit's (unit_id,
        // accepted_at) index in order and stops at the page, where one query over all the
        // subtree's units sorted every order they ever had.
        orders = []
        for unit in ids {
          orders += try await page(f, on: db) { q in
            q.filter(\.$unit.$id == unit)
            scope(q)
          }
        }
        try orders.sort { a, b in
          try a.acceptedAt != b.acceptedAt ? a.acceptedAt > b.acceptedAt : a.requireID().uuidString > b.requireID().uuidString
        }
        orders = Array(orders.prefix(f.limit + 1))
      }
    } else {
      orders = try await page(f, on: db, scope: scope)
    }
    let hasMore = orders.count > f.limit
    if hasMore { orders.removeLast() }
    let next = hasMore ? try orders.last.map { encodeCursor($0.acceptedAt, try $0.requireID()) } : nil
    return (orders, next)
  }

  /// How many orders a view holds in the actor's scope (the start page's counts).
  static func count(_ f: Filter, for actor: Actor, on db: any Database, now: Date) async throws -> Int {
    let q = WorkOrder.query(on: db)
    if !actor.isAdmin {
      let units = try await OrgUnit.visible(to: actor, on: db).compactMap(\.id)
      q.filter(\.$unit.$id ~~ units)
    }
    applyView(f, to: q, for: actor, now: now)
    return try await q.count()
  }

  /// The view's own condition (mine, due soon, overdue…) and the reporters' secrecy rule.
  static func applyView(_ f: Filter, to q: QueryBuilder<WorkOrder>, for actor: Actor, now: Date) {
    let open = { (q: QueryBuilder<WorkOrder>) in
      q.filter(\.$state != WorkOrderState.closed).filter(\.$state != WorkOrderState.merged)
    }
    switch f.view {
    case .mine: waitingOn(actor, q)
    case .due:
      waitingOn(actor, q)
      q.filter(\.$warningAt <= now).filter(\.$deadlineAt >= now)
    case .overdue:
      waitingOn(actor, q)
      q.filter(\.$deadlineAt < now)
    case .watching: open(q)
    case .closed: if f.state == nil { q.filter(\.$state == WorkOrderState.closed) }
    case .all: break
    }
    if f.open { open(q) }
    if f.overdue { q.filter(\.$deadlineAt < now) }
    ReportSecrecy.restrict(q, for: actor, mode: f.export ? .never : f.view.isMine ? .unrestricted : .whenWaitingOn)
  }

  /// Orders waiting on the actor (`WaitingOn`, kept in columns): their role, and their person
  /// where the order is someone's; or a request waiting on their decision.
  static func waitingOn(_ actor: Actor, _ q: QueryBuilder<WorkOrder>) {
    let roles = Array(actor.roles)  // none: both IN () are false, nothing waits on them
    q.group(.or) { or in
      or.group(.and) { and in
        and.filter(\.$waitingRole ~~ roles)
        and.group(.or) { $0.filter(\.$waitingPerson == nil).filter(\.$waitingPerson == actor.userID) }
      }
      or.filter(\.$approvalRole ~~ roles)
    }
  }

  /// Up to one more than a page of the filtered orders, newest first.
  static func page(_ f: Filter, on db: any Database, scope: (QueryBuilder<WorkOrder>) -> Void) async throws -> [WorkOrder] {
    let q = WorkOrder.query(on: db)
    scope(q)
    if let s = f.state { q.filter(\.$state == s) }
    if let t = f.type { q.filter(\.$type == t) }
    if let c = f.category { q.filter(\.$categoryCode == c) }
    if let from = f.from { q.filter(\.$acceptedAt >= BusinessTime.startOfDay(from)) }
    if let to = f.to { q.filter(\.$acceptedAt < BusinessTime.startOfDay(to.adding(days: 1))) }
    if let (at, id) = f.cursor {
      q.group(.or) { or in
        or.filter(\.$acceptedAt < at)
        or.group(.and) { and in and.filter(\.$acceptedAt == at).filter(\.$id < id) }
      }
    }
    return try await q.sort(\.$acceptedAt, .descending).sort(\.$id, .descending).limit(f.limit + 1).all()
  }

  static func encodeCursor(_ at: Date, _ id: UUID) -> String {
    Data("\(at.timeIntervalSince1970)|\(id.uuidString)".utf8).base64EncodedString()
  }

  /// The position a cursor names; nil for anything this server did not hand out, including
  /// instants outside years 1–9999 (a database driver traps converting those).
  static func decodeCursor(_ raw: String) -> (Date, UUID)? {
    guard let data = Data(base64Encoded: raw), let text = String(data: data, encoding: .utf8) else { return nil }
    let parts = text.split(separator: "|")
    guard parts.count == 2, let t = Double(parts[0]), (-62_135_596_800...253_402_300_799).contains(t),
      let id = UUID(uuidString: String(parts[1]))
    else { return nil }
    return (Date(timeIntervalSince1970: t), id)
  }
}

extension WorkOrderQueries {
  /// A customer's repeat contacts (WO-REPEAT-CONTACT): their open orders, and any order on the same
  /// account or phone accepted within the 30 days before `asOf`, newest first. The order page's
  /// related list, its merge candidates and the intake's lookup all read this.
  static func contacts(
    account: String, phone: String, asOf: Date, for actor: Actor, on db: any Database
  ) async throws -> [WorkOrder] {
    let account = account.trimmingCharacters(in: .whitespaces)
    let phone = phone.trimmingCharacters(in: .whitespaces)
    guard !account.isEmpty || !phone.isEmpty else { return [] }
    let since = asOf.addingTimeInterval(-30 * 86_400)
    let query = WorkOrder.query(on: db)
      .group(.or) { group in
        if !account.isEmpty { group.filter(\.$customerAccount == account) }
        if !phone.isEmpty { group.filter(\.$customerPhone == phone) }
      }
      .group(.or) { $0.filter(\.$acceptedAt >= since).filter(\.$closedAt == nil) }
    // These lists tie orders to a customer: a report would name its reporter.
    ReportSecrecy.restrict(query, for: actor, mode: .never)
    let orders = try await query.sort(\.$acceptedAt, .descending).limit(10).all()
    let visible = Set(try await OrgUnit.visible(to: actor, on: db).compactMap(\.id))
    return orders.filter { visible.contains($0.$unit.id) }
  }
}
