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

    static func parse(_ req: Request, errors: inout FieldErrors) -> Filter {
      parse({ req.query[String.self, at: $0] }, errors: &errors)
    }

    /// The filters from a query string's values (a request's, or a saved filter's).
    static func parse(_ value: (String) -> String?, errors: inout FieldErrors) -> Filter {
      func text(_ key: String) -> String? { value(key).flatMap { $0.isEmpty ? nil : $0 } }
      var f = Filter()
      if let raw = text("state") {
        f.state = WorkOrderState(rawValue: raw)
        if f.state == nil { errors.add("state", "validation.choice") }
      }
      if let raw = text("type") {
        f.type = OrderType(rawValue: raw)
        if f.type == nil { errors.add("type", "validation.choice") }
      }
      if let raw = text("unitId") {
        f.unitID = UUID(uuidString: raw)
        if f.unitID == nil { errors.add("unitId", "validation.unknown_reference") }
      }
      f.category = text("category")
      f.from = text("from").flatMap { DateField.date($0, field: "from", into: &errors) }
      f.to = text("to").flatMap { DateField.date($0, field: "to", into: &errors) }
      if let from = f.from, let to = f.to, to < from { errors.add("to", "validation.date_order") }
      f.overdue = text("overdue") == "true"
      f.open = text("open") == "true"
      if let raw = text("limit") {
        if let n = Int(raw), (1...200).contains(n) { f.limit = n } else { errors.add("limit", "validation.integer") }
      }
      if let raw = text("cursor") {
        f.cursor = decodeCursor(raw)
        if f.cursor == nil { errors.add("cursor", "validation.choice") }
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
        orders.sort { a, b in
          a.acceptedAt != b.acceptedAt ? a.acceptedAt > b.acceptedAt : a.id!.uuidString > b.id!.uuidString
        }
        orders = Array(orders.prefix(f.limit + 1))
      }
    } else {
      orders = try await page(f, on: db, scope: scope)
    }
    let hasMore = orders.count > f.limit
    if hasMore { orders.removeLast() }
    let next = hasMore ? orders.last.map { encodeCursor($0.acceptedAt, $0.id!) } : nil
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
      q.filter(\.$state != WorkOrderState.closed.rawValue).filter(\.$state != WorkOrderState.merged.rawValue)
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
    case .closed: if f.state == nil { q.filter(\.$state == WorkOrderState.closed.rawValue) }
    case .all: break
    }
    if f.open { open(q) }
    if f.overdue { q.filter(\.$deadlineAt < now) }
    ReportSecrecy.restrict(q, for: actor, mode: f.export ? .never : f.view.isMine ? .unrestricted : .whenWaitingOn)
  }

  /// Orders waiting on the actor (`WaitingOn`, kept in columns): their role, and their person
  /// where the order is someone's; or a request waiting on their decision.
  static func waitingOn(_ actor: Actor, _ q: QueryBuilder<WorkOrder>) {
    let roles = actor.roles.map(\.rawValue)
    guard !roles.isEmpty else {
      q.filter(\.$waitingRole == "")  // no role: nothing waits on them (no order waits on an empty role)
      return
    }
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
    if let s = f.state { q.filter(\.$state == s.rawValue) }
    if let t = f.type { q.filter(\.$type == t.rawValue) }
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

  static func decodeCursor(_ raw: String) -> (Date, UUID)? {
    guard let data = Data(base64Encoded: raw), let text = String(data: data, encoding: .utf8) else { return nil }
    let parts = text.split(separator: "|")
    guard parts.count == 2, let t = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
    return (Date(timeIntervalSince1970: t), id)
  }
}

extension WorkOrderQueries {
  /// Customer accounts with a complaint still open, for features that must leave those
  /// customers alone (the survey sample excludes them, DOMAIN.md §4).
  static func accountsWithOpenComplaints(on db: any Database) async throws -> Set<String> {
    let orders = try await WorkOrder.query(on: db)
      .filter(\.$type == OrderType.complaint.rawValue)
      .filter(\.$state != WorkOrderState.closed.rawValue).filter(\.$state != WorkOrderState.merged.rawValue)
      .field(\.$customerAccount).all()
    return Set(orders.map(\.customerAccount))
  }
}

extension WorkOrderQueries {
  struct ReturnVisit: Sendable {
    let unitID: UUID
    let satisfied: Bool
  }

  /// Return visits recorded in a calendar year (Beijing time): the customer's verdict on how
  /// the order was handled, which the satisfaction results show as their own channel.
  static func returnVisits(year: Int, on db: any Database) async throws -> [ReturnVisit] {
    guard let start = BusinessTime.parseInstant("\(year)-01-01T00:00:00+08:00"),
      let end = BusinessTime.parseInstant("\(year + 1)-01-01T00:00:00+08:00")
    else { return [] }
    return try await WorkOrder.query(on: db)
      .filter(\.$returnVisitedAt >= start).filter(\.$returnVisitedAt < end).filter(\.$returnVisitSatisfied != nil)
      .field(\.$unit.$id).field(\.$returnVisitSatisfied).all()
      .map { ReturnVisit(unitID: $0.$unit.id, satisfied: $0.returnVisitSatisfied ?? false) }
  }
}

extension WorkOrderQueries {
  /// A customer's repeat contacts (issue 3 §6): their open orders, and any order on the same
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
