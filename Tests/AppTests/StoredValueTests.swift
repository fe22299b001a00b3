import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Enum columns are read as their Swift enums; a stored value that is not a case is an error
/// naming the table, column and value, never a default (ARCH-TYPED-VALUES).
@Suite("Typed stored values")
struct StoredValueTests {
  /// Writes `raw` into one column of one row with SQL, as an older version or a hand edit would.
  static func corrupt(_ app: Application, table: String, column: String, raw: String, id: UUID) async throws {
    let sql = try #require(app.db as? any SQLDatabase)
    try await sql.update(table).set(SQLIdentifier(column), to: SQLBind(raw)).where(
      SQLIdentifier("id"), SQLBinaryOperator.equal, SQLBind(id)
    ).run()
  }

  static func expectUnknown(
    _ table: String, _ column: String, _ value: String, _ read: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
  ) async {
    do {
      try await read()
      Issue.record("\(table).\(column) = '\(value)' was read without an error", sourceLocation: sourceLocation)
    } catch let error as UnknownStoredValue {
      #expect(error.table == table && error.column == column && error.value == value, sourceLocation: sourceLocation)
      #expect("\(error)".contains("\(table).\(column)") && "\(error)".contains(value), sourceLocation: sourceLocation)
    } catch {
      Issue.record("expected UnknownStoredValue, got \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test("ARCH-TYPED-VALUES: an unknown work-order state, type or attitude is an error naming table, column and value")
  func unknownWorkOrderValues() async throws {
    try await withApp { app in
      // Setup: an org and a work order with every column
      let org = try await Org.make(app)
      let user = try #require(try await User.query(on: app.db).first())
      let order = WorkOrderRows.everyColumn(number: "GD-1", unit: org.countyA, user: user, parent: nil, at: app.clock.now())
      try await order.create(on: app.db)
      let id = try order.requireID()
      // Act: read it back and filter by typed values
      // The typed value round-trips, and typed filters find the row.
      let read = try #require(try await WorkOrder.find(id, on: app.db))
      // Check: the values round-trip and the filters find it
      #expect(read.state == .pendingReplyReview && read.type == .complaint && read.attitude == .agitated && read.waitingRole == nil)
      #expect(try await WorkOrder.query(on: app.db).filter(\.$state == .pendingReplyReview).filter(\.$attitude == .agitated).count() == 1)

      // Act: write an unknown value into each enum column in SQL and read the order
      let sql = try #require(app.db as? any SQLDatabase)
      let cases: [(column: String, raw: String, original: String?)] = [
        ("state", "lost", "pendingReplyReview"), ("type", "Complaint", "complaint"), ("attitude", "furious", "agitated"),
        ("waiting_role", "boss", nil),
      ]
      for (column, raw, original) in cases {
        try await Self.corrupt(app, table: "work_orders", column: column, raw: raw, id: id)
        // Check: each read fails naming table, column and value
        await Self.expectUnknown("work_orders", column, raw) { _ = try await WorkOrder.find(id, on: app.db) }
        await Self.expectUnknown("work_orders", column, raw) { _ = try await WorkOrder.query(on: app.db).all() }
        let restored: any SQLExpression = original.map { SQLBind($0) } ?? SQLLiteral.null
        try await sql.update("work_orders").set(SQLIdentifier(column), to: restored)
          .where(SQLIdentifier("id"), SQLBinaryOperator.equal, SQLBind(id)).run()
      }
      #expect(try await WorkOrder.find(id, on: app.db)?.state == .pendingReplyReview)
    }
  }

  @Test("ARCH-TYPED-VALUES: an unknown unit kind is an error, and the page says where it is")
  func unknownUnitKind() async throws {
    try await withApp { app in
      // Setup: an org whose station's kind is set to district in SQL
      let org = try await Org.make(app)
      let id = try org.stationA.requireID()
      try await Self.corrupt(app, table: "units", column: "kind", raw: "district", id: id)
      // Act: read the station as a model and through the API
      // Check: an error naming units.kind and district; the API a 500 saying so
      await Self.expectUnknown("units", "kind", "district") { _ = try await OrgUnit.find(id, on: app.db) }
      let token = try await app.token("admin")
      let res = try await app.api(.GET, Paths.apiUnit.link(id), token: token)
      #expect(res.status == .internalServerError)
      #expect(res.apiError?.code == "unknown_stored_value")
      #expect(res.body.string.contains("units.kind") && res.body.string.contains("district"), "\(res.body.string)")
    }
  }

  @Test("ARCH-TYPED-VALUES: a calendar day of an unknown kind stops the calendar loading, naming it, instead of being left out")
  func unknownCalendarDay() async throws {
    try await withApp { app in
      // Setup: a calendar day whose kind is set to festival in SQL
      let day = try #require(try await CalendarDay.query(on: app.db).first())
      #expect(try day.override.kind == day.kind)
      try await Self.corrupt(app, table: "calendar_days", column: "kind", raw: "festival", id: try day.requireID())
      // Act: load the calendar and the days
      // Check: each load fails naming calendar_days.kind and festival
      await Self.expectUnknown("calendar_days", "kind", "festival") { _ = try await WorkingCalendar.load(on: app.db) }
      await Self.expectUnknown("calendar_days", "kind", "festival") { _ = try await CalendarDay.query(on: app.db).all() }
    }
  }
}
