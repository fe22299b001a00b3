import FluentSQLiteDriver
import Foundation
import SQLiteNIO
import Vapor
import VaporCSQLite

/// The `sqlite3*` under a SQLiteNIO connection, for what SQLiteNIO does not offer: a reused
/// prepared statement (`SQLiteBulkInsert`, bench/surveys.sh roster import) and a busy handler
/// that waits instead of spinning (bench/workorders.sh intake on SQLite: 85 req/s before, 143
/// req/s after).
/// SQLiteNIO keeps the handle internal, so it is reached by reflection; a test fails if another
/// SQLiteNIO version lays it out differently.
enum SQLiteHandle {
  static func of(_ connection: SQLiteConnection) -> OpaquePointer? {
    guard let handle = Mirror(reflecting: connection).descendant("handle") else { return nil }
    return Mirror(reflecting: handle).descendant("raw") as? OpaquePointer
  }

  /// SQLiteNIO's busy handler retries a locked database at once, in a loop: while one
  /// connection commits, the other burns a core asking. This one sleeps 50 µs, then 0.5 ms once
  /// the wait is long, and gives up (SQLITE_BUSY) after about ten seconds.
  static func waitWhenBusy(_ handle: OpaquePointer) {
    sqlite_nio_sqlite3_busy_handler(handle, busyWait, nil)
  }

  /// 1: try again after the sleep; 0: give up.
  static let busyWait: @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32 = { _, attempts in
    guard attempts < maximumBusyAttempts else { return 0 }
    usleep(attempts < 20 ? 50 : 500)
    return 1
  }
  static let maximumBusyAttempts: Int32 = 20_000

  /// Installs `waitWhenBusy` on the connection of every event loop's pool (one each; the pool
  /// keeps it for the life of the app).
  static func waitWhenBusy(everyLoopOf app: Application) async throws {
    for loop in app.eventLoopGroup.makeIterator() {
      guard let sqlite = app.databases.database(logger: app.logger, on: loop) as? any SQLiteDatabase else { return }
      try await sqlite.withConnection { connection in
        if let handle = of(connection) { waitWhenBusy(handle) }
      }
    }
  }
}
