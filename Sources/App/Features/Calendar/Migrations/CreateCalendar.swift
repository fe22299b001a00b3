import Fluent

struct CreateCalendar: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(CalendarYear.schema)
      .id()
      .field("year", .int, .required)
      .unique(on: "year")
      .create()
    try await database.schema(CalendarDay.schema)
      .id()
      .field("date", .string, .required)
      .field("year", .int, .required)
      .field("kind", .string, .required)
      .field("name", .string, .required)
      .unique(on: "date")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(CalendarDay.schema).delete()
    try await database.schema(CalendarYear.schema).delete()
  }
}
