import Foundation
import VaporCSQLite

/// SQLite's online backup API (sqlite3_backup_*), through the SQLite library that the SQLite
/// driver already links: copies a live database page by page into another file.
enum SQLiteBackup {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static func copy(from sourcePath: String, to destinationPath: String) throws {
    var source: OpaquePointer?
    var destination: OpaquePointer?
    defer {
      sqlite_nio_sqlite3_close(source)
      sqlite_nio_sqlite3_close(destination)
    }
    guard sqlite_nio_sqlite3_open_v2(sourcePath, &source, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
      throw Failure(description: "cannot open \(sourcePath): \(message(source))")
    }
    guard sqlite_nio_sqlite3_open_v2(destinationPath, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
      throw Failure(description: "cannot open \(destinationPath): \(message(destination))")
    }
    guard let backup = sqlite_nio_sqlite3_backup_init(destination, "main", source, "main") else {
      throw Failure(description: "backup could not start: \(message(destination))")
    }
    var rc: Int32
    repeat {
      rc = sqlite_nio_sqlite3_backup_step(backup, 256)
      if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite_nio_sqlite3_sleep(50) }
    } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
    let finish = sqlite_nio_sqlite3_backup_finish(backup)
    guard rc == SQLITE_DONE, finish == SQLITE_OK else {
      throw Failure(description: "backup failed: \(message(destination))")
    }
  }

  private static func message(_ db: OpaquePointer?) -> String {
    sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown error"
  }
}
