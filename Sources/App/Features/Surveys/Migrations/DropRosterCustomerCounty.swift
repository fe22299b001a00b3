import Fluent

/// A roster customer's county is its version's unit: the copy on every row only made a
/// million-row import write 37 more bytes and check one more foreign key per row.
struct DropRosterCustomerCounty: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(RosterCustomer.schema).deleteField("county_id").update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(RosterCustomer.schema)
      .field("county_id", .uuid, .references(OrgUnit.schema, "id"))
      .update()
  }
}
