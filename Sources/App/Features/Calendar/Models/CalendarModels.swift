import Domain
import Fluent
import Foundation
import SQLKit

/// A year whose holiday schedule has been published and entered: only covered years yield
/// working-day deadlines.
final class CalendarYear: Model, @unchecked Sendable {
  static let schema = "calendar_years"

  @ID(key: .id) var id: UUID?
  @Field(key: "year") var year: Int

  init() {}
  init(year: Int) { self.year = year }
}

/// One day that differs from the weekday rule: a holiday or an adjusted working weekend (调休).
final class CalendarDay: Model, @unchecked Sendable {
  static let schema = "calendar_days"

  @ID(key: .id) var id: UUID?
  /// "YYYY-MM-DD", Beijing civil date.
  @Field(key: "date") var date: String
  @Field(key: "year") var year: Int
  @Field(key: "kind") var kind: String
  @Field(key: "name") var name: String

  init() {}

  init(_ o: DayOverride) {
    self.date = o.date.description
    self.year = o.date.year
    self.kind = o.kind.rawValue
    self.name = o.name
  }

  var override: DayOverride? {
    guard let d = CivilDate(iso: date), let k = DayKind(rawValue: kind) else { return nil }
    return DayOverride(date: d, kind: k, name: name)
  }
}

extension WorkingCalendar {
  /// The calendar as administrators maintain it.
  static func load(on db: any Database) async throws -> WorkingCalendar {
    // Plain rows rather than models: intake, the sweep and every order page read the whole
    // calendar, and building a Fluent model per day (by reflection) cost more than the query.
    guard let sql = db as? any SQLDatabase else {
      let years = try await CalendarYear.query(on: db).all().map(\.year)
      let days = try await CalendarDay.query(on: db).all().compactMap(\.override)
      return WorkingCalendar(coveredYears: Set(years), overrides: days)
    }
    let years = try await sql.select().column("year").from(CalendarYear.schema).all()
      .map { try $0.decode(column: "year", as: Int.self) }
    let days = try await sql.select().column("date").column("kind").column("name").from(CalendarDay.schema).all()
      .compactMap { row -> DayOverride? in
        guard let date = CivilDate(iso: try row.decode(column: "date", as: String.self)),
          let kind = DayKind(rawValue: try row.decode(column: "kind", as: String.self))
        else { return nil }
        return DayOverride(date: date, kind: kind, name: try row.decode(column: "name", as: String.self))
      }
    return WorkingCalendar(coveredYears: Set(years), overrides: days)
  }
}
