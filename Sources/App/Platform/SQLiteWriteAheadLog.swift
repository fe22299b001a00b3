import SQLKit
import Vapor

/// A database file runs in write-ahead-log mode: readers no longer wait for a writer's commit
/// (SQLite's busy handler spun on the lock while the rollback journal was synced), and a commit
/// syncs one log instead of a journal and the database. The mode is kept in the file;
/// `synchronous` stays FULL, so a committed order is as durable as before. A connection waiting
/// for another's write sleeps instead of spinning (`SQLiteHandle.waitWhenBusy`).
struct SQLiteWriteAheadLog: LifecycleHandler {
  func didBootAsync(_ app: Application) async throws {
    let sql = app.db.sql
    do {
      try await sql.raw("PRAGMA journal_mode = WAL").run()
    } catch {
      // Another process holding the file open may refuse the switch; it is retried next start.
      app.logger.warning("SQLite stays in its journal mode", metadata: ["error": .string("\(error)")])
    }
    try await SQLiteHandle.waitWhenBusy(everyLoopOf: app)
  }
}
