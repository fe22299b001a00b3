import Domain
import Fluent

/// The 2025 and 2026 State Council schedules as default data.
struct SeedStateCouncilSchedules: AsyncMigration {
  func prepare(on database: any Database) async throws {
    for year in StateCouncilSchedules.years.sorted() {
      try await CalendarYear(year: year).create(on: database)
    }
    for day in StateCouncilSchedules.overrides {
      try await CalendarDay(day).create(on: database)
    }
  }

  func revert(on database: any Database) async throws {
    let years = Array(StateCouncilSchedules.years)
    try await CalendarDay.query(on: database).filter(\.$year ~~ years).delete()
    try await CalendarYear.query(on: database).filter(\.$year ~~ years).delete()
  }
}
