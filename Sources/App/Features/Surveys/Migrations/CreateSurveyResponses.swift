import Fluent
import SQLKit

struct CreateSurveyResponses: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(SurveyResponse.schema)
      .id()
      .field("wave_id", .uuid, .required, .references(SurveyWave.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("sample_id", .uuid, .references(SurveySample.schema, "id"))
      .field("segment", .string, .required)
      .field("channel", .string, .required)
      .field("weight", .double, .required)
      .field("comment", .string)
      .field("respondent", .string)
      .field("answered_at", .datetime, .required)
      .field("recorded_by", .string, .required)
      .unique(on: "sample_id")
      .create()
    try await database.schema(SurveyAnswer.schema)
      .field(.id, .int64, .identifier(auto: true))
      .field("response_id", .uuid, .required, .references(SurveyResponse.schema, "id"))
      .field("wave_id", .uuid, .required, .references(SurveyWave.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("question_code", .string, .required)
      .field("module", .string)
      .field("construct", .string)
      .field("raw", .string, .required)
      .field("value", .double)
      .field("top_box", .bool)
      .field("weight", .double, .required)
      .field("segment", .string, .required)
      .field("channel", .string, .required)
      .create()
    let sql = database.sql
    try await sql.create(index: "survey_answers_wave")
      .on(SurveyAnswer.schema).column("wave_id").column("unit_id").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(SurveyAnswer.schema).delete()
    try await database.schema(SurveyResponse.schema).delete()
  }
}
