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
    let covered = try await CalendarYear.query(on: db).filter(\.$year == next).count() > 0
    return covered ? nil : next
  }

  static func concerns(_ actor: Actor) -> Bool { !actor.roles.isDisjoint(with: roles) }
}

struct CalendarGapKey: StorageKey {
  typealias Value = Int
}

/// Puts the missing year, when there is one, where every page's frame shows it.
struct CalendarReminderMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if request.method == .GET, let actor = request.storage[ActorKey.self], CalendarReminder.concerns(actor),
      let year = try await CalendarReminder.missingYear(on: request.db, now: request.now)
    {
      request.storage[CalendarGapKey.self] = year
    }
    return try await next.respond(to: request)
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
    let args = [String(year)]
    // Stored as the notification stores its arguments.
    let argsJSON = try JSONCoding.encode(args)
    let told = Set(
      try await InboxNotification.query(on: db).filter(\.$kind == "calendar").filter(\.$messageKey == Self.messageKey)
        .filter(\.$argsJSON == argsJSON).all(\.$user.$id))
    let users = try await User.query(on: db).filter(\.$isActive == true).all().filter { user in
      try !Set(User.roleCodes(user.rolesList).compactMap(Role.init(rawValue:))).isDisjoint(with: CalendarReminder.roles)
        && !told.contains(try user.requireID())
    }
    for user in users {
      let admin = User.roleCodes(user.rolesList).contains(Role.admin.rawValue)
      try await Inbox.deliver(
        to: [user.requireID()], kind: "calendar", messageKey: Self.messageKey, args: args,
        link: admin ? Paths.calendar.link() : Paths.home.link(), at: now, on: db)
    }
    return "\(users.count) told that \(year) is missing"
  }
}
