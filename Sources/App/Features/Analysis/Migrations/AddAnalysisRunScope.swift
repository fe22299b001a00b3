import Fluent
import Foundation
import SQLKit

/// The unit whose subtree a run read and whose people may see it. Runs saved before scopes
/// existed read every unit, so they belong to the root.
struct AddAnalysisRunScope: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(AnalysisRun.schema)
      .field("scope_unit_id", .uuid, .references(OrgUnit.schema, "id"))
      .update()
    let sql = database.sql
    // The root's id by SQL, not through the model: later migrations add columns the model reads.
    struct Row: Decodable { let id: UUID }
    guard
      let rootID = try await sql.select().column("id").from(OrgUnit.schema).where("parent_id", .is, SQLLiteral.null)
        .orderBy("code").limit(1).first(decoding: Row.self)?.id
    else { return }
    try await sql.update(AnalysisRun.schema).set("scope_unit_id", to: SQLBind(rootID))
      .where("scope_unit_id", .is, SQLLiteral.null).run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(AnalysisRun.schema).deleteField("scope_unit_id").update()
  }
}
