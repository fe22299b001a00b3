import Fluent
import SQLKit

/// Makes the audit table append-only in the database itself, so that no client — not even a
/// mistaken query — can change history. The only raw SQL of the audit log lives here.
struct ProtectAuditRecords: AsyncMigration {
  func prepare(on database: any Database) async throws {
    let sql = database.sql
    if sql.dialect.name == "sqlite" {
      try await sql.raw(
        "CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END"
      ).run()
      try await sql.raw(
        "CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END"
      ).run()
    } else {
      try await sql.raw(
        "CREATE FUNCTION audit_records_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql"
      ).run()
      try await sql.raw(
        "CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()"
      ).run()
    }
  }

  func revert(on database: any Database) async throws {
    let sql = database.sql
    if sql.dialect.name == "sqlite" {
      try await sql.raw("DROP TRIGGER IF EXISTS audit_records_no_update").run()
      try await sql.raw("DROP TRIGGER IF EXISTS audit_records_no_delete").run()
    } else {
      try await sql.raw("DROP TRIGGER IF EXISTS audit_records_no_change ON audit_records").run()
      try await sql.raw("DROP FUNCTION IF EXISTS audit_records_append_only()").run()
    }
  }
}
