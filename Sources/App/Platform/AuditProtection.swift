import Fluent
import SQLKit

/// A table the database itself keeps append-only: triggers refuse every UPDATE and DELETE, so
/// that no client — not even a mistaken query — can change history. The audit log and the
/// deduction ledger use it; the only raw SQL of either lives here.
enum AppendOnlyTable {
  static func protect(_ table: String, refusal: String, on sql: any SQLDatabase) async throws {
    if sql.dialect.name == "sqlite" {
      for event in ["UPDATE", "DELETE"] {
        try await sql.raw(
          "CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: refusal)'); END"
        ).run()
      }
    } else {
      try await sql.raw(
        "CREATE FUNCTION \(unsafeRaw: table)_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '\(unsafeRaw: refusal)'; END; $$ LANGUAGE plpgsql"
      ).run()
      try await sql.raw(
        "CREATE TRIGGER \(unsafeRaw: table)_no_change BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: table)_append_only()"
      ).run()
    }
  }

  static func unprotect(_ table: String, on sql: any SQLDatabase) async throws {
    if sql.dialect.name == "sqlite" {
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_update").run()
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_delete").run()
    } else {
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_change ON \(unsafeRaw: table)").run()
      try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: table)_append_only()").run()
    }
  }
}

/// The audit table is append-only (ORG-AUDIT).
struct ProtectAuditRecords: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await AppendOnlyTable.protect("audit_records", refusal: "audit records are append-only", on: database.sql)
  }

  func revert(on database: any Database) async throws {
    try await AppendOnlyTable.unprotect("audit_records", on: database.sql)
  }
}
