import Fluent
import SQLKit

struct CreateAnalysisRuns: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(AnalysisRun.schema)
      .id()
      .field("kind", .string, .required)
      .field("title", .string, .required)
      .field("settings", .string, .required)
      .field("input_hash", .string, .required)
      .field("input_description", .string, .required)
      .field("outputs", .string, .required)
      .field("software_version", .string, .required)
      .field("created_by", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
    let sql = database.sql
    try await sql.create(index: "analysis_runs_created").on(AnalysisRun.schema).column("created_at").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(AnalysisRun.schema).delete()
  }
}
