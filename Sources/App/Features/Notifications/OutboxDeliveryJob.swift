import Fluent
import SQLKit
import Vapor

/// `wanjia outbox-deliver`: hands pending messages to the SMS gateway, each claimed so that two
/// servers never send one twice; a failure is retried on later passes, up to a limit.
struct OutboxDeliveryJob: BackgroundJob {
  var name: String { "outbox-deliver" }
  var help: String { "Sends pending outbox messages (SMS) through the configured gateway." }
  var interval: Duration { .seconds(30) }
  var batchSize = 200
  static let maxAttempts = 5

  func run(on app: Application, now: Date) async throws -> String {
    try await app.runningJobs.exclusive(name) { try await deliver(app, now: now) } ?? "a delivery is already running"
  }

  func deliver(_ app: Application, now: Date) async throws -> String {
    let pending = try await OutboxMessage.query(on: app.db).filter(\.$status == .pending)
      .sort(\.$createdAt).limit(batchSize).all(\.$id)
    var sent = 0
    var failed = 0
    for id in pending {
      let delivered: Bool? = try await app.db.transaction { tx in
        guard try await claim(id, on: tx), let message = try await OutboxMessage.find(id, on: tx),
          message.status == .pending
        else { return nil }
        var ok = true
        do {
          try await app.smsGateway.send(to: message.recipient, body: message.body, reference: id)
          message.status = .sent
          message.sentAt = now
        } catch {
          ok = false
          message.attempts += 1
          message.lastError = "\(error)"
          if message.attempts >= Self.maxAttempts { message.status = .failed }
        }
        try await message.save(on: tx)
        return ok
      }
      if delivered == true { sent += 1 } else if delivered == false { failed += 1 }
    }
    return "\(sent) sent, \(failed) failed"
  }

  func claim(_ id: UUID, on db: any Database) async throws -> Bool {
    let sql = db.sql
    guard sql.dialect.name == "postgresql" else { return true }
    let rows = try await sql.select().column("id").from(OutboxMessage.schema).where("id", .equal, SQLBind(id))
      .lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")).all()
    return !rows.isEmpty
  }
}
