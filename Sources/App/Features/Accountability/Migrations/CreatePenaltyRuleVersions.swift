import Fluent

/// ACC-RULE-VERSIONS: numbered versions, each starting on a day of its own.
struct CreatePenaltyRuleVersions: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(PenaltyRuleVersionRecord.schema)
      .id()
      .field("created_at", .datetime, .required)
      .field("number", .int, .required)
      .field("effective_from", .string, .required)
      .field("rules", .string, .required)
      .field("created_by", .uuid)
      .unique(on: "number")
      .unique(on: "effective_from")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(PenaltyRuleVersionRecord.schema).delete()
  }
}
