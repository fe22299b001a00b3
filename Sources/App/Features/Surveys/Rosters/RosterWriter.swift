import Domain
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Writes a roster's accepted rows while the import validates the next ones: each full batch
/// goes to the database in a task of its own and the next batch waits only for the previous
/// write, so validation (this thread) and SQLite (its thread pool) overlap on two cores. Writes
/// stay one at a time, in order, on the transaction's connection.
struct RosterWriter {
  let versionID: UUID
  let unitIDs: [String: UUID]
  let db: any Database
  let total: Int
  let progress: (@Sendable (Int, Int) -> Void)?
  private var buffer: [RosterRecord] = []
  private var pending: Task<Void, any Error>?
  private var written = 0

  init(
    versionID: UUID, unitIDs: [String: UUID], on db: any Database, total: Int, progress: (@Sendable (Int, Int) -> Void)?
  ) {
    (self.versionID, self.unitIDs, self.db, self.total, self.progress) = (versionID, unitIDs, db, total, progress)
    buffer.reserveCapacity(RosterImport.writeBatch)
  }

  mutating func add(_ row: RosterRecord) async throws {
    buffer.append(row)
    if buffer.count >= RosterImport.writeBatch { try await flush() }
  }

  /// Writes what is left and waits for every write.
  mutating func finish() async throws {
    try await flush()
    try await pending?.value
    pending = nil
    progress?(written, written)
  }

  /// After a failure: waits for a write still running, so the transaction can roll back safely.
  mutating func abandon() async {
    _ = try? await pending?.value
    pending = nil
  }

  private mutating func flush() async throws {
    guard !buffer.isEmpty else { return }
    try await pending?.value
    if written > 0 { progress?(written, total) }
    let (batch, versionID, unitIDs, db) = (buffer, versionID, unitIDs, db)
    buffer.removeAll(keepingCapacity: true)
    pending = Task {
      try await RosterImport.insert(batch, versionID: versionID, unitIDs: unitIDs, on: db)
    }
    written += batch.count
  }
}

extension RosterImport {
  static let customerColumns = [
    "roster_version_id", "unit_id", "account", "name", "phone", "address", "segment", "voltage_class",
    "area_class", "is_complete",
  ]
  /// Rows per write: SQLite gets them through one reused single-row statement, PostgreSQL in
  /// statements of 500 rows.
  static let writeBatch = 3_000

  /// Inserts one batch of customers of a version (any number of rows).
  static func insert(
    _ rows: [RosterRecord], versionID: UUID, unitIDs: [String: UUID], on db: any Database
  ) async throws {
    if let sqlite = db as? any SQLiteDatabase {
      return try await insert(rows, versionID: versionID, unitIDs: unitIDs, on: sqlite)
    }
    let sql = db.sql
    for start in stride(from: 0, to: rows.count, by: 500) {
      var insert = sql.insert(into: RosterCustomer.schema).columns(customerColumns)
      for row in rows[start..<min(start + 500, rows.count)] {
        // The validator accepted only known unit codes; a miss would be NULL, which the column refuses.
        insert = insert.values([
          SQLBind(versionID), SQLBind(unitIDs[row.unitCode]), SQLBind(row.account),
          SQLBind(row.name), SQLBind(row.phone), SQLBind(row.address), SQLBind(row.segment.rawValue), SQLBind(row.voltageClass?.rawValue),
          SQLBind(row.areaClass?.rawValue), SQLBind(row.isComplete),
        ])
      }
      try await insert.run()
    }
  }

  /// SQLite: one prepared statement for the batch, values bound straight from the records
  /// (UUIDs as the text Fluent stores, encoded once per batch).
  static func insert(
    _ rows: [RosterRecord], versionID: UUID, unitIDs: [String: UUID], on db: any SQLiteDatabase
  ) async throws {
    let version = versionID.uuidString
    let units = unitIDs.mapValues(\.uuidString)
    try await db.withConnection { connection in
      guard let handle = SQLiteHandle.of(connection) else { throw SQLiteBulkInsertError.noHandle }
      let insert = try SQLiteBulkInsert(db: handle, table: RosterCustomer.schema, columns: customerColumns)
      try insert.insert(rows) { bind, row in
        bind.text(1, version)
        bind.text(2, units[row.unitCode])  // known codes only (see above)
        bind.text(3, row.account)
        bind.text(4, row.name)
        bind.text(5, row.phone)
        bind.text(6, row.address)
        bind.text(7, row.segment.rawValue)
        bind.text(8, row.voltageClass?.rawValue)
        bind.text(9, row.areaClass?.rawValue)
        bind.integer(10, row.isComplete ? 1 : 0)
      }
    }
  }
}
