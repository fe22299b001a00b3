import Domain
import Fluent
import Foundation

/// ACC-SCORE-RULES, ACC-SCORE-IMPORT: the versions of the scorecard rules and imported results.
struct CreateScorecards: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await RuleVersions<ScorecardRules>.createTable(on: database)
    try await database.schema(ImportedScore.schema)
      .id()
      .field("imported_at", .datetime, .required)
      .field("kind", .string, .required)
      .field("exam_on", .string, .required)
      .field("score_tenths", .int, .required)
      .field("title", .string, .required)
      .field("source_line", .int, .required)
      .field("imported_by", .uuid, .required)
      .field("person_id", .uuid, .required, .references(User.schema, .id))
      .unique(on: "person_id", "kind", "exam_on", "title")
      .create()
    try await database.sql.raw("CREATE INDEX imported_scores_person_day ON imported_scores (person_id, exam_on)").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(ImportedScore.schema).delete()
    try await RuleVersions<ScorecardRules>.dropTable(on: database)
  }
}

/// Version 1 of the scorecard rules (`ScorecardRules.default`), in force from 2000-01-01 so every
/// period has a version (ACC-SCORE-RULES).
struct SeedScorecardRules: AsyncMigration {
  let now: @Sendable () -> Date

  func prepare(on database: any Database) async throws {
    try await RuleVersions<ScorecardRules>.seed(.default, on: database, now: now())
  }

  func revert(on database: any Database) async throws { try await RuleVersions<ScorecardRules>.unseed(on: database) }
}
