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
      unitKindKey: "unit.kind.\(unit.kind)", unitHref: Paths.unit.link(try unit.requireID()), cards: cards)
  }

  /// Orders waiting on this person, overdue orders in scope, and the 催办 raised on open orders.
  static func workOrderWork(for actor: Actor, on db: any Database, now: Date) async throws -> [HomePage.WorkItem] {
    var filter = WorkOrderQueries.Filter()
    filter.open = true
    filter.limit = 200
    let (open, _) = try await WorkOrderQueries.list(filter, for: actor, on: db, now: now)
    let workflow = try await WorkOrderFlow.workflow(on: db)
    let mine = open.filter { !WorkOrderPresenter.allowedActions($0, workflow: workflow, actor: actor, now: now).isEmpty }.count
    let overdue = open.filter { (try? WorkOrderQueries.isOverdue($0, calendar: workflow.calendar, now: now)) == true }.count
    let chases = try await SLAAlert.query(on: db).filter(\.$isChase == true).filter(\.$order.$id ~~ open.compactMap(\.id)).count()
    let base = Paths.workOrders.link()
    return [
      .init(labelKey: "home.orders_waiting", count: mine, href: base + "?view=mine", warning: false),
      .init(labelKey: "home.orders_overdue", count: overdue, href: base + "?view=overdue", warning: overdue > 0),
      .init(labelKey: "home.chases", count: chases, href: base + "?view=overdue", warning: chases > 0),
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
