import Fluent

/// Each unit's supply area, urban or rural, for the DL/T 836 indices (rule REL-URBAN-RURAL);
/// units created before it have none until someone sets it.
struct AddUnitSupplyArea: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(OrgUnit.schema).field("supply_area", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(OrgUnit.schema).deleteField("supply_area").update()
  }
}
