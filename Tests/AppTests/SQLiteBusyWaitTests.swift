import Foundation
import Testing
import VaporCSQLite

@testable import App

/// A connection that finds the database locked by another's write waits for it, sleeping
/// between tries, instead of spinning (SQLiteNIO) or failing at once (SQLite's default).
@Suite("SQLite busy wait")
struct SQLiteBusyWaitTests {
  final class Handle: @unchecked Sendable {
    let raw: OpaquePointer
    init(_ path: String) throws {
      var db: OpaquePointer?
      guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil) == SQLITE_OK,
        let db
      else { throw CocoaError(.fileReadUnknown) }
      raw = db
    }
    deinit { sqlite_nio_sqlite3_close(raw) }
    @discardableResult func exec(_ sql: String) -> Int32 { sqlite_nio_sqlite3_exec(raw, sql, nil, nil, nil) }
  }

  @Test("A write waits for another connection's commit and then succeeds; without the handler it fails at once")
  func waitsForTheWriter() async throws {
    // Setup: a WAL database with a writer holding a write transaction, and a second connection
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("busy-\(UUID().uuidString).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    let writer = try Handle(path)
    #expect(writer.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER)") == SQLITE_OK)
    let waiting = try Handle(path)
    #expect(writer.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)") == SQLITE_OK)
    // Act: insert from the second connection, without and then with the busy handler
    // SQLite's own default: no handler, the lock is an immediate SQLITE_BUSY.
    // Check: busy at once without it
    #expect(waiting.exec("INSERT INTO t VALUES (2)") == SQLITE_BUSY)

    SQLiteHandle.waitWhenBusy(waiting.raw)
    let second = Task.detached { waiting.exec("INSERT INTO t VALUES (2)") }
    try await Task.sleep(for: .milliseconds(100))
    // Check: with it, the insert waits for the commit and succeeds
    #expect(writer.exec("COMMIT") == SQLITE_OK)
    #expect(await second.value == SQLITE_OK)
    #expect(sqlite_nio_sqlite3_total_changes(waiting.raw) == 1)
  }

  @Test("The handler retries until its limit, then gives up with SQLITE_BUSY")
  func givesUp() {
    // Setup: nothing beyond the handler
    // Act: ask it to retry below and at its limit
    // Check: retry below the limit, give up at it
    #expect(SQLiteHandle.busyWait(nil, 0) == 1)
    #expect(SQLiteHandle.busyWait(nil, SQLiteHandle.maximumBusyAttempts - 1) == 1)
    #expect(SQLiteHandle.busyWait(nil, SQLiteHandle.maximumBusyAttempts) == 0)
  }
}
