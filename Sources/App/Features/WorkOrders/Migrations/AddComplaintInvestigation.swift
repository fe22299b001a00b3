import Fluent

/// The handler's investigation record of a complaint, kept as JSON beside the order.
struct AddComplaintInvestigation: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(WorkOrder.schema).field("investigation", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(WorkOrder.schema).deleteField("investigation").update()
  }
}
