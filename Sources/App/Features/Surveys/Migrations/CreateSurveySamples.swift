import Fluent
import SQLKit

struct CreateSurveySamples: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(SurveyQuota.schema)
      .id()
      .field("wave_id", .uuid, .required, .references(SurveyWave.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("segment", .string, .required)
      .field("population", .int, .required)
      .field("excluded_recent", .int, .required)
      .field("excluded_complaint", .int, .required)
      .field("eligible", .int, .required)
      .field("quota", .int, .required)
      .field("reserve", .int, .required)
      .field("design_weight", .double, .required)
      .unique(on: "wave_id", "unit_id", "segment")
      .create()
    try await database.schema(SurveySample.schema)
      .id()
      .field("wave_id", .uuid, .required, .references(SurveyWave.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("customer_id", .int64, .required)
      .field("account", .string, .required)
      .field("name", .string, .required)
      .field("phone", .string, .required)
      .field("segment", .string, .required)
      .field("design_weight", .double, .required)
      .field("reserve_rank", .int)
      .field("active", .bool, .required)
      .field("status", .string, .required)
      .field("attempts", .int, .required)
      .field("next_call_at", .datetime)
      .field("claimed_by", .uuid)
      .field("claimed_until", .datetime)
      .field("completed_at", .datetime)
      .field("draw_order", .int, .required)
      .unique(on: "wave_id", "customer_id")
      .create()
    let sql = database.sql
    try await sql.create(index: "survey_samples_queue")
      .on(SurveySample.schema).column("wave_id").column("status").column("next_call_at").run()
    try await database.schema(SurveyCall.schema)
      .id()
      .field("sample_id", .uuid, .required, .references(SurveySample.schema, "id"))
      .field("surveyor_id", .uuid, .required)
      .field("outcome", .string, .required)
      .field("callback_at", .datetime)
      .field("called_at", .datetime, .required)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(SurveyCall.schema).delete()
    try await database.schema(SurveySample.schema).delete()
    try await database.schema(SurveyQuota.schema).delete()
  }
}
