import Fluent
import SQLKit

struct CreateWorkOrderNotes: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(WorkOrderNote.schema)
      .id()
      .field("order_id", .uuid, .required, .references(WorkOrder.schema, "id"))
      .field("author_id", .uuid, .required, .references(User.schema, "id"))
      .field("author_name", .string, .required)
      .field("text", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
    let sql = database.sql
    try await sql.create(index: "work_order_notes_order").on(WorkOrderNote.schema).column("order_id").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(WorkOrderNote.schema).delete()
  }
}
