import Fluent
import SQLKit
import Vapor

// What Notifications offers other features, and all of it they may name (FeatureBoundaryTests):
// `Notice`, `Notifications`, `OutgoingSMS`, `SMSStatus` and `InboxBadge`. Who is to hear of something is the caller's
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

/// An SMS to queue among many (an outage's notices): its id is chosen by the caller, who keeps
/// it to ask for the message's status later.
struct OutgoingSMS: Sendable {
  let id: UUID
  let recipient: String
  let body: String
}

/// Where an SMS is: waiting in the outbox, handed to the gateway, confirmed on the phone by the
/// gateway's receipt, or failed (given up after the retries, or a failure receipt).
enum SMSStatus: String, Codable, Sendable, CaseIterable {
  case queued, sent, delivered, failed
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

  /// Rows per INSERT of `queueSMS(_:)`: 7 bound values a row stays far below SQLite's 32,766.
  static let smsChunk = 1000

  /// Queues many SMS, one multi-row INSERT per chunk (an outage's notices to 50,000 customers,
  /// bench/outages.sh).
  static func queueSMS(_ messages: [OutgoingSMS], at: Date, on db: any Database) async throws {
    let sql = db.sql
    var start = 0
    while start < messages.count {
      let chunk = messages[start..<min(start + smsChunk, messages.count)]
      let insert = sql.insert(into: OutboxMessage.schema)
        .columns("id", "channel", "recipient", "body", "status", "attempts", "created_at")
      for message in chunk {
        insert.values(
          SQLBind(message.id), SQLBind(OutboxMessage.Channel.sms.rawValue), SQLBind(message.recipient), SQLBind(message.body),
          SQLBind(OutboxMessage.Status.pending.rawValue), SQLBind(0), SQLBind(at))
      }
      try await insert.run()
      start += smsChunk
    }
  }

  /// The status of each of the given messages (missing ids are left out).
  static func smsStatuses(_ ids: [UUID], on db: any Database) async throws -> [UUID: SMSStatus] {
    var out: [UUID: SMSStatus] = [:]
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(start + smsChunk, ids.count)])
      let rows = try await OutboxMessage.query(on: db).filter(\.$id ~~ chunk).field(\.$id).field(\.$status).all()
      for row in rows {
        guard let id = row.id else { continue }
        switch row.status {
        case .pending: out[id] = .queued
        case .sent: out[id] = .sent
        case .delivered: out[id] = .delivered
        case .failed: out[id] = .failed
        }
      }
      start += smsChunk
    }
    return out
  }

  /// A delivery receipt from the gateway: the message reached the phone (`delivered`) or did
  /// not (`failed`). Returns false for an id the outbox does not hold.
  static func recordReceipt(messageID: UUID, delivered: Bool, detail: String?, at: Date, on db: any Database) async throws -> Bool {
    guard let message = try await OutboxMessage.find(messageID, on: db) else { return false }
    if delivered {
      message.status = .delivered
      message.deliveredAt = at
    } else {
      message.status = .failed
      message.lastError = detail ?? "receipt: failed"
    }
    try await message.save(on: db)
    return true
  }
}

/// The count of unread notices on the inbox's navigation entry, read when a page is built.
struct InboxBadge: PageFrameSource {
  func contribute(to frame: inout PageFrame, for actor: Actor, request: Request) async throws {
    frame.badges["nav.inbox"] = try await Notifications.unreadCount(userID: actor.userID, on: request.db)
  }
}
