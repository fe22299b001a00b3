import Fluent
import SQLKit

/// Performance pay and the append-only deduction ledger (ACC-PAY, ACC-LEDGER). The ledger's
/// triggers are the only raw SQL of the feature besides its indexes.
struct CreateDeductionLedger: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(PerformancePay.schema)
      .id()
      .field("updated_at", .datetime, .required)
      .field("month", .string, .required)
      .field("amount_fen", .int64, .required)
      .field("person_id", .uuid, .required, .references("users", "id"))
      .unique(on: "person_id", "month")
      .create()
    try await database.schema(LedgerEntry.schema)
      .id()
      .field("created_at", .datetime, .required)
      .field("line_id", .uuid, .required)
      .field("case_id", .uuid, .required, .references(AccountabilityCase.schema, "id"))
      .field("month", .string, .required)
      .field("kind", .string, .required)
      .field("charged_fen", .int64, .required)
      .field("deducted_fen", .int64, .required)
      .field("carried_fen", .int64, .required)
      .field("person_id", .uuid, .required, .references("users", "id"))
      .unique(on: "line_id", "month", "kind")
      .create()
    let sql = database.sql
    try await sql.raw("CREATE INDEX deduction_ledger_person ON deduction_ledger (person_id, month)").run()
    try await sql.raw("CREATE INDEX deduction_ledger_month ON deduction_ledger (month)").run()
    if sql.dialect.name == "sqlite" {
      for event in ["UPDATE", "DELETE"] {
        try await sql.raw(
          "CREATE TRIGGER deduction_ledger_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON deduction_ledger BEGIN SELECT RAISE(ABORT, 'the deduction ledger is append-only'); END"
        ).run()
      }
    } else {
      try await sql.raw(
        "CREATE FUNCTION deduction_ledger_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the deduction ledger is append-only'; END; $$ LANGUAGE plpgsql"
      ).run()
      try await sql.raw(
        "CREATE TRIGGER deduction_ledger_no_change BEFORE UPDATE OR DELETE ON deduction_ledger FOR EACH ROW EXECUTE FUNCTION deduction_ledger_append_only()"
      ).run()
    }
  }

  func revert(on database: any Database) async throws {
    let sql = database.sql
    if sql.dialect.name == "sqlite" {
      try await sql.raw("DROP TRIGGER IF EXISTS deduction_ledger_no_update").run()
      try await sql.raw("DROP TRIGGER IF EXISTS deduction_ledger_no_delete").run()
    } else {
      try await sql.raw("DROP TRIGGER IF EXISTS deduction_ledger_no_change ON deduction_ledger").run()
      try await sql.raw("DROP FUNCTION IF EXISTS deduction_ledger_append_only()").run()
    }
    try await database.schema(LedgerEntry.schema).delete()
    try await database.schema(PerformancePay.schema).delete()
  }
}
