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
      cards.append(.init(roleKey: "role.admin", items: try await adminWork(on: req.db, now: req.now)))
    }
    if !actor.roles.isDisjoint(with: [.agent, .lead, .handler, .reviewer, .staff, .leader]) {
      cards.append(.init(roleKey: "home.work_orders", items: try await workOrderWork(for: actor, on: req.db, now: req.now)))
    }
    if InspectionSummaries.concerns(actor) {
      let items = try await InspectionSummaries.openWork(for: actor, on: req.db, now: req.now).map {
        HomePage.WorkItem(labelKey: $0.labelKey, count: $0.count, href: $0.href, warning: $0.urgent && $0.count > 0)
      }
      cards.append(.init(roleKey: "home.inspections", items: items))
    }
    // ACC-CASE-ROLES, ACC-SCORE-SCOPE: each role's cases, HR's month, everyone's own penalties and card.
    let accountability = try await AccountabilitySummaries.openWork(for: actor, on: req.db, now: req.now).map {
      HomePage.WorkItem(labelKey: $0.labelKey, count: $0.count, href: $0.href, warning: $0.urgent && $0.count > 0)
    }
    cards.append(.init(roleKey: "home.accountability", items: accountability))
    let subtree = try await OrgUnit.visible(to: actor, on: req.db).count
    cards.append(
      .init(
        roleKey: "home.my_unit", items: [.init(labelKey: "home.units_in_scope", count: subtree, href: Paths.units.link(), warning: false)]))
    return HomePage(
      chrome: try await .make(for: req, titleKey: "home.title"), displayName: actor.displayName, unitName: unit.name,
      unitKindKey: "unit.kind.\(unit.kind.rawValue)", unitHref: Paths.unit.link(try unit.requireID()), cards: cards)
  }

  /// The work-order counts of the person's queues, as WorkOrders publishes them.
  static func workOrderWork(for actor: Actor, on db: any Database, now: Date) async throws -> [HomePage.WorkItem] {
    try await WorkOrderSummaries.openWork(for: actor, on: db, now: now).map {
      .init(labelKey: $0.labelKey, count: $0.count, href: $0.href, warning: $0.urgent && $0.count > 0)
    }
  }

  /// What needs an administrator: locked accounts, and next year's calendar once it is due.
  static func adminWork(on db: any Database, now: Date) async throws -> [HomePage.WorkItem] {
    let locked = try await User.lockedCount(at: now, on: db)
    let nextYear = BusinessTime.civilDate(of: now).year + 1
    var items: [HomePage.WorkItem] = [.init(labelKey: "home.locked_accounts", count: locked, href: Paths.users.link(), warning: locked > 0)]
    if try await !CalendarSchedules.isImported(year: nextYear, on: db) {
      items.append(.init(labelKey: "home.calendar_missing_next_year", count: nextYear, href: Paths.calendar.link(), warning: true))
    }
    return items
  }
}
