import Fluent

/// What a timeline step decided besides its note: the date it set or asked for (an extension)
/// and its result (a return visit's verdict).
struct AddWorkOrderEventDetails: AsyncMigration {
  func prepare(on database: any Database) async throws {
    // One column per statement: SQLite adds one at a time.
    try await database.schema(WorkOrderEvent.schema).field("due_at", .datetime).update()
    try await database.schema(WorkOrderEvent.schema).field("result", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(WorkOrderEvent.schema).deleteField("result").update()
    try await database.schema(WorkOrderEvent.schema).deleteField("due_at").update()
  }
}
