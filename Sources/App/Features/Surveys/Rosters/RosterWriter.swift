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
    buffer.reserveCapacity(RosterImport.sqliteRows)
  }

  mutating func add(_ row: RosterRecord) async throws {
    buffer.append(row)
    if buffer.count >= RosterImport.sqliteRows { try await flush() }
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
  /// Rows per statement on SQLite: as many as its 32,766 bound variables allow.
  static let sqliteRows = 32_766 / customerColumns.count
  static let sqliteInsertHead =
    "INSERT INTO \(RosterCustomer.schema) (\(customerColumns.joined(separator: ", "))) VALUES "
  static let sqliteTuple = "(" + Array(repeating: "?", count: customerColumns.count).joined(separator: ",") + ")"
  static let sqliteFullInsert =
    sqliteInsertHead + Array(repeating: sqliteTuple, count: sqliteRows).joined(separator: ",")

  /// Inserts one batch of customers of a version (any number of rows).
  static func insert(
    _ rows: [RosterRecord], versionID: UUID, unitIDs: [String: UUID], on db: any Database
  ) async throws {
    if let sqlite = db as? any SQLiteDatabase {
      return try await insert(rows, versionID: versionID, unitIDs: unitIDs, on: sqlite)
    }
    guard let sql = db as? any SQLDatabase else { return }
    for start in stride(from: 0, to: rows.count, by: 500) {
      var insert = sql.insert(into: RosterCustomer.schema).columns(customerColumns)
      for row in rows[start..<min(start + 500, rows.count)] {
        insert = insert.values([
          SQLBind(versionID), SQLBind(unitIDs[row.unitCode]!), SQLBind(row.account),
          SQLBind(row.name), SQLBind(row.phone), SQLBind(row.address), SQLBind(row.segment.rawValue), SQLBind(row.voltageClass?.rawValue),
          SQLBind(row.areaClass?.rawValue), SQLBind(row.isComplete),
        ])
      }
      try await insert.run()
    }
  }

  /// SQLite: the same values built directly as SQLite values (UUIDs as the text Fluent stores,
  /// encoded once per batch), many rows per statement, instead of SQLKit's per-value encoding
  /// and serialisation.
  static func insert(
    _ rows: [RosterRecord], versionID: UUID, unitIDs: [String: UUID], on db: any SQLiteDatabase
  ) async throws {
    let version = SQLiteData.text(versionID.uuidString)
    let units = unitIDs.mapValues { SQLiteData.text($0.uuidString) }
    func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
    for start in stride(from: 0, to: rows.count, by: sqliteRows) {
      let batch = rows[start..<min(start + sqliteRows, rows.count)]
      var binds: [SQLiteData] = []
      binds.reserveCapacity(batch.count * customerColumns.count)
      for row in batch {
        binds += [
          version, units[row.unitCode]!, .text(row.account), .text(row.name), .text(row.phone),
          text(row.address), .text(row.segment.rawValue), text(row.voltageClass?.rawValue), text(row.areaClass?.rawValue),
          .integer(row.isComplete ? 1 : 0),
        ]
      }
      let statement =
        batch.count == sqliteRows
        ? sqliteFullInsert
        : sqliteInsertHead + Array(repeating: sqliteTuple, count: batch.count).joined(separator: ",")
      try await db.query(statement, binds) { _ in }
    }
  }
}
