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
  /// Customer rows per INSERT: 11 values a row, 31,900 a statement, within SQLite's 32,766 (fewer,
  /// larger statements: bench/outages.sh).
  static let chunk = 2_900

  /// The SMS text of an outage of a type, with its start and announced restoration.
  static func text(_ outage: Outage, account: String, followUp: Bool, localizer: Localizer) -> String {
    Template(outage, followUp: followUp, localizer: localizer).text(account: account)
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

  /// Writes the affected customers and queues their notices: one multi-row INSERT per chunk of
  /// each, through SQLKit (Fluent's `create` reads every model by reflection, which cost more than
  /// the INSERTs for 50,000 customers; bench/outages.sh).
  static func queue(
    _ outage: Outage, customers: [GridCustomer], limits: NoticeLimits, localizer: Localizer, on db: any Database, now: Date
  ) async throws {
    let outageID = try outage.requireID()
    let sql = db.sql
    let template = Template(outage, followUp: false, localizer: localizer)
    var messages: [OutgoingSMS] = []
    messages.reserveCapacity(customers.count)
    var rows: [[any SQLExpression]] = []
    rows.reserveCapacity(customers.count)
    func bind<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression { value.map { SQLBind($0) } ?? SQLLiteral.null }
    // Every notice is queued now: in time or not depends only on whether the customer is important.
    let inTimeImportant = limits.isInTime(type: outage.type, noticeAt: now, start: outage.startAt, important: true)
    let inTimeOther = limits.isInTime(type: outage.type, noticeAt: now, start: outage.startAt, important: false)
    for customer in customers {
      // Each property read once: a model's fields are looked up by key on every read.
      let phone = customer.phone
      let account = customer.account
      let important = customer.importantClass
      var messageID: UUID?
      if let phone {
        let id = UUID()
        messages.append(OutgoingSMS(id: id, recipient: phone, body: template.text(account: account)))
        messageID = id
      }
      let inTime = messageID != nil && (important != nil ? inTimeImportant : inTimeOther)
      rows.append([
        SQLBind(UUID()), SQLBind(outageID), SQLBind(try customer.requireID()), SQLBind(account), SQLBind(customer.name),
        bind(phone), bind(important?.rawValue), bind(customer.transformerAreaID), bind(messageID),
        messageID == nil ? SQLLiteral.null : SQLBind(now), SQLBind(inTime),
      ])
    }
    var start = 0
    while start < rows.count {
      let insert = sql.insert(into: OutageCustomer.schema).columns(
        "id", "outage_id", "customer_id", "account", "name", "phone", "important_class", "transformer_area_id", "notice_message_id",
        "notice_queued_at", "notice_in_time")
      for row in rows[start..<min(start + chunk, rows.count)] { insert.values(row) }
      try await insert.run()
      start += chunk
    }
    try await Notifications.queueSMS(messages, at: now, on: db)
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
