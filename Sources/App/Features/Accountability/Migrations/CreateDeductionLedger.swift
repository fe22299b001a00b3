import Fluent
import SQLKit

/// Performance pay and the append-only deduction ledger (ACC-PAY, ACC-LEDGER), kept so by the
/// database (`AppendOnlyTable`).
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
    try await AppendOnlyTable.protect(LedgerEntry.schema, refusal: "the deduction ledger is append-only", on: sql)
  }

  func revert(on database: any Database) async throws {
    try await AppendOnlyTable.unprotect(LedgerEntry.schema, on: database.sql)
    try await database.schema(LedgerEntry.schema).delete()
    try await database.schema(PerformancePay.schema).delete()
  }
}
