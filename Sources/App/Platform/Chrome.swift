import Domain
import Vapor

/// What every page's frame shows: language, CSRF token, the signed-in user and the navigation
/// that user may use. Only working features appear in it.
struct Chrome: Encodable {
  struct NavItem: Encodable {
    let labelKey: String
    let href: String
    let active: Bool
    var badge: Int? = nil
  }
  struct UserBadge: Encodable {
    let displayName: String
    let unitName: String
  }

  let locale: String
  let titleKey: String
  let csrfToken: String
  let user: UserBadge?
  let nav: [NavItem]
  let languageAction: String
  let logoutAction: String
  let currentPath: String
  /// Next year's holidays are missing (see CalendarReminder): the year, and where to fix it.
  let calendarGap: Int?
  let calendarHref: String?
  /// Each upload form's file limit, for the size check beside its file field.
  let uploadLimits: [String: UploadLimits.Shown]

  static func make(for request: Request, titleKey: String) -> Chrome {
    let actor = request.storage[ActorKey.self]
    let path = request.url.path
    return Chrome(
      locale: request.locale,
      titleKey: titleKey,
      // An error raised before the sessions middleware (a malformed URL) has no session to ask.
      csrfToken: request.sessionsReached ? request.csrfToken : "",
      user: actor.map { UserBadge(displayName: $0.displayName, unitName: $0.unitName) },
      nav: actor.map { navigation(for: $0, currentPath: path, unread: request.storage[UnreadCountKey.self] ?? 0) } ?? [],
      languageAction: Paths.language.link(),
      logoutAction: Paths.logout.link(),
      currentPath: path,
      calendarGap: request.storage[CalendarGapKey.self],
      calendarHref: actor?.isAdmin == true ? Paths.calendar.link() : nil,
      uploadLimits: UploadLimits.shown(for: request))
  }

  static func navigation(for actor: Actor, currentPath: String, unread: Int = 0) -> [NavItem] {
    var items: [(String, RoutePath)] = [
      ("nav.home", Paths.home), ("nav.work_orders", Paths.workOrders), ("nav.kpi", Paths.kpi), ("nav.surveys", Paths.surveys),
      ("nav.units", Paths.units),
    ]
    if actor.has(.surveyor) { items.insert(("nav.interview", Paths.interview), at: 1) }
    if actor.has(.analyst) || actor.isAdmin { items.insert(("nav.analysis", Paths.analysis), at: items.count - 1) }
    if actor.isAdmin {
      items += [
        ("nav.departments", Paths.departments), ("nav.users", Paths.users),
        ("nav.calendar", Paths.calendar), ("nav.audit", Paths.audit),
      ]
    }
    items.append(("nav.inbox", Paths.inbox))
    items.append(("nav.tokens", Paths.tokens))
    items.append(("nav.password", Paths.accountPassword))
    // The longest matching entry is the active one (/surveys/interview is not also /surveys).
    let matches = items.map(\.1).map { $0.link() }.filter { $0 == "/" ? currentPath == "/" : currentPath.hasPrefix($0) }
    let current = matches.max { $0.count < $1.count }
    return items.map { key, path in
      let href = path.link()
      return NavItem(labelKey: key, href: href, active: href == current, badge: key == "nav.inbox" && unread > 0 ? unread : nil)
    }
  }
}
