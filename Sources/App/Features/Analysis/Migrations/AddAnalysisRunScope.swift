import Fluent
import SQLKit

/// The unit whose subtree a run read and whose people may see it. Runs saved before scopes
/// existed read every unit, so they belong to the root.
struct AddAnalysisRunScope: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(AnalysisRun.schema)
      .field("scope_unit_id", .uuid, .references(OrgUnit.schema, "id"))
      .update()
    let sql = database.sql
    guard let root = try await OrgUnit.query(on: database).filter(\.$parent.$id == nil).sort(\.$code).first(),
      let rootID = root.id
    else { return }
    try await sql.update(AnalysisRun.schema).set("scope_unit_id", to: SQLBind(rootID))
      .where("scope_unit_id", .is, SQLLiteral.null).run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(AnalysisRun.schema).deleteField("scope_unit_id").update()
  }
}
