import FluentKit
import SQLiteNIO
import VaporCSQLite

/// Many rows into one table through one prepared single-row INSERT, stepped once per row on
/// the transaction's own SQLite connection. Why: SQLiteNIO prepares every statement afresh and
/// binds through enum values; for a million-row roster that cost more than SQLite's own work
/// (bench/surveys.sh roster import, 1,000,000 rows: 8.319 s through multi-row INSERTs, 6.815 s
/// here, against 2.945 s for `sqlite3 .import`). Used only by the roster import (`RosterWriter`).
///
/// The connection's handle comes from `SQLiteHandle.of`. SQLiteNIO opens it in SQLite's
/// serialized mode, so calling it from this thread is safe; the caller's transaction keeps
/// anyone else from using it meanwhile.
struct SQLiteBulkInsert: ~Copyable {
  private let db: OpaquePointer
  private let statement: OpaquePointer

  /// Sets one parameter (1-based) of the current row.
  struct Row {
    fileprivate let statement: OpaquePointer

    func text(_ index: Int32, _ value: String?) {
      guard let value else { sqlite_nio_sqlite3_bind_null(statement, index); return }
      value.withCString { _ = sqlite_nio_sqlite3_bind_text(statement, index, $0, -1, Self.transient) }
    }

    func integer(_ index: Int32, _ value: Int) {
      sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
    }

    /// SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  }

  /// Prepares `INSERT OR FAIL INTO table (columns) VALUES (?, …)`. OR FAIL: a conflict fails the
  /// caller's whole transaction anyway, so SQLite keeps no statement journal to undo one row.
  init(db: OpaquePointer, table: String, columns: [String]) throws(SQLiteBulkInsertError) {
    let sql =
      "INSERT OR FAIL INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
      + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    var statement: OpaquePointer?
    let rc = sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &statement, nil)
    guard rc == SQLITE_OK, let statement else { throw SQLiteBulkInsertError(db: db, code: rc) }
    (self.db, self.statement) = (db, statement)
  }

  deinit { sqlite_nio_sqlite3_finalize(statement) }

  /// Inserts one row per element; `bind` sets every parameter of it.
  func insert<Rows: Sequence>(_ rows: Rows, bind: (Row, Rows.Element) -> Void) throws(SQLiteBulkInsertError) {
    let row = Row(statement: statement)
    for element in rows {
      bind(row, element)
      let rc = sqlite_nio_sqlite3_step(statement)
      let failure = rc == SQLITE_DONE ? nil : SQLiteBulkInsertError(db: db, code: rc)
      sqlite_nio_sqlite3_reset(statement)
      if let failure { throw failure }
    }
  }
}

/// A failed bulk insert, with SQLite's message; a constraint failure reads as one to Fluent.
struct SQLiteBulkInsertError: Error, DatabaseError, CustomStringConvertible {
  let code: Int32
  let message: String

  init(db: OpaquePointer, code: Int32) {
    self.code = code
    self.message = sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "SQLite error \(code)"
  }

  private init(code: Int32, message: String) { (self.code, self.message) = (code, message) }

  /// This SQLiteNIO keeps its handle elsewhere: `SQLiteHandle.of` needs updating.
  static let noHandle = SQLiteBulkInsertError(code: SQLITE_MISUSE, message: "the SQLiteNIO connection's handle cannot be reached")

  var description: String { "SQLite error \(code): \(message)" }
  var isSyntaxError: Bool { code & 0xFF == SQLITE_ERROR }
  var isConstraintFailure: Bool { code & 0xFF == SQLITE_CONSTRAINT }
  var isConnectionClosed: Bool { false }
}
