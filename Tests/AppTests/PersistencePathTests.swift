import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import App

/// One persistence path (docs/architecture.md, Data): SQL reached one way, the fast write paths
/// only where a benchmark needs them, the clock behind its seam, and a version check that cannot
/// be skipped.
@Suite("One persistence path")
struct PersistencePathTests {
  let tree = SourceTree()

  /// The application's files whose code (comments and text left out) matches `pattern`.
  func files(matching pattern: String) throws -> [String] {
    let regex = try NSRegularExpression(pattern: pattern)
    return try tree.swiftFiles(under: "Sources").filter { path in
      let code = try tree.code(path)
      return regex.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil
    }
  }

  @Test("ARCH-CLOCK: the time is read only behind the clock seam")
  func clockSeam() throws {
    // Setup: the application's sources
    // Act: find code that reads Date() or Date.now
    // Check: only AppClock.swift does
    #expect(try files(matching: #"\bDate\(\)|\bDate\.now\b"#) == ["Sources/App/Platform/AppClock.swift"])
  }

  @Test("ARCH-SQL: only the SQL accessor casts a database to SQL; there is no non-SQL fallback")
  func oneSQLAccessor() throws {
    // Setup: the application's sources
    // Act: find casts to SQLDatabase
    // Check: only SQLAccess.swift casts
    #expect(try files(matching: #"as[?!]\s*(any\s+)?SQLDatabase"#) == ["Sources/App/Platform/SQLAccess.swift"])
  }

  @Test("ARCH-SQL: a database that does not speak SQL is refused at start-up, naming the need")
  func nonSQLDatabaseRefused() async throws {
    // Setup: an app with a database that does not speak SQL
    let app = try await Application.make(.testing)
    app.databases.use(NoSQLConfiguration(), as: .init(string: "nosql"))
    // Act: require SQL
    // Check: refused naming SQLite or PostgreSQL; a normal app passes
    #expect {
      try app.requireSQL()
    } throws: { error in
      (error as? CommandFailure)?.description.contains("SQLite or PostgreSQL") == true
    }
    try await app.asyncShutdown()
    try await withApp { app in try app.requireSQL() }
  }

  @Test("ARCH-FAST-WRITES: direct inserts only for the rows of an intake, the bulk insert only for the roster import")
  func fastWritesOnlyOnBenchmarkedPaths() throws {
    // Setup: the application's sources
    // Act: find the DirectlyInserted models and the users of the bulk insert and handle
    let conformers = try tree.swiftFiles(under: "Sources").flatMap { path in
      SourceTree.matches(#"extension\s+(\w+)\s*:\s*DirectlyInserted"#, in: try tree.code(path))
    }
    // Check: only the listed ones, each naming its benchmark
    #expect(Set(conformers) == ["WorkOrder", "WorkOrderEvent", "AuditRecord", "InboxNotification"])
    #expect(
      try files(matching: #"\bSQLiteBulkInsert\b"#) == [
        "Sources/App/Features/Surveys/Rosters/RosterWriter.swift", "Sources/App/Platform/SQLiteBulkInsert.swift",
      ])
    #expect(
      try files(matching: #"\bSQLiteHandle\b"#) == [
        "Sources/App/Features/Surveys/Rosters/RosterWriter.swift", "Sources/App/Platform/SQLiteHandle.swift",
        "Sources/App/Platform/SQLiteWriteAheadLog.swift",
      ])
    // Each keeps the benchmark that justifies it beside it.
    for path in [
      "Sources/App/Platform/DirectInsert.swift", "Sources/App/Platform/SQLiteBulkInsert.swift", "Sources/App/Platform/SQLiteHandle.swift",
    ] {
      #expect(try tree.text(path).contains("bench/"), "\(path) names its benchmark")
    }
  }

  @Test("ARCH-OPTIMISTIC-LOCK: a wave form without the version it read, or with an old one, is 409 and changes nothing")
  func waveVersionAlwaysChecked() async throws {
    try await withApp { app in
      // Setup: a sampled wave and the office on its page
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 20)])).status == .created)
      let waveID = try await desk.sampledWave(count: 5)
      func wave() async throws -> SurveyWave { try #require(try await SurveyWave.find(UUID(uuidString: waveID), on: app.db)) }
      let client = PageClient(app)
      try await client.login("office")
      try await client.get(Paths.surveyWave.link(waveID))
      let read = try await wave().version

      // Act: open fieldwork without a version
      let unversioned = try await client.post(Paths.surveyWaveFieldwork.link(waveID), [("open", "true")])
      // Check: a 409 naming version, nothing changed
      #expect(unversioned.status == .conflict)
      #expect(unversioned.body.string.contains("id=\"error-version\""))
      let untouched = try await wave()
      #expect(untouched.isOpen == false && untouched.version == read)

      // Act: open it with the version read, then set a milestone with that old version
      let first = try await client.post(Paths.surveyWaveFieldwork.link(waveID), [("open", "true"), ("version", "\(read)")])
      // Check: opened once; the milestone is a 409 and not saved
      #expect(first.status == .seeOther)
      let opened = try await wave()
      #expect(opened.isOpen && opened.version == read + 1)
      let milestone = try await client.post(
        Paths.surveyWaveMilestone.link(waveID), [("kind", "rostersSubmitted"), ("due", "2026-07-15"), ("version", "\(read)")])
      #expect(milestone.status == .conflict)
      #expect(try await wave().version == read + 1)
      #expect(try await wave().milestones.first { $0.kind == .rostersSubmitted }?.due.description != "2026-07-15")
    }
  }

  @Test("ARCH-OPTIMISTIC-LOCK: drawing a sample from a wave changed since it was read is 409, and nothing is drawn")
  func sampleDrawClaimsTheVersionItRead() async throws {
    try await withApp { app in
      // Setup: a wave read, then opened by someone else
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 20)])).status == .created)
      let created = try await app.api(
        .POST, Paths.apiSurveyWaves.link(), token: desk.office, json: #"{"code":"W1","name":"调查","year":2026,"sampleCount":5,"seed":"7"}"#)
      #expect(created.status == .created)
      let actor = try await Actor.commandLine(on: app.db)
      let stale = try #require(try await SurveyWave.query(on: app.db).filter(\.$code == "W1").first())
      let current = try #require(try await SurveyWave.find(stale.id, on: app.db))
      try await WaveService.setOpen(true, wave: current, expectedVersion: current.version, actor: actor, on: app.db, now: app.clock.now())
      // Act: draw the sample from the stale wave
      // Check: a 409, nothing drawn
      await #expect {
        _ = try await SampleService.draw(wave: stale, actor: actor, on: app.db, now: app.clock.now())
      } throws: { ($0 as? AppError)?.status == .conflict }
      #expect(try await SurveySample.query(on: app.db).count() == 0)
      #expect(try await SurveyWave.find(stale.id, on: app.db)?.sampledAt == nil)
    }
  }

  @Test("ARCH-OPTIMISTIC-LOCK: of two writers holding one version, exactly one claims it")
  func oneClaimWins() async throws {
    try await withApp { app in
      // Setup: a wave and its version
      let desk = try await SurveyDesk.make(app)
      let created = try await app.api(
        .POST, Paths.apiSurveyWaves.link(), token: desk.office, json: #"{"code":"W1","name":"调查","year":2026,"sampleCount":5,"seed":"7"}"#)
      #expect(created.status == .created)
      let wave = try #require(try await SurveyWave.query(on: app.db).filter(\.$code == "W1").first())
      let id = try #require(wave.id)
      let version = wave.version
      let stale = AppError.conflict("version", "survey.error.stale")
      // Act: claim the version from two tasks at once
      let results = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<2 {
          group.addTask {
            (try? await app.db.transaction { tx in
              try await OptimisticLock.claim(SurveyWave.schema, id: id, expected: version, on: tx, stale: stale)
            }) != nil
          }
        }
        return await group.reduce(into: []) { $0.append($1) }
      }
      // Check: exactly one wins; the version moves by one
      #expect(results.filter { $0 }.count == 1)
      #expect(try await SurveyWave.find(id, on: app.db)?.version == version + 1)
    }
  }
}

/// Platform reads what features add to a page's frame only when a page is built (rule
/// ARCH-BOUNDARY: Platform names no feature; the features register their sources).
@Suite("Page frame sources")
struct PageFrameSourceTests {
  final class CountingSource: PageFrameSource, @unchecked Sendable {
    let calls = NIOLockedValueBox(0)
    func contribute(to frame: inout PageFrame, for actor: Actor, request: Request) async throws {
      calls.withLockedValue { $0 += 1 }
      frame.badges["nav.tokens"] = 7
      frame.banners.append(.init(id: "test-banner", text: "横幅 <b>", linkText: "去看看", href: Paths.units.link()))
    }
  }

  @Test("A registered source is asked once per page built and never for redirects or the API")
  func askedOnlyForPages() async throws {
    try await withApp { app in
      // Setup: an org, a counting frame source, admin signed in
      _ = try await Org.make(app)
      let source = CountingSource()
      app.pageFrame.add(source)
      let client = PageClient(app)
      try await client.login("admin")
      let loggedIn = source.calls.withLockedValue { $0 }
      // Act: open a page
      let page = try await client.get(Paths.units.link())
      // Check: the source asked once; its badge and banner shown, escaped
      #expect(source.calls.withLockedValue { $0 } == loggedIn + 1)
      #expect(page.body.string.contains(#"<span class="badge" id="tokens-badge">7</span>"#))
      #expect(
        page.body.string.contains(
          "<p class=\"banner warning\" role=\"alert\" id=\"test-banner\">横幅 &lt;b&gt; <a href=\"\(Paths.units.link())\">去看看</a></p>"))
      // Act: switch language (a redirect) and call the API
      let redirect = try await client.post(Paths.language.link(), [("locale", "en")])
      // Check: the source is not asked again
      #expect(redirect.status == .seeOther)
      let token = try await app.token("admin")
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: token).status == .ok)
      #expect(source.calls.withLockedValue { $0 } == loggedIn + 1)
    }
  }
}

/// A database without SQL, for the start-up check: it answers nothing.
private struct NoSQLConfiguration: DatabaseConfiguration {
  var middleware: [any AnyModelMiddleware] = []
  func makeDriver(for databases: Databases) -> any DatabaseDriver { Driver() }

  struct Driver: DatabaseDriver {
    func makeDatabase(with context: DatabaseContext) -> any Database { NoSQLDatabase(context: context) }
    func shutdown() {}
  }

  struct NoSQLDatabase: Database {
    let context: DatabaseContext
    var inTransaction: Bool { false }
    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
      eventLoop.makeSucceededVoidFuture()
    }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { eventLoop.makeSucceededVoidFuture() }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeSucceededVoidFuture() }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }
  }
}
