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
