import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Replacing a county's current roster through the page: upload → the old and new row counts →
/// confirm (or cancel). The file waits as a pending upload in the data folder, never in the session.
@Suite("Roster replacement with confirmation")
struct RosterReplaceTests {
  static func pendingFiles(_ app: Application) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: app.config.dataDirectory + "/pending-uploads")) ?? []
  }

  static func upload(_ client: PageClient, _ desk: SurveyDesk, rows: Int) async throws -> TestingHTTPResponse {
    try await client.get(Paths.rosters.link())
    return try await AnalysisFixtures.upload(
      client, Paths.rosterImport.link(), fields: [("unitId", desk.org.countyA.savedID.uuidString)],
      file: ("名单\(rows).csv", Data(SurveyDesk.roster([(.residential, rows)]).utf8)))
  }

  static func versions(_ app: Application) async throws -> [RosterVersion] {
    try await RosterVersion.query(on: app.db).sort(\.$version).all()
  }

  /// The confirmation form's action, read from the preview page.
  static func confirmAction(_ body: String) throws -> String {
    let marker = "id=\"roster-replace-form\""
    // The pending upload's path up to its id, from the typed path (its last segment is the id).
    let prefix = Paths.rosterPending.link("")
    let form = try #require(body.range(of: "<form method=\"post\" action=\"" + prefix))
    #expect(body.contains(marker))
    let rest = body[form.upperBound...]
    let end = try #require(rest.firstIndex(of: "\""))
    return prefix + String(rest[..<end])
  }

  @Test("Rule SV-ROSTER-VERSION: a first roster imports at once; a replacement shows old and new counts and waits for confirm")
  func replaceAfterConfirmation() async throws {
    try await withApp { app in
      // Setup: the survey desk with the office signed in
      let desk = try await SurveyDesk.make(app)
      let client = PageClient(app)
      try await client.login("office")
      // Act: upload a first roster of 3
      let first = try await Self.upload(client, desk, rows: 3)
      // Check: imported at once
      #expect(first.status == .ok)
      #expect(first.body.string.contains("id=\"roster-result\""))
      #expect(try await Self.versions(app).map(\.totalRows) == [3])

      // Act: upload a replacement of 5
      let preview = try await Self.upload(client, desk, rows: 5)
      // Check: a preview with both counts, nothing replaced, the file held outside the session
      #expect(preview.status == .ok)
      let page = preview.body.string
      #expect(page.contains("id=\"roster-replace\""))
      #expect(page.contains("<tr id=\"roster-replace-old\"><td>当前名单（第 1 版）</td><td>3</td><td>3</td></tr>"))
      #expect(page.contains("<tr id=\"roster-replace-new\"><td>新文件 名单5.csv</td><td>5</td><td>5</td></tr>"))
      #expect(!page.contains("id=\"roster-result\""))
      #expect(try await Self.versions(app).map(\.totalRows) == [3])
      #expect(Self.pendingFiles(app).count == 2)
      // The session keeps only who is signed in and the CSRF token, not the file.
      let sessions = try await SessionRecord.query(on: app.db).all()
      #expect(sessions.allSatisfy { $0.data.snapshot.values.reduce(0) { $0 + $1.count } < 200 })

      // Act: confirm without the box, then with it, then again
      let action = try Self.confirmAction(page)
      PageClient.expectConfirmRefused(try await client.post(action, []))
      // Check: refused and held; then replaced with the file dropped; the repeat finds nothing
      #expect(try await Self.versions(app).map(\.totalRows) == [3])
      #expect(Self.pendingFiles(app).count == 2)

      let done = try await client.post(action, [PageClient.confirmed])
      #expect(done.status == .ok)
      #expect(done.body.string.contains("id=\"roster-result\""))
      let versions = try await Self.versions(app)
      #expect(versions.map(\.totalRows) == [3, 5])
      #expect(versions.map(\.isCurrent) == [false, true])
      #expect(Self.pendingFiles(app).isEmpty)
      // Confirming the same upload again finds nothing to import.
      let again = try await client.post(action, [PageClient.confirmed])
      #expect(again.status == .unprocessableEntity)
      #expect(try await Self.versions(app).count == 2)
    }
  }

  @Test("Cancelling a replacement drops the held file and keeps the current roster")
  func cancel() async throws {
    try await withApp { app in
      // Setup: the office with a roster of 3 and a pending replacement of 4
      let desk = try await SurveyDesk.make(app)
      let client = PageClient(app)
      try await client.login("office")
      _ = try await Self.upload(client, desk, rows: 3)
      let preview = try await Self.upload(client, desk, rows: 4)
      let action = try Self.confirmAction(preview.body.string)
      // Act: cancel the replacement
      let cancelled = try await client.post(action + "/cancel", [])
      // Check: the file dropped, the roster kept, nothing left to confirm
      #expect(cancelled.status == .seeOther)
      #expect(Self.pendingFiles(app).isEmpty)
      #expect(try await Self.versions(app).map(\.totalRows) == [3])
      #expect(try await client.post(action, [PageClient.confirmed]).status == .unprocessableEntity)
    }
  }

  @Test("A replacement file without one valid row is refused at upload, and nothing is held")
  func invalidReplacement() async throws {
    try await withApp { app in
      // Setup: the office with a roster of 3
      let desk = try await SurveyDesk.make(app)
      let client = PageClient(app)
      try await client.login("office")
      _ = try await Self.upload(client, desk, rows: 3)
      // Act: upload a replacement without one valid row
      try await client.get(Paths.rosters.link())
      let bad = "account,name,phone,address,unit_code,segment,voltage_class,area_class\nA1,,139,x,ZZ,residential,220V,urban\n"
      let res = try await AnalysisFixtures.upload(
        client, Paths.rosterImport.link(), fields: [("unitId", desk.org.countyA.savedID.uuidString)], file: ("bad.csv", Data(bad.utf8)))
      // Check: a 422 on file, nothing held
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("id=\"error-file\""))
      #expect(Self.pendingFiles(app).isEmpty)
    }
  }

  @Test("Only the uploader can confirm a held file, and held files expire after their lifetime")
  func ownershipAndExpiry() throws {
    // Setup: a pending-upload store in a temp folder with one file saved
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-pending-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let store = PendingUploads(root: root)
    let owner = UUID()
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let entry = try store.save(Data("a,b\n".utf8), purpose: "roster", userID: owner, subjectID: UUID(), fileName: "x.csv", now: start)
    // Act: load it as its owner, another user, for another purpose and after its lifetime
    // Check: only the owner, for its purpose, within its lifetime gets it
    #expect(store.load(entry.id, purpose: "roster", userID: owner, now: start.addingTimeInterval(3600))?.data == Data("a,b\n".utf8))
    #expect(store.load(entry.id, purpose: "roster", userID: UUID(), now: start) == nil)
    #expect(store.load(entry.id, purpose: "results", userID: owner, now: start) == nil)
    #expect(store.load(entry.id, purpose: "roster", userID: owner, now: start.addingTimeInterval(store.lifetime)) == nil)
    // Act: save a later upload after the lifetime
    // A later upload sweeps the expired one away.
    _ = try store.save(
      Data(), purpose: "roster", userID: owner, subjectID: UUID(), fileName: "y.csv", now: start.addingTimeInterval(store.lifetime + 1))
    // Check: the expired file is swept away
    let names = try FileManager.default.contentsOfDirectory(atPath: root)
    #expect(!names.contains { $0.hasPrefix(entry.id.uuidString) })
    #expect(names.count == 2)
  }
}
