import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// WO-WARNINGS, WO-CHASE, WO-SWEEP: warnings at 50 / 75 / 90 % of the stage time and a 催办 on
/// breach, raised by a sweep that reads only due orders and fires each alert exactly once.
@Suite("SLA sweep")
struct SLASweepTests {
  func levels(_ app: Application, stage: String) async throws -> [String] {
    let typed: Domain.StageClock? = .init(rawValue: stage)
    let stage = try #require(typed)
    return try await SLAAlert.query(on: app.db).filter(\.$stage == stage).sort(\.$createdAt).all().map(\.level.rawValue)
  }

  @Test("Rule WO-WARNINGS, WO-CHASE: warnings at 50 %, 75 %, 90 % of the dispatch hour, then the 催办 on breach")
  func warningsInOrder() async throws {
    try await withApp { app in
      // Setup: the work-order loop, countyA's duty phone and a new complaint due in 30 minutes
      let loop = try await WorkOrderLoop.make(app)
      loop.org.countyA.dutyPhone = "0571-88886598"
      try await loop.org.countyA.save(on: app.db)
      let created = try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint())
      let order = try loop.decode(created)
      let job = SLASweepJob()
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(stored.nextDueAt == WorkOrderLoop.start.addingTimeInterval(30 * 60))
      // Act: sweep at 29, 31, 55 and 61 minutes
      // Nothing is due before the first warning point.
      // Check: nothing at 29, then warn50, then warn75 and warn90, then the breach with a chase to countyA
      #expect(try await job.run(on: app, now: WorkOrderLoop.start.addingTimeInterval(29 * 60)) == "0 orders due")
      _ = try await job.run(on: app, now: WorkOrderLoop.start.addingTimeInterval(31 * 60))
      #expect(try await levels(app, stage: "dispatch") == ["warn50"])
      _ = try await job.run(on: app, now: WorkOrderLoop.start.addingTimeInterval(55 * 60))
      #expect(try await levels(app, stage: "dispatch") == ["warn50", "warn75", "warn90"])
      _ = try await job.run(on: app, now: WorkOrderLoop.start.addingTimeInterval(61 * 60))
      #expect(try await levels(app, stage: "dispatch") == ["warn50", "warn75", "warn90", "breach"])
      let chase = try #require(try await SLAAlert.query(on: app.db).filter(\.$isChase == true).first())
      #expect(chase.$unit.id == loop.org.countyA.id)
      // The 催办 also went to the county's duty phone through the outbox, and is delivered once.
      // Check: one SMS to the duty phone naming the order
      let sms = try await OutboxMessage.query(on: app.db).all()
      #expect(sms.count == 1)
      #expect(sms.first?.recipient == "0571-88886598")
      #expect(sms.first?.body.contains(order.number) == true)
      // Act: deliver the outbox twice
      let gateway = RecordingSMSGateway()
      app.smsGateway = gateway
      // Check: sent once
      #expect(try await OutboxDeliveryJob().run(on: app, now: WorkOrderLoop.start.addingTimeInterval(62 * 60)) == "1 sent, 0 failed")
      #expect(try await OutboxDeliveryJob().run(on: app, now: WorkOrderLoop.start.addingTimeInterval(63 * 60)) == "0 sent, 0 failed")
      #expect(gateway.sent.count == 1)
      // Act: sweep again an hour later
      // Running again raises nothing new.
      _ = try await job.run(on: app, now: WorkOrderLoop.start.addingTimeInterval(120 * 60))
      // Check: no new alert
      #expect(try await SLAAlert.query(on: app.db).count() == 4)
    }
  }

  @Test("An overdue order gets its 催办 exactly once with two sweepers running")
  func twoSweepers() async throws {
    try await withApp { app in
      // Setup: five overdue complaints and a second app on the same database
      let loop = try await WorkOrderLoop.make(app)
      for _ in 0..<5 {
        _ = try await app.api(
          .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(acceptedAt: "2026-03-10T06:00:00+08:00"))
      }
      let now = WorkOrderLoop.start
      // A second server on the same database (PostgreSQL), or a second pass in this process.
      let other = try await Application.make(.testing)
      other.logger.logLevel = .error
      let shared = app.config.database
      try await configure(
        other,
        AppConfig(
          database: shared == .sqliteMemory ? .sqliteMemory : shared, dataDirectory: app.config.dataDirectory, bcryptCost: 4,
          logFormat: .text))
      let second = shared == .sqliteMemory ? app : other
      // Act: sweep from both at once
      async let first = SLASweepJob().run(on: app, now: now)
      async let again = SLASweepJob().run(on: second, now: now)
      _ = try await (first, again)
      try await other.asyncShutdown()
      // Check: one chase per order, 20 alerts in all
      let chases = try await SLAAlert.query(on: app.db).filter(\.$isChase == true).all()
      #expect(chases.count == 5)
      #expect(Set(chases.map(\.$order.id)).count == 5)
      // The breach also owes no more warnings: the dispatch clock is past every point.
      #expect(try await SLAAlert.query(on: app.db).count() == 20)
    }
  }

  @Test("Moving the order on stops the clock and its warnings")
  func stoppedClockRaisesNothing() async throws {
    try await withApp { app in
      // Setup: a complaint approved and dispatched within 20 minutes
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      loop.clock.advance(by: 600)
      let reviewed = try loop.decode(try await loop.act("lead", order, #"{"action":"approveIntake"}"#))
      loop.clock.advance(by: 600)
      _ = try await loop.act("lead", reviewed, #"{"action":"dispatch"}"#)
      // Act: sweep two hours later
      // Dispatched after 20 minutes: the dispatch clock stopped in time; the next due point is the
      // first-contact clock's 50 %.
      _ = try await SLASweepJob().run(on: app, now: WorkOrderLoop.start.addingTimeInterval(2 * 3600))
      // Check: no dispatch warnings; the next due point is later
      #expect(try await levels(app, stage: "dispatch").isEmpty)
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      let next = try #require(stored.nextDueAt)
      #expect(next > WorkOrderLoop.start.addingTimeInterval(2 * 3600))
    }
  }
}

@Suite("SLA sweep on a SQLite file")
struct SLASweepSQLiteFileTests {
  @Test("Two sweeps in two processes on one SQLite file wait their turn: no 'database is locked', each alert once")
  func concurrentSweepsOnOneFile() async throws {
    // Setup: SQLite only: 60 overdue complaints in a file and a second app booted on it
    guard !testingOnPostgres else { return }
    try await withApp(sqliteFile: true) { app in
      let loop = try await WorkOrderLoop.make(app)
      for _ in 0..<60 {
        _ = try await app.api(
          .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(acceptedAt: "2026-03-10T06:00:00+08:00"))
      }
      // A second process: its own app and connections on the same file, booted as `wanjia sla-sweep` boots.
      let other = try await Application.make(.testing)
      other.logger.logLevel = .error
      try await configure(
        other, AppConfig(database: app.config.database, dataDirectory: app.config.dataDirectory, bcryptCost: 4, logFormat: .text))
      try await other.asyncBoot()
      let now = WorkOrderLoop.start
      // Act: sweep from both apps at once
      do {
        async let first = SLASweepJob(batchSize: 1000).sweep(app, now: now)
        async let second = SLASweepJob(batchSize: 1000).sweep(other, now: now)
        _ = try await (first, second)
      } catch {
        try await other.asyncShutdown()
        throw error
      }
      try await other.asyncShutdown()
      // Check: no lock error, one chase per order
      let chases = try await SLAAlert.query(on: app.db).filter(\.$isChase == true).all()
      #expect(chases.count == 60)
      #expect(Set(chases.map(\.$order.id)).count == 60)
    }
  }
}
