import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// bench/outages.sh: queuing the notices of one outage of BENCH_CUSTOMERS customers (50,000 by
/// default) against a bare multi-row INSERT of the same outbox rows into the same database (a SQLite
/// file as a server uses, or PostgreSQL with TEST_DATABASE_URL). Runs only with
/// WANJIA_BENCH_OUTAGES=1; prints one line with the two rates and their ratio (target >= 0.5).
@Suite("Outage notices benchmark", .enabled(if: ProcessInfo.processInfo.environment["WANJIA_BENCH_OUTAGES"] == "1"))
struct OutageBenchmark {
  @Test("OUT-NOTICES: the notices of one outage, against a bare multi-row INSERT of the outbox rows")
  func notices() async throws {
    // Setup: BENCH_CUSTOMERS customers on one feeder and an announced outage, in a SQLite file or PostgreSQL
    let count = Int(ProcessInfo.processInfo.environment["BENCH_CUSTOMERS"] ?? "") ?? 50_000
    try await withApp(sqliteFile: true) { app in
      let org = try await Org.make(app)
      let now = app.clock.now()
      let unitID = try org.stationA.requireID()
      let feeder = GridObject(kind: .feeder, code: "10kV基准线", unitID: unitID, feederID: nil)
      try await feeder.create(on: app.db)
      let customers = (0..<count).map { n -> GridCustomer in
        let customer = GridCustomer()
        customer.id = UUID()
        customer.account = String(format: "B%09d", n)
        customer.name = "客户\(n)"
        customer.phone = "138\(String(format: "%08d", n))"
        customer.feederID = feeder.id ?? UUID()
        customer.$unit.id = unitID
        return customer
      }
      // The customer file the notices are written from, untimed.
      var written = 0
      while written < count {
        try await Array(customers[written..<min(written + 1000, count)]).create(on: app.db)
        written += 1000
      }
      let outage = Outage()
      outage.id = UUID()
      outage.version = 1
      outage.registeredAt = now
      outage.type = .planned
      outage.cause = "线路检修"
      outage.state = .announced
      outage.startAt = now.addingTimeInterval(8 * 86_400)
      outage.announcedRestorationAt = now.addingTimeInterval(8 * 86_400 + 8 * 3_600)
      outage.registeredBy = "bench"
      outage.customersAffected = count
      outage.noticeBreach = false
      outage.$gridObject.id = try feeder.requireID()
      outage.$unit.id = unitID
      try await outage.create(on: app.db)

      // Act: queue the outage's notices, timed
      let localizer = app.localizer
      let queueStart = ContinuousClock.now
      try await app.db.transaction { tx in
        try await OutageNotices.queue(outage, customers: customers, limits: .default, localizer: localizer, on: tx, now: now)
      }
      let queued = ContinuousClock.now - queueStart
      // Check: one outbox message and one affected-customer row per customer
      #expect(try await OutboxMessage.query(on: app.db).count() == count)
      #expect(try await OutageCustomer.query(on: app.db).filter(\.$noticeMessageID != nil).count() == count)

      // Act: insert the same rows bare, 1,000 a statement, timed
      // The same outbox rows (texts rendered beforehand), bare, one multi-row INSERT per 1,000.
      let bodies = customers.map { OutageNotices.text(outage, account: $0.account, followUp: false, localizer: localizer) }
      let bareStart = ContinuousClock.now
      try await app.db.transaction { tx in
        let sql = tx.sql
        var start = 0
        while start < count {
          let insert = sql.insert(into: OutboxMessage.schema).columns(
            "id", "channel", "recipient", "body", "status", "attempts", "created_at")
          for n in start..<min(start + 1000, count) {
            insert.values(
              SQLBind(UUID()), SQLBind("sms"), SQLBind(customers[n].phone ?? ""), SQLBind(bodies[n]), SQLBind("pending"), SQLBind(0),
              SQLBind(now))
          }
          try await insert.run()
          start += 1000
        }
      }
      let bare = ContinuousClock.now - bareStart
      // Check: print both rates and their ratio against the 0.5 target (printed, not asserted)
      func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
      let queueRate = Double(count) / seconds(queued)
      let bareRate = Double(count) / seconds(bare)
      let ratio = queueRate / bareRate
      print(
        String(
          format:
            "outage notices (%@, %d customers): queued %.0f notices/s (%.2f s); bare outbox INSERT %.0f rows/s (%.2f s); ratio %.2f (target >= 0.50: %@)",
          testingOnPostgres ? "postgres" : "sqlite", count, queueRate, seconds(queued), bareRate, seconds(bare), ratio,
          ratio >= 0.5 ? "met" : "MISSED"))
    }
  }
}
