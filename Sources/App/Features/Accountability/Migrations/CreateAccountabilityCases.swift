import Fluent
import SQLKit

/// Cases and their lines (ACC-CASE-OPEN): one case per work order.
struct CreateAccountabilityCases: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(AccountabilityCase.schema)
      .id()
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .field("version", .int, .required)
      .field("work_order_id", .uuid, .required)
      .field("work_order_number", .string, .required)
      .field("rule_version", .int, .required)
      .field("cause_framework", .string, .required)
      .field("cause_code", .string, .required)
      .field("severity", .string, .required)
      .field("outside_channel", .string)
      .field("state", .string, .required)
      .field("half_year", .string, .required)
      .field("verified_at", .datetime, .required)
      .field("deduction_month", .string)
      .field("four_donts", .string, .required)
      .field("reason", .string)
      .field("unit_id", .uuid, .required, .references("units", "id"))
      .unique(on: "work_order_id")
      .create()
    try await database.schema(AccountabilityLine.schema)
      .id()
      .field("case_id", .uuid, .required, .references(AccountabilityCase.schema, "id", onDelete: .cascade))
      .field("position", .int, .required)
      .field("role", .string, .required)
      .field("person_id", .uuid, .references("users", "id"))
      .field("unit_id", .uuid, .references("units", "id"))
      .field("min_fen", .int64, .required)
      .field("max_fen", .int64)
      .field("amount_fen", .int64, .required)
      .field("sanction", .string)
      .field("exam_passed_on", .string)
      .unique(on: "case_id", "position")
      .create()
    try await database.sql.raw("CREATE INDEX accountability_cases_batch ON accountability_cases (unit_id, half_year, state)").run()
    try await database.sql.raw("CREATE INDEX accountability_lines_person ON accountability_lines (person_id)").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(AccountabilityLine.schema).delete()
    try await database.schema(AccountabilityCase.schema).delete()
  }
}
