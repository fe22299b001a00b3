import Domain
import Fluent
import Vapor

/// Next year's holidays must be imported before deadlines run into it. From 1 November, while
/// next year is missing, everyone whose work sets deadlines sees a banner on every page and gets
/// one inbox notice; deadlines into the missing year are provisional meanwhile.
enum CalendarReminder {
  /// Whose work sets deadlines: intake, dispatch, handling and extensions, and the administrator
  /// who imports the schedule.
  static let roles: Set<Role> = [.admin, .agent, .lead, .handler, .reviewer]
  /// The reminder starts on this day of the year (month, day).
  static let from = (month: 11, day: 1)

  /// The year whose schedule is missing and due a reminder at `now`; nil when none is.
  static func missingYear(on db: any Database, now: Date) async throws -> Int? {
    let today = BusinessTime.civilDate(of: now)
    guard (today.month, today.day) >= (from.month, from.day) else { return nil }
    let next = today.year + 1
    return try await CalendarSchedules.isImported(year: next, on: db) ? nil : next
  }

  static func concerns(_ actor: Actor) -> Bool { !actor.roles.isDisjoint(with: roles) }
}

/// The missing year above every page of those it concerns, with a link to the import for
/// administrators; read when a page is built.
struct CalendarGapBanner: PageFrameSource {
  func contribute(to frame: inout PageFrame, for actor: Actor, request: Request) async throws {
    guard CalendarReminder.concerns(actor), let year = try await CalendarReminder.missingYear(on: request.db, now: request.now)
    else { return }
    frame.banners.append(
      .init(
        id: "calendar-banner", text: request.t("calendar.banner.missing", String(year)),
        linkText: actor.isAdmin ? request.t("calendar.banner.import") : nil, href: actor.isAdmin ? Paths.calendar.link() : nil))
  }
}

/// `wanjia calendar-reminder`: one inbox notice per person about a missing year, once.
struct CalendarReminderJob: BackgroundJob {
  var name: String { "calendar-reminder" }
  var help: String { "From 1 November, tells everyone whose work sets deadlines (once) that next year's holidays are missing." }
  var interval: Duration { .seconds(3600) }

  static let messageKey = "inbox.calendar_missing"

  func run(on app: Application, now: Date) async throws -> String {
    try await app.runningJobs.exclusive(name) { try await remind(app.db, now: now) } ?? "a reminder pass is already running"
  }

  func remind(_ db: any Database, now: Date) async throws -> String {
    guard let year = try await CalendarReminder.missingYear(on: db, now: now) else { return "nothing missing" }
    func notice(link: String) -> Notice { Notice(kind: .calendar, messageKey: Self.messageKey, args: [String(year)], link: link) }
    let told = try await Notifications.recipients(of: notice(link: ""), on: db)
    let users = try await User.query(on: db).filter(\.$isActive == true).all().filter { user in
      try !Set(user.roles).isDisjoint(with: CalendarReminder.roles)
        && !told.contains(try user.requireID())
    }
    for user in users {
      let admin = user.roles.contains(.admin)
      try await Notifications.deliver(
        notice(link: admin ? Paths.calendar.link() : Paths.home.link()), to: [user.requireID()], at: now, on: db)
    }
    return "\(users.count) told that \(year) is missing"
  }
}
