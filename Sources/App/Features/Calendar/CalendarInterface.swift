import Domain
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

// What Calendar offers other features, and all of it they may name (FeatureBoundaryTests): the
// working calendar (`WorkingCalendar.load(on:)`), whether a year's schedule is in
// (`CalendarSchedules`), and `app.calendarObservers` for what depends on the calendar.

extension WorkingCalendar {
  /// The calendar as administrators maintain it.
  static func load(on db: any Database) async throws -> WorkingCalendar {
    // Plain rows rather than models: intake, the sweep and every order page read the whole
    // calendar, and building a Fluent model per day (by reflection) cost more than the query.
    let sql = db.sql
    let years = try await sql.select().column("year").from(CalendarYear.schema).all()
      .map { try $0.decode(column: "year", as: Int.self) }
    let days = try await sql.select().column("date").column("kind").column("name").from(CalendarDay.schema).all()
      .map { row -> DayOverride in
        // A day the calendar cannot read is an error naming it, not a day silently left out.
        let rawDate = try row.decode(column: "date", as: String.self)
        let rawKind = try row.decode(column: "kind", as: String.self)
        guard let date = CivilDate(iso: rawDate) else {
          throw UnknownStoredValue(table: CalendarDay.schema, column: "date", value: rawDate)
        }
        guard let kind = DayKind(rawValue: rawKind) else {
          throw UnknownStoredValue(table: CalendarDay.schema, column: "kind", value: rawKind)
        }
        return DayOverride(date: date, kind: kind, name: try row.decode(column: "name", as: String.self))
      }
    return WorkingCalendar(coveredYears: Set(years), overrides: days)
  }
}

/// Which years' holiday schedules administrators have imported.
enum CalendarSchedules {
  static func isImported(year: Int, on db: any Database) async throws -> Bool {
    try await CalendarYear.query(on: db).filter(\.$year == year).count() > 0
  }
}

/// What other features keep that depends on the working calendar (stored deadlines) is
/// recomputed after every change to it: they register here; the calendar pages and API call
/// `changed` once a change is committed, with the first day it touches.
final class CalendarObservers: Sendable {
  typealias Handler = @Sendable (_ db: any Database, _ from: CivilDate, _ now: Date) async throws -> Void
  private let handlers = NIOLockedValueBox<[Handler]>([])

  func add(_ handler: @escaping Handler) { handlers.withLockedValue { $0.append(handler) } }

  func changed(from day: CivilDate, on db: any Database, now: Date) async throws {
    for handler in handlers.withLockedValue({ $0 }) { try await handler(db, day, now) }
  }
}

struct CalendarObserversKey: StorageKey {
  typealias Value = CalendarObservers
}

extension Application {
  var calendarObservers: CalendarObservers {
    if let existing = storage[CalendarObserversKey.self] { return existing }
    let created = CalendarObservers()
    storage[CalendarObserversKey.self] = created
    return created
  }
}
