import Fluent
import Foundation
import SQLKit

/// The lockout and throttle counters. Each change is one statement that reads and writes the
/// count together, so parallel attempts on one server or several each see all the others.
/// Plain SQL that SQLite (3.35+) and PostgreSQL both run.
enum LoginCounters {
  static let sourcesTable = "login_sources"

  /// Counts an attempt on an account that is not locked and returns its number (unforgiven
  /// attempts, this one included); nil when the account is locked.
  static func claimAttempt(userID: UUID, now: Date, on sql: any SQLDatabase) async throws -> Int? {
    try await sql.raw(
      """
      UPDATE \(ident: User.schema) SET failed_logins = failed_logins + 1
      WHERE id = \(bind: userID) AND (locked_until IS NULL OR locked_until <= \(bind: now))
      RETURNING failed_logins
      """
    ).first()?.decode(column: "failed_logins", as: Int.self)
  }

  /// A successful sign-in forgives the count and ends any lock.
  static func forgive(userID: UUID, on sql: any SQLDatabase) async throws {
    try await sql.raw(
      "UPDATE \(ident: User.schema) SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: userID)"
    ).run()
  }

  /// Locks the account unless another attempt already did (or a success forgave the count);
  /// true when this call set the lock.
  static func lock(userID: UUID, failuresAtLeast: Int, until: Date, now: Date, on sql: any SQLDatabase) async throws -> Bool {
    try await sql.raw(
      """
      UPDATE \(ident: User.schema) SET failed_logins = 0, locked_until = \(bind: until)
      WHERE id = \(bind: userID) AND failed_logins >= \(bind: failuresAtLeast)
        AND (locked_until IS NULL OR locked_until <= \(bind: now))
      RETURNING id
      """
    ).first() != nil
  }

  /// Failures from this client address in its window still open.
  static func sourceFailures(_ source: String, since windowStart: Date, on sql: any SQLDatabase) async throws -> Int {
    try await sql.raw(
      """
      SELECT failures FROM \(ident: sourcesTable) WHERE source = \(bind: source) AND window_start > \(bind: windowStart)
      """
    ).first()?.decode(column: "failures", as: Int.self) ?? 0
  }

  /// Adds a failure to the address's open window, or opens a new one; windows that ended are
  /// cleared first so the table holds only recent addresses.
  static func recordSourceFailure(_ source: String, now: Date, windowStart: Date, on sql: any SQLDatabase) async throws {
    try await sql.raw("DELETE FROM \(ident: sourcesTable) WHERE window_start <= \(bind: windowStart)").run()
    try await sql.raw(
      """
      INSERT INTO \(ident: sourcesTable) (source, window_start, failures) VALUES (\(bind: source), \(bind: now), 1)
      ON CONFLICT (source) DO UPDATE SET
        failures = CASE WHEN \(ident: sourcesTable).window_start > \(bind: windowStart)
          THEN \(ident: sourcesTable).failures + 1 ELSE 1 END,
        window_start = CASE WHEN \(ident: sourcesTable).window_start > \(bind: windowStart)
          THEN \(ident: sourcesTable).window_start ELSE \(bind: now) END
      """
    ).run()
  }
}
