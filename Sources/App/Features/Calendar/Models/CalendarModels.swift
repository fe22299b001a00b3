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
  @EnumField(key: "kind") var kind: DayKind
  @Field(key: "name") var name: String

  init() {}

  init(_ o: DayOverride) {
    self.date = o.date.description
    self.year = o.date.year
    self.kind = o.kind
    self.name = o.name
  }

  /// The stored day; a date that is not YYYY-MM-DD is an error naming it.
  var override: DayOverride {
    get throws {
      guard let d = CivilDate(iso: date) else { throw UnknownStoredValue(table: Self.schema, column: "date", value: date) }
      return DayOverride(date: d, kind: kind, name: name)
    }
  }
}
