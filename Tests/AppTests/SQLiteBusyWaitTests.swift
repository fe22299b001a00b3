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
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("busy-\(UUID().uuidString).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    let writer = try Handle(path)
    #expect(writer.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER)") == SQLITE_OK)
    let waiting = try Handle(path)
    #expect(writer.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)") == SQLITE_OK)
    // SQLite's own default: no handler, the lock is an immediate SQLITE_BUSY.
    #expect(waiting.exec("INSERT INTO t VALUES (2)") == SQLITE_BUSY)

    SQLiteHandle.waitWhenBusy(waiting.raw)
    let second = Task.detached { waiting.exec("INSERT INTO t VALUES (2)") }
    try await Task.sleep(for: .milliseconds(100))
    #expect(writer.exec("COMMIT") == SQLITE_OK)
    #expect(await second.value == SQLITE_OK)
    #expect(sqlite_nio_sqlite3_total_changes(waiting.raw) == 1)
  }

  @Test("The handler retries until its limit, then gives up with SQLITE_BUSY")
  func givesUp() {
    #expect(SQLiteHandle.busyWait(nil, 0) == 1)
    #expect(SQLiteHandle.busyWait(nil, SQLiteHandle.maximumBusyAttempts - 1) == 1)
    #expect(SQLiteHandle.busyWait(nil, SQLiteHandle.maximumBusyAttempts) == 0)
  }
}
