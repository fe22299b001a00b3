import ConsoleKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Operations edges")
struct OperationsEdgeTests {
  @Test("restore refuses while a server holds the data folder, and goes ahead with --force")
  func restoreWhileServing() async throws {
    // Setup: a SQLite app with an org, its backup, and the shared lock a server holds
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-restore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let dbPath = dir.appendingPathComponent("wanjia.sqlite").path
    let backupPath = dir.appendingPathComponent("backup.sqlite").path
    let app = try await Application.make(.testing)
    try await configure(app, AppConfig(database: .sqliteFile(dbPath), dataDirectory: dir.path, bcryptCost: 4, logFormat: .text))
    try await app.autoMigrate()
    _ = try await Org.make(app)
    try SQLiteBackup.copy(from: dbPath, to: backupPath)
    // What `serve` holds while it runs.
    let serving = try DataFolderLock.shared(dataDirectory: dir.path)
    try await app.asyncShutdown()
    // Act: restore in a process of its own, without and then with --force
    // `wanjia restore` in a process of its own.
    let command = try await Application.make(.testing)
    try await configure(command, AppConfig(database: .sqliteFile(dbPath), dataDirectory: dir.path, bcryptCost: 4, logFormat: .text))
    func restore(_ arguments: [String]) async throws {
      var context = CommandContext(console: CapturingConsole(), input: CommandInput(arguments: ["wanjia restore"] + arguments))
      context.application = command
      try await RestoreCommand().run(using: &context)
    }
    // Check: refused without --force while a second server may share; done with it
    await #expect(throws: CommandFailure.self) { try await restore([backupPath]) }
    // A second server may share the folder; a restore may not.
    #expect(try DataFolderLock.shared(dataDirectory: dir.path) !== serving)
    try await restore([backupPath, "--force"])
    withExtendedLifetime(serving) {}
    try await command.asyncShutdown()
  }

  @Test("restore goes ahead when no server holds the data folder")
  func restoreWhenStopped() async throws {
    // Setup: a temp data folder
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-restore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Act: ask for the exclusive lock while a server's shared lock is held
    try {
      let held = try DataFolderLock.shared(dataDirectory: dir.path)
      let whileHeld = try DataFolderLock.exclusive(dataDirectory: dir.path)
      // Check: refused while held
      #expect(whileHeld == nil)
      withExtendedLifetime(held) {}
    }()
    // Act: ask again after it is released
    // The server stopped (its lock released): the restore may take the folder.
    // Check: granted
    #expect(try DataFolderLock.exclusive(dataDirectory: dir.path) != nil)
  }
}

@Suite("Long URLs")
struct LongURLTests {
  @Test("A URL over 8 KiB is a 414 with the error body, not a 500")
  func uriTooLong() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: query the audit API with a 70,000-character URL
      let long = try await app.api(.GET, Paths.apiAudit.link() + "?actor=" + String(repeating: "a", count: 70_000), token: token)
      // Check: a 414 uri_too_long naming url
      #expect(long.status == .uriTooLong)
      #expect(long.apiError?.code == "uri_too_long" && long.apiError?.field == "url")
      // Act: open the login page with a 9,000-character query, and the API with 7,000
      let page = try await PageClient(app).get(Paths.login.link() + "?x=" + String(repeating: "b", count: 9000))
      // Check: a 414 for the page; 7,000 characters still pass
      #expect(page.status == .uriTooLong)
      #expect(
        try await app.api(.GET, Paths.apiAudit.link() + "?actor=" + String(repeating: "a", count: 7000), token: token).status != .uriTooLong
      )
    }
  }
}
