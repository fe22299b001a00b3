import Domain
import Fluent
import Vapor

struct HomePage: Encodable {
  struct WorkItem: Encodable {
    let labelKey: String
    let count: Int?
    let href: String
    let warning: Bool
  }
  struct RoleCard: Encodable {
    let roleKey: String
    let items: [WorkItem]
  }
  let chrome: Chrome
  let displayName: String
  let unitName: String
  let unitKindKey: String
  let unitHref: String
  let cards: [RoleCard]
}

/// The start page: the user's unit and the work open to each of their roles. Roles whose work
/// lives in features not yet built show only what exists today.
enum HomeController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.home.components, use: home)
  }

  @Sendable static func home(req: Request) async throws -> Response {
    try await req.page("home", try await build(for: req))
  }

  static func build(for req: Request) async throws -> HomePage {
    let actor = try req.actor
    guard let unit = try await OrgUnit.find(actor.unitID, on: req.db) else { throw AppError.unauthorized }
    var cards: [HomePage.RoleCard] = []
    if actor.isAdmin {
      cards.append(.init(roleKey: "role.admin", items: try await adminWork(on: req.db)))
    }
    if !actor.roles.isDisjoint(with: [.agent, .lead, .handler, .reviewer, .staff, .leader]) {
      cards.append(.init(roleKey: "home.work_orders", items: try await workOrderWork(for: actor, on: req.db, now: req.now)))
    }
    let subtree = try await OrgUnit.visible(to: actor, on: req.db).count
    cards.append(
      .init(
        roleKey: "home.my_unit", items: [.init(labelKey: "home.units_in_scope", count: subtree, href: Paths.units.link(), warning: false)]))
    return HomePage(
      chrome: .make(for: req, titleKey: "home.title"), displayName: actor.displayName, unitName: unit.name,
      unitKindKey: "unit.kind.\(unit.kind)", unitHref: Paths.unit.link(unit.id!), cards: cards)
  }

  /// Orders waiting on this person, those due soon and overdue, overdue orders in the unit
  /// subtree, and the 催办 raised on its open orders.
  static func workOrderWork(for actor: Actor, on db: any Database, now: Date) async throws -> [HomePage.WorkItem] {
    func count(_ view: QueueView, overdue: Bool = false) async throws -> Int {
      var filter = WorkOrderQueries.Filter()
      filter.view = view
      filter.overdue = overdue
      return try await WorkOrderQueries.count(filter, for: actor, on: db, now: now)
    }
    let mine = try await count(.mine)
    let due = try await count(.due)
    let overdue = try await count(.overdue)
    let watchedOverdue = try await count(.watching, overdue: true)
    let scope = actor.isAdmin ? nil : try await OrgUnit.visible(to: actor, on: db).compactMap(\.id)
    let chases = SLAAlert.query(on: db).filter(\.$isChase == true)
      .join(WorkOrder.self, on: \SLAAlert.$order.$id == \WorkOrder.$id)
      .filter(WorkOrder.self, \.$state != WorkOrderState.closed.rawValue).filter(WorkOrder.self, \.$state != WorkOrderState.merged.rawValue)
    if let scope { chases.filter(WorkOrder.self, \.$unit.$id ~~ scope) }
    let chaseCount = try await chases.count()
    let base = Paths.workOrders.link()
    return [
      .init(labelKey: "home.orders_waiting", count: mine, href: base + "?view=mine", warning: false),
      .init(labelKey: "home.orders_due", count: due, href: base + "?view=due", warning: due > 0),
      .init(labelKey: "home.orders_mine_overdue", count: overdue, href: base + "?view=overdue", warning: overdue > 0),
      .init(
        labelKey: "home.orders_overdue", count: watchedOverdue, href: base + "?view=watching&overdue=true", warning: watchedOverdue > 0),
      .init(labelKey: "home.chases", count: chaseCount, href: base + "?view=watching&overdue=true", warning: chaseCount > 0),
    ]
  }

  /// What needs an administrator: locked accounts, and next year's calendar once it is due.
  static func adminWork(on db: any Database, now: Date = Date()) async throws -> [HomePage.WorkItem] {
    let locked = try await User.query(on: db).filter(\.$lockedUntil > now).count()
    let nextYear = BusinessTime.civilDate(of: now).year + 1
    let covered = try await CalendarYear.query(on: db).filter(\.$year == nextYear).count() > 0
    var items: [HomePage.WorkItem] = [.init(labelKey: "home.locked_accounts", count: locked, href: Paths.users.link(), warning: locked > 0)]
    if !covered {
      items.append(.init(labelKey: "home.calendar_missing_next_year", count: nextYear, href: Paths.calendar.link(), warning: true))
    }
    return items
  }
}
