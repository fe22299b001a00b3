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
    /// The badge's element id: `inbox-badge` for `nav.inbox`.
    var badgeId: String? = nil
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
  /// Warnings from features above the content (`PageFrame`).
  let banners: [PageFrame.Banner]
  /// Each upload form's file limit, for the size check beside its file field.
  let uploadLimits: [String: UploadLimits.Shown]

  /// The frame of a page being built, with what the registered features add to it.
  static func make(for request: Request, titleKey: String) async throws -> Chrome {
    make(for: request, titleKey: titleKey, frame: try await request.pageFrame())
  }

  /// The frame with the features' parts already read (none on an error page, which must render
  /// even when the database is what failed).
  static func make(for request: Request, titleKey: String, frame: PageFrame) -> Chrome {
    let actor = request.storage[ActorKey.self]
    let path = request.url.path
    return Chrome(
      locale: request.locale,
      titleKey: titleKey,
      // An error raised before the sessions middleware (a malformed URL) has no session to ask.
      csrfToken: request.sessionsReached ? request.csrfToken : "",
      user: actor.map { UserBadge(displayName: $0.displayName, unitName: $0.unitName) },
      nav: actor.map { navigation(for: $0, currentPath: path, badges: frame.badges) } ?? [],
      languageAction: Paths.language.link(),
      logoutAction: Paths.logout.link(),
      currentPath: path,
      banners: frame.banners,
      uploadLimits: UploadLimits.shown(for: request))
  }

  static func navigation(for actor: Actor, currentPath: String, badges: [String: Int] = [:]) -> [NavItem] {
    var items: [(String, RoutePath)] = [
      ("nav.home", Paths.home), ("nav.work_orders", Paths.workOrders), ("nav.kpi", Paths.kpi),
      ("nav.reliability", Paths.reliability), ("nav.surveys", Paths.surveys), ("nav.units", Paths.units),
    ]
    if actor.has(.surveyor) { items.insert(("nav.interview", Paths.interview), at: 1) }
    if actor.has(.analyst) || actor.isAdmin { items.insert(("nav.analysis", Paths.analysis), at: items.count - 1) }
    if !actor.roles.isDisjoint(with: InspectionRoles.readers) { items.insert(("nav.inspections", Paths.inspections), at: items.count - 1) }
    // OUT-ROLES: everyone signed in reads the register of their subtree (agents answer from it).
    items.insert(("nav.outages", Paths.outages), at: items.count - 1)
    // COM-APPLICATION: everyone signed in reads the applications of their subtree and the
    // commitments they are judged by.
    items.insert(("nav.commitments", Paths.connectionApplications), at: items.count - 1)
    // ACC-CASE-ROLES, ACC-SCOPE: cases for those who oversee them, the batches for the leadership
    // group, the deduction list for HR, the rules for all three; everyone sees their own penalties.
    var accountability: [(String, RoutePath)] = []
    if actor.isAdmin || !actor.roles.isDisjoint(with: [.reviewer, .leader, .hr, .lead]) {
      accountability.append(("nav.accountability_cases", Paths.accountabilityCases))
    }
    if actor.isAdmin || actor.has(.leader) { accountability.append(("nav.accountability_batches", Paths.accountabilityBatches)) }
    if actor.isAdmin || !actor.roles.isDisjoint(with: [.reviewer, .leader, .hr, .lead]) {
      accountability.append(("nav.accountability_deductions", Paths.accountabilityDeductions))
    }
    if actor.isAdmin || !actor.roles.isDisjoint(with: [.reviewer, .leader, .hr]) {
      accountability.append(("nav.accountability_rules", Paths.accountabilityRules))
    }
    accountability.append(("nav.accountability_mine", Paths.accountabilityMine))
    // ACC-SCORE-SCOPE: overseers the list of their subtree's scorecards, everyone their own card.
    if actor.isAdmin || !actor.roles.isDisjoint(with: [.reviewer, .leader, .hr, .lead]) {
      accountability.append(("nav.accountability_scorecards", Paths.accountabilityScorecards))
    } else {
      accountability.append(("nav.accountability_scorecard", Paths.accountabilityScorecard))
    }
    items.insert(contentsOf: accountability, at: items.count - 1)
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
      let badge = badges[key].flatMap { $0 > 0 ? $0 : nil }
      return NavItem(
        labelKey: key, href: href, active: href == current, badge: badge,
        badgeId: badge.map { _ in key.replacingOccurrences(of: "nav.", with: "") + "-badge" })
    }
  }
}
