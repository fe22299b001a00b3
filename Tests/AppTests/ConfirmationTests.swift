import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Destructive and irreversible page actions need the ticked `confirm` box: without it the page
/// comes back (422) with 请勾选确认 beside the box and nothing changes; with it the action is done.
@Suite("Confirmation of destructive actions")
struct ConfirmationTests {
  @Test("Deleting a unit is refused without confirm and done with it")
  func unitDelete() async throws {
    try await withApp { app in
      // Setup: an org with an empty station, admin on its page
      let org = try await Org.make(app)
      let empty = OrgUnit(code: "B-S9", name: "空供电所", kind: .station, parent: org.countyB)
      try await empty.create(on: app.db)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.unit.link(empty.savedID))
      #expect(client.lastBody.contains("name=\"confirm\" value=\"yes\""))
      // Act: delete it without confirm, with confirm=no, then with confirm
      // Check: refused twice with the unit kept, then deleted
      PageClient.expectConfirmRefused(try await client.post(Paths.unitDelete.link(empty.savedID), []))
      #expect(try await OrgUnit.find(empty.id, on: app.db) != nil)
      PageClient.expectConfirmRefused(try await client.post(Paths.unitDelete.link(empty.savedID), [("confirm", "no")]))
      #expect(try await OrgUnit.find(empty.id, on: app.db) != nil)
      let done = try await client.post(Paths.unitDelete.link(empty.savedID), [PageClient.confirmed])
      #expect(done.status == .seeOther)
      #expect(try await OrgUnit.find(empty.id, on: app.db) == nil)
    }
  }

  @Test("A confirmed delete of a unit that still has users is refused on the unit page, not an error page")
  func unitDeleteWithUsers() async throws {
    try await withApp { app in
      // Setup: an org, admin on countyB's page
      let org = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.unit.link(org.countyB.savedID))
      // Act: delete countyB, confirmed
      let res = try await client.post(Paths.unitDelete.link(org.countyB.savedID), [PageClient.confirmed])
      // Check: a 409 on the unit page naming its users; the unit kept
      #expect(res.status == .conflict)
      #expect(res.body.string.contains("id=\"error-users\""))
      #expect(res.body.string.contains("id=\"unit-name\""))
      #expect(try await OrgUnit.find(org.countyB.id, on: app.db) != nil)
    }
  }

  @Test("Deleting a department is refused without confirm and done with it")
  func departmentDelete() async throws {
    try await withApp { app in
      // Setup: an org with a temporary department, admin on its page
      _ = try await Org.make(app)
      let department = Department(code: "TMP", nameZh: "临时部门", nameEn: "Temporary", modules: [.billing])
      try await department.create(on: app.db)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.departmentEdit.link(department.savedID))
      // Act: delete it without confirm, then with confirm
      let refused = try await client.post(Paths.departmentDelete.link(department.savedID), [])
      // Check: refused on the page with the department kept, then deleted
      PageClient.expectConfirmRefused(refused)
      #expect(refused.body.string.contains("临时部门"))
      #expect(try await Department.find(department.id, on: app.db) != nil)
      let done = try await client.post(Paths.departmentDelete.link(department.savedID), [PageClient.confirmed])
      #expect(done.status == .seeOther)
      #expect(try await Department.find(department.id, on: app.db) == nil)
    }
  }

  @Test("Deleting a calendar day is refused without confirm and done with it")
  func calendarDayDelete() async throws {
    try await withApp { app in
      // Setup: an org, admin with a holiday added on 9 March 2026
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.calendar.link() + "?year=2026")
      let put = try await client.post(Paths.calendarDay.link(), [("date", "2026-03-09"), ("kind", "holiday"), ("name", "测试假日")])
      #expect(put.status == .seeOther, "\(put.body.string.prefix(300))")
      func stored() async throws -> Int {
        try await CalendarDay.query(on: app.db).filter(\.$date == "2026-03-09").count()
      }
      #expect(try await stored() == 1)
      // Act: delete the day without confirm, then with confirm
      try await client.get(Paths.calendar.link() + "?year=2026")
      // Check: refused and kept, then deleted
      PageClient.expectConfirmRefused(try await client.post(Paths.calendarDayDelete.link("2026-03-09"), []))
      #expect(try await stored() == 1)
      let done = try await client.post(Paths.calendarDayDelete.link("2026-03-09"), [PageClient.confirmed])
      #expect(done.status == .seeOther)
      #expect(try await stored() == 0)
    }
  }

  @Test("Revoking an API token is refused without confirm and done with it")
  func tokenRevoke() async throws {
    try await withApp { app in
      // Setup: an org, admin with a new token
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.tokens.link())
      let created = try await client.post(Paths.tokens.link(), [("name", "对账脚本")])
      #expect(created.status == .created)
      let token = try #require(try await ApiToken.query(on: app.db).filter(\.$name == "对账脚本").first())
      // Act: revoke it without confirm, then with confirm
      // Check: refused and still valid, then revoked
      PageClient.expectConfirmRefused(try await client.post(Paths.tokenRevoke.link(token.savedID), []))
      #expect(try await ApiToken.find(token.id, on: app.db)?.revokedAt == nil)
      let done = try await client.post(Paths.tokenRevoke.link(token.savedID), [PageClient.confirmed])
      #expect(done.status == .seeOther)
      #expect(try await ApiToken.find(token.id, on: app.db)?.revokedAt != nil)
    }
  }

  @Test("Ending fieldwork is refused without confirm and done with it; opening needs no confirmation")
  func endFieldwork() async throws {
    try await withApp { app in
      // Setup: a sampled wave, the office on its page
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 20)])).status == .created)
      let waveID = try await desk.sampledWave(count: 5)
      let client = PageClient(app)
      try await client.login("office")
      try await client.get(Paths.surveyWave.link(waveID))
      func wave() async throws -> SurveyWave { try #require(try await SurveyWave.find(UUID(uuidString: waveID), on: app.db)) }
      // Act: open fieldwork, which needs no confirm
      let opened = try await client.post(
        Paths.surveyWaveFieldwork.link(waveID), [("open", "true"), ("version", "\(try await wave().version)")])
      // Check: opened, and the page now asks for confirmation
      #expect(opened.status == .seeOther, "\(opened.body.string.prefix(300))")
      #expect(try await wave().isOpen)
      try await client.get(Paths.surveyWave.link(waveID))
      #expect(client.lastBody.contains("name=\"confirm\" value=\"yes\""))
      // Act: end fieldwork without confirm, then with confirm
      let version = try await wave().version
      // Check: refused and still open, then closed
      PageClient.expectConfirmRefused(
        try await client.post(Paths.surveyWaveFieldwork.link(waveID), [("open", "false"), ("version", "\(version)")]))
      #expect(try await wave().isOpen)
      let closed = try await client.post(
        Paths.surveyWaveFieldwork.link(waveID), [("open", "false"), ("version", "\(version)"), PageClient.confirmed])
      #expect(closed.status == .seeOther)
      #expect(try await wave().isOpen == false)
    }
  }
}
