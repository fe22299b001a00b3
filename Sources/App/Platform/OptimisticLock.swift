import FluentKit
import Foundation
import SQLKit

/// Optimistic locking for records people edit concurrently (work orders, survey waves): the
/// version check and its increment are one statement, `UPDATE … SET version = v + 1 WHERE id = ?
/// AND version = v`, run in the transaction that saves the record. Of two writers who read the
/// same version exactly one succeeds; the other gets `stale` (a 409), never a silent overwrite.
enum OptimisticLock {
  static func claim(_ table: String, id: UUID, expected: Int, on db: any Database, stale: @autoclosure () -> AppError) async throws {
    let rows = try await db.sql.update(table)
      .set("version", to: SQLBind(expected + 1))
      .where("id", .equal, SQLBind(id))
      .where("version", .equal, SQLBind(expected))
      .returning("id")
      .all()
    if rows.isEmpty { throw stale() }
  }
}
