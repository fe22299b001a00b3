import Fluent
import Vapor

// What Notifications offers other features, and all of it they may name (FeatureBoundaryTests):
// `Notice`, `Notifications` and `InboxBadge`. Who is to hear of something is the caller's
// business; this feature only stores, counts and sends.

/// A notice for people's inboxes: a locale key with its arguments (locale keys among them are
/// translated when shown) and the page it is about.
struct Notice: Sendable {
  let kind: NoticeKind
  let messageKey: String
  let args: [String]
  let link: String
}

/// What a notice is about: an order reached a state the person acts in (queue), an SLA warning
/// or 催办 (chase), next year's calendar.
enum NoticeKind: String, Codable, Sendable, CaseIterable {
  case queue, warning, chase, calendar, inspection
}

/// The notifications service: inbox notices and SMS, each written in the caller's transaction so
/// that a notice exists exactly when what caused it does.
enum Notifications {
  /// Puts the notice in each person's inbox, in one INSERT (a county's new order reaches every
  /// agent and lead above it; intake path of bench/workorders.sh).
  static func deliver(_ notice: Notice, to users: [UUID], at: Date, on db: any Database) async throws {
    guard !users.isEmpty else { return }
    try await users.map {
      InboxNotification(userID: $0, kind: notice.kind, messageKey: notice.messageKey, args: notice.args, link: notice.link, at: at)
    }.insert(on: db, now: at)
  }

  /// The people who already have this notice (same kind, text and arguments), for a notice that
  /// is given once.
  static func recipients(of notice: Notice, on db: any Database) async throws -> Set<UUID> {
    let argsJSON = InboxNotification.encode(args: notice.args)
    return Set(
      try await InboxNotification.query(on: db).filter(\.$kind == notice.kind).filter(\.$messageKey == notice.messageKey)
        .filter(\.$argsJSON == argsJSON).all(\.$user.$id))
  }

  static func unreadCount(userID: UUID, on db: any Database) async throws -> Int {
    try await InboxNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
  }

  /// Queues an SMS in the outbox; `outbox-deliver` sends it later, so nothing is lost while the
  /// gateway is down.
  static func queueSMS(to recipient: String, body: String, at: Date, on db: any Database) async throws {
    try await OutboxMessage(sms: recipient, body: body, at: at).create(on: db)
  }
}

/// The count of unread notices on the inbox's navigation entry, read when a page is built.
struct InboxBadge: PageFrameSource {
  func contribute(to frame: inout PageFrame, for actor: Actor, request: Request) async throws {
    frame.badges["nav.inbox"] = try await Notifications.unreadCount(userID: actor.userID, on: request.db)
  }
}
