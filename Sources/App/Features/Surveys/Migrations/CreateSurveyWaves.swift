import Fluent

struct CreateSurveyWaves: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(SurveyWave.schema)
      .id()
      .field("version", .int, .required)
      .field("code", .string, .required)
      .field("name", .string, .required)
      .field("year", .int, .required)
      .field("is_open", .bool, .required)
      .field("attempt_limit", .int, .required)
      .field("questionnaire", .string, .required)
      .field("plan", .string, .required)
      .field("milestones", .string, .required)
      .field("completions", .string, .required)
      .field("sampled_at", .datetime)
      .field("created_at", .datetime)
      .unique(on: "code")
      .create()
    try await database.schema(SurveyTarget.schema)
      .id()
      .field("wave_id", .uuid, .required, .references(SurveyWave.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("assessment", .double, .required)
      .field("stretch", .double, .required)
      .unique(on: "wave_id", "unit_id")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(SurveyTarget.schema).delete()
    try await database.schema(SurveyWave.schema).delete()
  }
}
