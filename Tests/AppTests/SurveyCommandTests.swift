import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Survey command line")
struct SurveyCommandTests {
  /// Runs a command and returns what it printed.
  @discardableResult
  func run(_ app: Application, _ group: any AsyncCommandGroup, _ arguments: [String]) async throws -> String {
    let console = CapturingConsole()
    var context = CommandContext(console: console, input: CommandInput(arguments: ["wanjia"] + arguments))
    context.application = app
    try await group.run(using: &context)
    return console.text
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

  @Test("survey scores --wave W --json prints the document the API returns for the wave and refuses an unknown wave")
  func scores() async throws {
    try await withApp { app in
      // Setup: a sampled wave W2026 with 40 phone answers in county A
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 5)])).status == .created)
      let wave = try await desk.sampledWave(count: 2)
      try await AnalysisFixtures.recordResponses(app, waveID: wave, unit: desk.org.countyA, phone: 40, seed: 3)
      // Act: run survey scores for it, and read the same wave's scores through the API
      let printed = try await run(app, SurveyCommands(), ["scores", "--wave", "W2026", "--json"])
      let api = try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office)
      // Check: the API's document, with county A's 40 answers counted
      #expect(api.status == .ok)
      let fromCommand = try #require(try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? NSDictionary)
      let fromAPI = try #require(try JSONSerialization.jsonObject(with: Data(api.body.string.utf8)) as? NSDictionary)
      // The command line sees every unit, the office its own subtree: each unit the API shows is
      // printed the same.
      for key in ["waveId", "code", "year"] { #expect(fromCommand[key] as? NSObject == fromAPI[key] as? NSObject, "\(key)") }
      let printedUnits = try #require(fromCommand["units"] as? [NSDictionary])
      let apiUnits = try #require(fromAPI["units"] as? [NSDictionary])
      #expect(!apiUnits.isEmpty)
      for unit in apiUnits {
        #expect(printedUnits.contains(unit), "\(unit["code"] ?? "?")")
      }
      let countyA = try #require(printedUnits.first { $0["code"] as? String == desk.org.countyA.code })
      #expect((countyA["overall"] as? NSDictionary)?["n"] as? Int == 40, "\(countyA)")
      // Act: run it for a wave that does not exist
      // Check: a clear failure
      await #expect(throws: CommandFailure.self) { try await run(app, SurveyCommands(), ["scores", "--wave", "W1999"]) }
    }
  }
}
