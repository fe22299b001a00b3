import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing

@testable import App

/// The roster's bulk path on SQLite: one reused prepared statement on the connection's raw handle.
@Suite("SQLite bulk insert")
struct SQLiteBulkInsertTests {
  @Test("The raw handle of SQLiteNIO's connection is reachable (else the roster import cannot write)")
  func handleReachable() async throws {
    try await withApp { app in
      // Setup: the SQLite database (a PostgreSQL run checks nothing)
      guard let sqlite = app.db as? any SQLiteDatabase else { return }  // the PostgreSQL run has no SQLite
      // Act: reach a connection's raw handle
      let reached = try await sqlite.withConnection { SQLiteHandle.of($0) != nil }
      // Check: it is there
      #expect(reached)
    }
  }

  @Test("Rows go in with text, NULL and integers; a unique conflict is a constraint failure naming SQLite's cause")
  func insertAndConflict() async throws {
    try await withApp { app in
      // Setup: SQLite only: a probe table with a unique name, and three rows
      guard let sqlite = app.db as? any SQLiteDatabase, let sql = app.db as? any SQLDatabase else { return }
      try await sql.raw("CREATE TABLE bulk_probe (name TEXT UNIQUE, note TEXT, n INTEGER)").run()
      let rows: [(String, String?, Int)] = [("甲", "备注", 1), ("乙", nil, -2), ("丙", "", 3)]
      // Act: bulk insert the rows
      try await sqlite.withConnection { connection in
        let insert = try SQLiteBulkInsert(
          db: try #require(SQLiteHandle.of(connection)), table: "bulk_probe", columns: ["name", "note", "n"])
        try insert.insert(rows) { bind, row in
          bind.text(1, row.0)
          bind.text(2, row.1)
          bind.integer(3, row.2)
        }
      }
      struct Probe: Decodable { let name: String; let note: String?; let n: Int }
      // Check: stored as given, NULL and empty text kept apart
      let stored = try await sql.raw("SELECT name, note, n FROM bulk_probe ORDER BY n").all(decoding: Probe.self)
      #expect(stored.map(\.name) == ["乙", "甲", "丙"] && stored.map(\.note) == [nil, "备注", ""] && stored.map(\.n) == [-2, 1, 3])

      // Act: insert a row that repeats a name
      // Check: a constraint failure naming the column; the rows before it are kept
      await #expect {
        try await sqlite.withConnection { connection in
          let insert = try SQLiteBulkInsert(db: try #require(SQLiteHandle.of(connection)), table: "bulk_probe", columns: ["name", "n"])
          try insert.insert([("丁", 4), ("甲", 5)]) { bind, row in
            bind.text(1, row.0)
            bind.integer(2, row.1)
          }
        }
      } throws: { error in
        guard let failure = error as? SQLiteBulkInsertError else { return false }
        return failure.isConstraintFailure && failure.message.contains("UNIQUE") && failure.message.contains("bulk_probe.name")
      }
      // OR FAIL keeps the rows before the conflict; the caller's transaction is what undoes them.
      #expect(try await sql.raw("SELECT count(*) AS c FROM bulk_probe").first(decoding: [String: Int].self)?["c"] == 4)
    }
  }
}
