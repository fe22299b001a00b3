import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Demo data, backup and restore")
struct CommandTests {
  @Test("demo: 1 city, 4 counties, 12 stations, 14 departments, one user per role; only once")
  func demoSeed() async throws {
    try await withApp { app in
      // Setup: a clock on 23 November 2026
      app.clock = FixedClock(instant("2026-11-23T10:00:00+08:00"))
      // Act: seed the demo
      let result = try #require(try await DemoSeed.seedIfEmpty(app))
      // Check: a login per role, the org, orders, surveys, runs, inspections and scorecards as described
      #expect(result.logins.count == Role.allCases.count)
      let kinds = try await OrgUnit.query(on: app.db).all().map(\.kind)
      #expect(kinds.filter { $0 == .city }.count == 1)
      #expect(kinds.filter { $0 == .county }.count == 4)
      #expect(kinds.filter { $0 == .station }.count == 12)
      #expect(try await Department.query(on: app.db).count() == 14)
      let handler = try #require(try await User.query(on: app.db).filter(\.$username == "handler").with(\.$unit).first())
      #expect(handler.unit.kind == .county)
      let agent = try #require(try await User.query(on: app.db).filter(\.$username == "agent").with(\.$unit).first())
      #expect(agent.unit.kind == .city)
      #expect(try await app.token("leader", password: result.password).isEmpty == false)
      // Work orders at every stage, with the sweep's warnings and 催办 already raised.
      let orders = try await WorkOrder.query(on: app.db).all()
      #expect(
        orders.count == DemoWorkOrders.scripts(handlerUnit: UUID(), otherUnit: UUID()).count
          + DemoAccountability.scripts(unit: UUID()).count + DemoScorecards.orderCount + DemoOutages.orderCount)
      #expect(Set(orders.map(\.state)).isSuperset(of: [.closed, .pendingReplyReview, .dispatched, .pendingIntakeReview, .onSite]))
      #expect(try await SLAAlert.query(on: app.db).filter(\.$isChase == true).count() > 0)
      // Outages: the grouped fault restored yesterday, its two calls waiting for their return visits.
      let grouped = try await OutageRepairOrder.query(on: app.db).all()
      #expect(grouped.count == DemoOutages.orderCount)
      let children = try await WorkOrder.query(on: app.db).filter(\.$id ~~ grouped.map(\.workOrderID)).all()
      #expect(children.count == 2 && children.allSatisfy { $0.state == .pendingReturnVisit })
      // Commitments: four applications, one energised on time, one late, one waiting for the customer.
      let applications = try await ConnectionApplication.query(on: app.db).sort(\.$number).all()
      let judged = try await ConnectionApplications.judge(applications, on: app.db, now: app.clock.now())
      #expect(judged.count == 4)
      #expect(judged.filter { !$0.onTime }.map(\.application.customerName) == ["东关便民超市"])
      #expect(judged.contains { $0.onTime && $0.stages.contains { $0.stage == .energising } })
      #expect(try await ConnectionWait.query(on: app.db).filter(\.$endedAt == nil).count() == 1)
      #expect(applications.filter { $0.acceptanceLevel == .customerCentre }.count == 2)
      // Surveys: a roster per county, last year's finished wave and this year's in fieldwork.
      #expect(try await RosterVersion.query(on: app.db).filter(\.$isCurrent == true).count() == 4)
      let waves = try await SurveyWave.query(on: app.db).sort(\.$year).all()
      #expect(waves.map(\.year) == [2025, 2026] && waves.map(\.isOpen) == [false, true])
      let channels = Set(try await SurveyResponse.query(on: app.db).all().map(\.channel))
      #expect(channels == [.phone, .kiosk, .government])
      #expect(try await SurveySample.query(on: app.db).filter(\.$status == .callback).count() > 0)
      // Analysis: a CSI run on this year's wave and the AHP weights of the eight modules.
      let runs = try await AnalysisRun.query(on: app.db).all()
      #expect(runs.map(\.kind.rawValue).sorted() == ["ahp", "csi"] && runs.contains { $0.inputDescription == waves[1].code })
      // The demo CSI run is grouped by unit, with an interval, so its page shows every part.
      let csi = try #require(runs.first { $0.kind == .csi })
      let csiOutputs = try csi.csi().outputs
      #expect((csiOutputs.groups?.names.count ?? 0) >= 2 && csiOutputs.indexInterval != nil)
      // Inspections: last month every station of the handler's county; this month findings in every state.
      #expect(try await Inspection.query(on: app.db).count() == 5)
      let findingStates = try await InspectionFinding.query(on: app.db).all().map(\.state)
      #expect(Set(findingStates) == [.open, .rectified, .closed])
      let today = BusinessTime.civilDate(of: app.clock.now())
      #expect(
        try await InspectionFinding.query(on: app.db).all().contains { $0.state.isOverdue(deadline: $0.deadlineDay ?? today, today: today) }
      )
      // Scorecards (ACC-SCORE-EVIDENCE): the handler's half-year has a point of every kind but the
      // company rules'; one colleague excellent, one failing this month.
      let people = try await User.query(on: app.db).filter(\.$username ~~ ["handler", "zhouwj", "zhaolx"]).with(\.$unit).all()
      let half = ScorePeriod.containing(today, cadence: .halfYear)
      let cards = try await ScorecardService.compute(people: people, period: half, on: app.db, now: app.clock.now())
      let handlerCard = try #require(cards.first { $0.username == "handler" })
      let pointKinds = Set(handlerCard.scorecard.parts.flatMap { $0.basis + $0.deductions }.map(\.evidence.kind))
      #expect(
        pointKinds.isSuperset(of: [.trainingResult, .safetyResult, .returnVisitUnsatisfied, .overdueStage, .finding, .findingOverdue]),
        "\(pointKinds)")
      #expect(!pointKinds.isDisjoint(with: [.complaintQuality, .complaintQualityLoss, .complaintAttitude, .complaintAbusive]))
      #expect(handlerCard.scorecard.parts.flatMap(\.deductions).allSatisfy { handlerCard.links[$0.evidence.reference] != nil })
      let month = ScorePeriod.containing(today, cadence: .month)
      let monthly = try await ScorecardService.compute(people: people, period: month, on: app.db, now: app.clock.now())
      #expect(monthly.first { $0.username == "zhouwj" }?.scorecard.grade == .excellent)
      #expect(monthly.first { $0.username == "zhaolx" }?.scorecard.grade == .fail)
      // Act: seed again
      // Check: nothing is seeded twice
      #expect(try await DemoSeed.seedIfEmpty(app) == nil)
    }
  }

  @Test("user create makes an account that can sign in; bad input is a clear error")
  func userCreate() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: create wang.wu in A-S1 as handler and staff
      var context = CommandContext(
        console: Terminal(),
        input: CommandInput(arguments: [
          "wanjia", "create", "wang.wu", "--unit", "A-S1", "--roles", "handler,staff",
        ]))
      context.application = app
      try await UserCommands(readPassword: { _ in "long-enough-1" }).run(using: &context)
      // Check: the account is in A-S1 with both roles and can sign in
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "wang.wu").with(\.$unit).first())
      #expect(user.unit.code == "A-S1")
      #expect(user.roles == [.handler, .staff])
      #expect(try await app.token("wang.wu", password: "long-enough-1").isEmpty == false)

      // Act: create zhao.liu with an unknown unit, then with an unknown role
      var bad = CommandContext(
        console: Terminal(), input: CommandInput(arguments: ["wanjia", "create", "zhao.liu", "--unit", "NOPE", "--roles", "agent"]))
      bad.application = app
      // Check: each fails and no account is saved
      await #expect(throws: CommandFailure.self) { try await UserCommands(readPassword: { _ in "long-enough-1" }).run(using: &bad) }
      var badRole = CommandContext(
        console: Terminal(), input: CommandInput(arguments: ["wanjia", "create", "zhao.liu", "--unit", "A", "--roles", "boss"]))
      badRole.application = app
      await #expect(throws: CommandFailure.self) { try await UserCommands(readPassword: { _ in "long-enough-1" }).run(using: &badRole) }
      #expect(try await User.query(on: app.db).filter(\.$username == "zhao.liu").count() == 0)
    }
  }

  @Test("backup and restore round-trip a SQLite database through the online backup API")
  func sqliteBackup() async throws {
    // Setup: a temp folder for a live SQLite file and its backup, an app with an org
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-backup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let dbPath = dir.appendingPathComponent("live.sqlite").path
    let backupPath = dir.appendingPathComponent("backup.sqlite").path

    let app = try await Application.make(.testing)
    try await configure(app, AppConfig(database: .sqliteFile(dbPath), dataDirectory: dir.path, bcryptCost: 4, logFormat: .text))
    try await app.autoMigrate()
    _ = try await Org.make(app)
    // Act: back up, change a name, shut down and restore the backup
    try SQLiteBackup.copy(from: dbPath, to: backupPath)
    // Change the live database after the backup, then restore.
    try await User.query(on: app.db).filter(\.$username == "agentB").set(\.$displayName, to: "changed").update()
    try await app.asyncShutdown()
    try SQLiteBackup.copy(from: backupPath, to: dbPath)

    // Check: reopened, the database has the old name and all five units
    let restored = try await Application.make(.testing)
    try await configure(restored, AppConfig(database: .sqliteFile(dbPath), dataDirectory: dir.path, bcryptCost: 4, logFormat: .text))
    let agent = try #require(try await User.query(on: restored.db).filter(\.$username == "agentB").first())
    #expect(agent.displayName == "agentB 姓名")
    #expect(try await OrgUnit.query(on: restored.db).count() == 5)
    try await restored.asyncShutdown()
  }

  @Test("backup of a missing SQLite file is a clear error")
  func backupErrors() {
    // Setup: a SQLite path that does not exist
    // Act: copy it
    // Check: a SQLiteBackup failure
    #expect(throws: SQLiteBackup.Failure.self) {
      try SQLiteBackup.copy(from: "/nonexistent/wanjia.sqlite", to: "/tmp/never.sqlite")
    }
  }

  @Test("backup and restore round-trip a PostgreSQL database through pg_dump and pg_restore")
  func postgresBackup() async throws {
    // Setup: PostgreSQL only: a temp dump file and an org
    guard testingOnPostgres else { return }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-\(UUID().uuidString).dump").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    try await withApp { app in
      _ = try await Org.make(app)
      // Act: dump, change a name, restore
      try DatabaseBackup.backup(app.config.database, to: file)
      try await User.query(on: app.db).filter(\.$username == "agentB").set(\.$displayName, to: "changed").update()
      try DatabaseBackup.restore(app.config.database, from: file)
      // Check: the old name is back and the audit rows kept
      let agent = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first())
      #expect(agent.displayName == "agentB 姓名")
      #expect(try await AuditRecord.query(on: app.db).count() >= 3)
    }
  }
}
