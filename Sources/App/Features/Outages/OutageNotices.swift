import Domain
import Fluent
import Foundation
import SQLKit

/// The notices of an outage (OUT-NOTICES): one SMS per affected customer with a phone, queued
/// through the outbox in the transaction that registers the outage; a follow-up when the
/// restoration is delayed (OUT-FOLLOW-UP); the notification rate (OUT-NOTICE-RATE).
enum OutageNotices {
  /// SMS go to customers in Chinese, whatever the language of the person registering.
  static let smsLocale = "zh-CN"

  /// The SMS text of an outage of a type, with its start and announced restoration.
  static func text(_ outage: Outage, account: String, followUp: Bool, localizer: Localizer) -> String {
    Template(outage, followUp: followUp, localizer: localizer).text(account: account)
  }

  /// The notice limits in force on the day a notice is given (OUT-NOTICE-LIMITS, in versions).
  static func limits(on db: any Database, now: Date) async throws -> NoticeLimits {
    try await RuleVersions<NoticeLimits>.inForce(on: BusinessTime.civilDate(of: now), db: db, default: .default)
  }

  /// An outage's SMS text rendered once, the account put in per customer (rendering the times
  /// for each of 50,000 customers cost more than their INSERTs; bench/outages.sh).
  struct Template {
    /// Stands for the account until it is put in; no typed text holds it.
    static let slot = "\u{FFFF}account\u{FFFF}"
    let parts: [Substring]

    init(_ outage: Outage, followUp: Bool, localizer: Localizer) {
      let key = followUp ? "outage.sms.delay" : "outage.sms.\(outage.type.rawValue)"
      let whole = localizer.text(
        key, locale: smsLocale,
        args: [
          Self.slot, outage.cause, DisplayFormat.dateTime(outage.startAt), DisplayFormat.dateTime(outage.announcedRestorationAt),
        ])
      parts = whole.split(separator: Self.slot, omittingEmptySubsequences: false)
    }

    func text(account: String) -> String { parts.joined(separator: account) }
  }

  /// Writes the affected customers and queues their notices. Each customer row is copied from the
  /// customer file by one INSERT … SELECT per chunk, binding only its id, the customer's and the
  /// SMS's (binding all eleven values cost more than the outbox rows themselves; bench/outages.sh).
  static func queue(
    _ outage: Outage, customers: [GridCustomer], limits: NoticeLimits, localizer: Localizer, on db: any Database, now: Date
  ) async throws {
    let template = Template(outage, followUp: false, localizer: localizer)
    var messages: [OutgoingSMS] = []
    messages.reserveCapacity(customers.count)
    var notified: [Row] = []
    notified.reserveCapacity(customers.count)
    var unreachable: [Row] = []
    for customer in customers {
      let customerID = try customer.requireID()
      guard let phone = customer.phone else {
        unreachable.append(Row(id: UUID(), customerID: customerID, messageID: nil))
        continue
      }
      let messageID = UUID()
      messages.append(OutgoingSMS(id: messageID, recipient: phone, body: template.text(account: customer.account)))
      notified.append(Row(id: UUID(), customerID: customerID, messageID: messageID))
    }
    // Every notice is queued now: in time or not depends only on whether the customer is important.
    let inTime = (
      important: limits.isInTime(type: outage.type, noticeAt: now, start: outage.startAt, important: true),
      other: limits.isInTime(type: outage.type, noticeAt: now, start: outage.startAt, important: false)
    )
    try await insertCustomers(notified, of: try outage.requireID(), queuedAt: now, inTime: inTime, on: db.sql)
    try await insertCustomers(unreachable, of: try outage.requireID(), queuedAt: nil, inTime: nil, on: db.sql)
    try await Notifications.queueSMS(messages, at: now, on: db)
  }

  /// An affected customer's row before the customer file fills it in.
  struct Row {
    let id: UUID
    let customerID: UUID
    let messageID: UUID?
  }

  /// Customer rows per INSERT: three bound values a row, within SQLite's 32,766 and PostgreSQL's
  /// 65,535 (fewer, larger statements: bench/outages.sh).
  static let chunk = 10_000

  /// One INSERT … SELECT per chunk: the rows (all with an SMS, or all without) joined to the
  /// customer file. Both databases name the columns of a VALUES list column1, column2, ….
  static func insertCustomers(
    _ rows: [Row], of outageID: UUID, queuedAt: Date?, inTime: (important: Bool, other: Bool)?, on sql: any SQLDatabase
  ) async throws {
    let columns = [
      "id", "outage_id", "customer_id", "account", "name", "phone", "important_class", "transformer_area_id", "notice_message_id",
      "notice_queued_at", "notice_in_time",
    ]
    let notice: SQLQueryString =
      if let queuedAt, let inTime {
        "v.column3, \(bind: queuedAt), CASE WHEN c.important_class IS NULL THEN \(bind: inTime.other) ELSE \(bind: inTime.important) END"
      } else {
        "NULL, NULL, \(bind: false)"
      }
    var start = 0
    while start < rows.count {
      let values = rows[start..<min(start + chunk, rows.count)].map { row -> SQLQueryString in
        if let message = row.messageID {
          "(\(bind: row.id), \(bind: row.customerID), \(bind: message))"
        } else {
          "(\(bind: row.id), \(bind: row.customerID))"
        }
      }
      let insert: SQLQueryString = """
        INSERT INTO \(ident: OutageCustomer.schema) (\(idents: columns, joinedBy: ", ")) \
        SELECT v.column1, \(bind: outageID), c.id, c.account, c.name, c.phone, c.important_class, c.transformer_area_id, \(notice) \
        FROM (VALUES \(values.joined(separator: ", "))) AS v JOIN \(ident: GridCustomer.schema) AS c ON c.id = v.column2
        """
      try await sql.raw(insert).run()
      start += chunk
    }
  }

  /// OUT-FOLLOW-UP: the customers still out hear of the new restoration time.
  static func followUp(_ outage: Outage, localizer: Localizer, on db: any Database, now: Date) async throws {
    let outageID = try outage.requireID()
    let waiting = try await OutageCustomer.query(on: db).filter(\.$outageID == outageID).filter(\.$restoredAt == nil)
      .filter(\.$phone != nil).all()
    let template = Template(outage, followUp: true, localizer: localizer)
    var messages: [OutgoingSMS] = []
    for customer in waiting {
      guard let phone = customer.phone else { continue }
      let id = UUID()
      messages.append(
        OutgoingSMS(id: id, recipient: phone, body: template.text(account: customer.account)))
      customer.followupMessageID = id
    }
    try await Notifications.queueSMS(messages, at: now, on: db)
    for customer in waiting { try await customer.save(on: db) }
  }

  /// Where a customer's notice is, for lists and the rate.
  enum Status: String, Codable, Sendable, CaseIterable {
    /// No phone in the customer file: nothing could be sent.
    case noPhone = "no_phone"
    case queued, sent, delivered, failed
  }

  /// Each customer's notice status, from the outbox.
  static func statuses(_ customers: [OutageCustomer], on db: any Database) async throws -> [UUID: Status] {
    let sms = try await Notifications.smsStatuses(customers.compactMap(\.noticeMessageID), on: db)
    var out: [UUID: Status] = [:]
    for customer in customers {
      guard let id = customer.id else { continue }
      guard let message = customer.noticeMessageID else {
        out[id] = .noPhone
        continue
      }
      switch sms[message] {
      case .queued, nil: out[id] = .queued
      case .sent: out[id] = .sent
      case .delivered: out[id] = .delivered
      case .failed: out[id] = .failed
      }
    }
    return out
  }

  /// OUT-NOTICE-RATE: notified in time means queued by the limit and not failed.
  static func notifiedInTime(_ customer: OutageCustomer, status: Status?) -> Bool {
    customer.noticeInTime && status != .failed && status != .noPhone
  }

  struct Rate: Sendable {
    var inTime: Int
    var affected: Int
    var fraction: Double { notificationRate(inTime: inTime, affected: affected) }
  }

  /// The rate of each outage (cancelled outages notified nobody of anything that happened, and
  /// are left out by the callers).
  static func rates(_ outageIDs: [UUID], on db: any Database) async throws -> [UUID: Rate] {
    var out: [UUID: Rate] = [:]
    for id in outageIDs { out[id] = Rate(inTime: 0, affected: 0) }
    guard !outageIDs.isEmpty else { return out }
    let customers = try await OutageCustomer.query(on: db).filter(\.$outageID ~~ outageIDs)
      .field(\.$id).field(\.$outageID).field(\.$noticeMessageID).field(\.$noticeInTime).all()
    let statuses = try await statuses(customers, on: db)
    for customer in customers {
      out[customer.outageID, default: Rate(inTime: 0, affected: 0)].affected += 1
      if let id = customer.id, notifiedInTime(customer, status: statuses[id]) { out[customer.outageID]?.inTime += 1 }
    }
    return out
  }
}
