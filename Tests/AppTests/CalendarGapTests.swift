import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A deadline beyond the calendar's last year is never a dead end: it is counted on weekends
/// only, marked provisional, and recomputed when the year is imported; from 1 November everyone
/// whose work sets deadlines is told the year is missing.
@Suite("Working calendar gaps")
struct CalendarGapTests {
  @Test("Rule CAL-COVERAGE: a deadline into a year without holidays is provisional, shown so, and recomputed when the year is imported")
  func provisionalDeadlines() async throws {
    try await withApp { app in
      // Setup: the work-order loop on 28 Dec 2026, 2027 not in the calendar
      var loop = try await WorkOrderLoop.make(app)
      try await loop.moveClock(to: instant("2026-12-28T10:00:00+08:00"))
      typealias L = WorkOrderLoop
      // Act: file a complaint and take it to first contact
      let order = try await loop.file(then: [L.approve, loop.dispatchA, L.contact])
      // Check: the reply is due 2 Jan 2027, provisional in the API and on the page
      // Four working days from Mon 28 Dec: 29, 30, 31 Dec and Fri 1 Jan 2027 (not known to be a holiday).
      let reply = try #require(order.clocks.first { $0.stage == "reply" && !$0.stopped })
      #expect(BusinessTime.iso8601(reply.dueAt) == "2027-01-02T00:00:00+08:00")
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(stored.deadlineAt == BusinessTime.parseInstant("2027-01-02T00:00:00+08:00"))
      let api = try await app.api(.GET, Paths.apiWorkOrder.link(order.id), token: loop.tokens["handlerA"])
      #expect(api.body.string.contains(#""provisional":true"#))
      let handler = PageClient(app)
      try await handler.login("handlerA")
      #expect(try await handler.get(Paths.workOrder.link(order.id)).body.string.contains("tag warn provisional"))

      // Act: import 2027 with 1 January a holiday
      // The administrator imports 2027: 1 January is a holiday.
      let token = try await app.token("admin")
      let res = try await app.testing().sendRequest(
        .POST, Paths.apiCalendarImport.link(), headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"],
        body: ByteBuffer(string: "date,kind,name\n2027-01-01,holiday,元旦\n"))
      // Check: the deadline moves to 5 January and is no longer provisional
      #expect(res.status == .ok, "\(res.body.string)")
      let after = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(after.deadlineAt == BusinessTime.parseInstant("2027-01-05T00:00:00+08:00"))
      #expect(try after.snapshot.deadlines[.reply] == BusinessTime.parseInstant("2027-01-05T00:00:00+08:00"))
      let page = try await handler.get(Paths.workOrder.link(order.id)).body.string
      #expect(!page.contains("tag warn provisional"))
      #expect(page.contains("2027-01-05 00:00"))
      // The deadline API says the same.
      let deadline = try await app.api(
        .GET, Paths.apiCalendarDeadline.link() + "?from=2027-12-30T10:00:00%2B08:00&workingDays=2", token: token)
      #expect(deadline.body.string.contains(#""provisional":true"#))
    }
  }

  @Test("Rule CAL-REMINDER: from 1 November a missing next year shows a banner to whoever sets deadlines and one inbox notice each")
  func reminder() async throws {
    try await withApp { app in
      // Setup: the work-order loop, an analyst, a clock on 31 October 2026
      let loop = try await WorkOrderLoop.make(app)
      try await loop.org.user(app, "analyst", [.analyst], loop.org.city)
      loop.clock.set(instant("2026-10-31T12:00:00+08:00"))
      // Act: open the lead's home and run the reminder job
      let lead = PageClient(app)
      try await lead.login("lead")
      // Check: no banner, nothing missing
      #expect(!(try await lead.get("/")).body.string.contains("calendar-banner"))
      #expect(try await CalendarReminderJob().run(on: app, now: loop.clock.now()) == "nothing missing")

      // Act: move to 1 November and open the pages as lead, analyst and admin
      loop.clock.set(instant("2026-11-01T08:00:00+08:00"))
      let home = try await lead.get(Paths.workOrders.link()).body.string
      // Check: a banner for the lead, none for the analyst, a link for admin
      #expect(home.contains(#"id="calendar-banner""#) && home.contains("2027 年的节假日安排尚未录入工作日历"))
      let analyst = PageClient(app)
      try await analyst.login("analyst")
      #expect(!(try await analyst.get("/")).body.string.contains("calendar-banner"))
      let admin = PageClient(app)
      try await admin.login("admin")
      #expect((try await admin.get("/")).body.string.contains("<a href=\"\(Paths.calendar.link())\">去录入</a>"))

      // Act: run the reminder job twice an hour apart
      _ = try await CalendarReminderJob().run(on: app, now: loop.clock.now())
      loop.clock.advance(by: 3600)
      _ = try await CalendarReminderJob().run(on: app, now: loop.clock.now())
      // Check: one notice per user who sets deadlines, none for the analyst
      for user in ["admin", "agent", "lead", "reviewer", "handlerA", "handlerB", "agentB"] {
        let id = try #require(try await User.query(on: app.db).filter(\.$username == user).first()?.id)
        #expect(
          try await InboxNotification.query(on: app.db).filter(\.$user.$id == id).filter(\.$kind == .calendar).count() == 1, "\(user)")
      }
      let analystID = try #require(try await User.query(on: app.db).filter(\.$username == "analyst").first()?.id)
      #expect(try await InboxNotification.query(on: app.db).filter(\.$user.$id == analystID).count() == 0)

      // Act: add the year 2027
      _ = try await app.api(.POST, Paths.apiCalendarYears.link(), token: try await app.token("admin"), json: #"{"year":2027}"#)
      // Check: no banner, nothing missing
      #expect(!(try await lead.get("/")).body.string.contains("calendar-banner"))
      #expect(try await CalendarReminderJob().run(on: app, now: loop.clock.now()) == "nothing missing")
    }
  }
}
