import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Survey command line")
struct SurveyCommandTests {
  func run(_ app: Application, _ group: any AsyncCommandGroup, _ arguments: [String]) async throws {
    var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["wanjia"] + arguments))
    context.application = app
    try await group.run(using: &context)
  }

  @Test("roster import FILE --unit CODE imports a new version; a file without valid rows is a clear error")
  func rosterImport() async throws {
    try await withApp { app in
      // Setup: the survey desk and a roster file of five
      _ = try await SurveyDesk.make(app)
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-roster-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let good = folder.appendingPathComponent("a.csv")
      try SurveyDesk.roster([(.residential, 4), (.commercial, 1)]).write(to: good, atomically: true, encoding: .utf8)
      // Act: import it with --unit A
      try await run(app, RosterCommands(), ["import", good.path, "--unit", "A"])
      // Check: a version of five, imported by cli
      let version = try #require(try await RosterVersion.query(on: app.db).first())
      #expect(version.validRows == 5 && version.importedBy == "cli")

      // Act: import a file without valid rows, then with an unknown unit
      let bad = folder.appendingPathComponent("b.csv")
      try "account,name,phone,unit_code,segment\n1,张,123,A,居民\n".write(to: bad, atomically: true, encoding: .utf8)
      // Check: both fail and one version stays
      await #expect(throws: CommandFailure.self) { try await run(app, RosterCommands(), ["import", bad.path, "--unit", "A"]) }
      await #expect(throws: CommandFailure.self) { try await run(app, RosterCommands(), ["import", good.path, "--unit", "NOPE"]) }
      #expect(try await RosterVersion.query(on: app.db).count() == 1)
    }
  }

  @Test("survey scores --wave W --json runs for a known wave and refuses an unknown one")
  func scores() async throws {
    try await withApp { app in
      // Setup: a sampled wave W2026
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 5)])).status == .created)
      _ = try await desk.sampledWave(count: 2)
      // Act: run survey scores for it, then for W1999
      try await run(app, SurveyCommands(), ["scores", "--wave", "W2026", "--json"])
      // Check: the known wave runs; the unknown one fails
      await #expect(throws: CommandFailure.self) { try await run(app, SurveyCommands(), ["scores", "--wave", "W1999"]) }
    }
  }
}
