import Domain
import Fluent

struct CreateInspections: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(ChecklistItemRow.schema)
      .id()
      .field("code", .string, .required)
      .field("name", .string, .required)
      .field("position", .int, .required)
      .field("active", .bool, .required)
      .unique(on: "code")
      .create()
    try await database.schema(Inspection.schema)
      .id()
      .field("created_at", .datetime)
      .field("visited_on", .string, .required)
      .field("method", .string, .required)
      .field("inspector_id", .uuid, .required)
      .field("inspector_name", .string, .required)
      .field("summary", .string, .required)
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .create()
    try await database.schema(InspectionCheck.schema)
      .id()
      .field("passed", .bool, .required)
      .field("inspection_id", .uuid, .required, .references(Inspection.schema, "id"))
      .field("item_id", .uuid, .required, .references(ChecklistItemRow.schema, "id"))
      .unique(on: "inspection_id", "item_id")
      .create()
    try await database.schema(InspectionFinding.schema)
      .id()
      .field("created_at", .datetime)
      .field("version", .int, .required)
      .field("description", .string, .required)
      .field("deadline", .string, .required)
      .field("state", .string, .required)
      .field("responsible_user_id", .uuid)
      .field("responsible_name", .string)
      .field("evidence", .string)
      .field("rectified_at", .datetime)
      .field("reopen_reason", .string)
      .field("closed_at", .datetime)
      .field("closed_by_name", .string)
      .field("reminded_on", .string)
      .field("inspection_id", .uuid, .required, .references(Inspection.schema, "id"))
      .field("item_id", .uuid, .references(ChecklistItemRow.schema, "id"))
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .create()
    try await database.sql.raw("CREATE INDEX inspections_unit_day ON inspections (unit_id, visited_on)").run()
    try await database.sql.raw("CREATE INDEX inspection_findings_state ON inspection_findings (state, deadline)").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(InspectionFinding.schema).delete()
    try await database.schema(InspectionCheck.schema).delete()
    try await database.schema(Inspection.schema).delete()
    try await database.schema(ChecklistItemRow.schema).delete()
  }
}

/// The checklist every company starts with (INSP-CHECKLIST).
struct SeedInspectionChecklist: AsyncMigration {
  func prepare(on database: any Database) async throws {
    for (position, item) in InspectionChecklist.standard.enumerated() {
      try await ChecklistItemRow(code: item.code, name: item.name, position: position + 1).create(on: database)
    }
  }

  func revert(on database: any Database) async throws {
    try await ChecklistItemRow.query(on: database).delete()
  }
}
