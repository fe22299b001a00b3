import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Dates, months and choices say what is wrong with them, on their field.
@Suite("Work-order validation")
struct WorkOrderValidationTests {
  func intake(_ loop: WorkOrderLoop, _ changes: [String: String]) -> [(String, String)] {
    var fields: [String: String] = [
      "type": "complaint", "channel": "phone95598", "area": "urban", "unitId": loop.org.countyA.savedID.uuidString,
      "customerAccount": "0109876543", "customerName": "李女士", "customerPhone": "13812345678", "address": "临川县石桥镇",
      "content": "停电后迟迟无人处理", "item": "operations.faultHandling", "attitude": "determined", "severity": "general",
    ]
    for (k, v) in changes { fields[k] = v }
    return fields.sorted { $0.key < $1.key }
  }

  @Test(
    "Rule WO-INTAKE, CAL-DATE-INPUT: the intake names the problem: no such date, a past appointment, nothing chosen, an item of the other list",
    arguments: [
      (["appointmentAt": "2026-02-30T10:00"], "appointmentAt", "没有这一天：2026-02-30"),
      (["appointmentAt": "2026-13-01T10:00"], "appointmentAt", "没有 13 月"),
      (["appointmentAt": "2026-03-10T07:30"], "appointmentAt", "约定时间不能早于受理时间"),
      (["appointmentAt": "明天上午"], "appointmentAt", "请按“年-月-日 时:分”填写"),
      (["item": ""], "item", "请选择。"),
      (["item": "misconduct.acceptingGifts"], "item", "所选事项不属于投诉分类"),
    ])
  func intakeMessages(changes: [String: String], field: String, message: String) async throws {
    try await withApp { app in
      // Setup: the work-order loop and the agent on the intake form
      let loop = try await WorkOrderLoop.make(app)
      let agent = PageClient(app)
      try await agent.login("agent")
      _ = try await agent.get(Paths.workOrderNew.link())
      // Act: file with the argument's bad field
      let res = try await agent.post(Paths.workOrderNew.link(), intake(loop, changes))
      // Check: a 422 with the message on that field, the text kept, nothing saved
      #expect(res.status == .unprocessableEntity)
      let html = res.body.string
      let error = try #require(html.components(separatedBy: #"id="error-\#(field)">"#).dropFirst().first)
      #expect(error.hasPrefix(message), "\(error.prefix(80))")
      #expect(!html.contains("未知的投诉类别"))
      #expect(html.contains("停电后迟迟无人处理") && html.contains(#"value="李女士""#))
      #expect(try await WorkOrder.query(on: app.db).count() == 0)
      // A future appointment is fine.
      // Act: file with a future appointment
      let ok = try await agent.post(Paths.workOrderNew.link(), intake(loop, ["appointmentAt": "2026-03-10T15:00"]))
      // Check: filed
      #expect(ok.status == .seeOther)
    }
  }

  @Test("Rule WO-INTAKE: 未知的投诉类别 only for a code the taxonomy does not know; nothing given is 请选择")
  func apiCategories() async throws {
    try await withApp { app in
      // Setup: the work-order loop
      let loop = try await WorkOrderLoop.make(app)
      // Act: file with an unknown category, then with nothing chosen, then without a category
      let unknown = try await app.api(
        .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(item: "conduct.attitude", category: "weather"))
      // Check: the unknown category named, then a choice asked for, then filed
      #expect(unknown.apiError?.field == "category" && unknown.apiError?.message == "未知的投诉类别：weather。")
      let none = try await app.api(
        .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(item: "", category: ""))
      #expect(none.apiError?.field == "item" && none.apiError?.message == "请选择。")
      // The category may be left out: it is the item's own.
      let derived = try await app.api(
        .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(item: "conduct.attitude", category: ""))
      #expect(derived.status == .created)
    }
  }

  @Test(
    "Rule CAL-DATE-INPUT: every date and month filter says no such date / no such month, not just 'format'",
    arguments: [
      (Paths.workOrders.link() + "?view=all&from=2026-02-30", "没有这一天：2026-02-30"),
      (Paths.workOrders.link() + "?view=all&to=2026-13-01", "没有 13 月"),
      (Paths.workOrders.link() + "?view=all&from=March", "日期格式应为 YYYY-MM-DD"),
      (Paths.workOrders.link() + "?view=all&from=2026-03-10&to=2026-03-01", "结束日期不能早于开始日期"),
      (Paths.kpi.link() + "?month=2026-13", "没有 13 月"),
      (Paths.bulletin.link() + "?month=2026-00", "没有 0 月"),
      (Paths.kpi.link() + "?month=March", "月份格式应为 YYYY-MM"),
      (Paths.audit.link() + "?from=2026-02-29", "没有这一天：2026-02-29"),
    ])
  func filters(path: String, message: String) async throws {
    try await withApp { app in
      // Setup: the work-order loop and admin signed in
      _ = try await WorkOrderLoop.make(app)
      let admin = PageClient(app)
      try await admin.login("admin")
      // Act: open the page with the argument's bad date or month
      let res = try await admin.get(path)
      // Check: a 422 with the message
      #expect(res.status == .unprocessableEntity, "\(path)")
      #expect(res.body.string.contains(message), "\(path): \(res.body.string.prefix(400))")
    }
  }

  @Test("Rule CAL-DATE-INPUT: a calendar day that does not exist is named, on the form and in an imported file")
  func calendarDays() async throws {
    try await withApp { app in
      // Setup: an org and admin on the calendar page
      _ = try await Org.make(app)
      let admin = PageClient(app)
      try await admin.login("admin")
      _ = try await admin.get(Paths.calendar.link())
      // Act: add a day on 30 February, then import a file with two days that do not exist
      let res = try await admin.post(Paths.calendarDay.link(), [("date", "2026-02-30"), ("kind", "holiday"), ("name", "不存在")])
      // Check: each named, on the form and by line
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("没有这一天：2026-02-30"))
      let token = try await app.token("admin")
      let file = "date,kind,name\n2027-02-30,holiday,错\n2027-13-01,holiday,错\n"
      let imported = try await app.testing().sendRequest(
        .POST, Paths.apiCalendarImport.link(), headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"],
        body: ByteBuffer(string: file))
      #expect(imported.status == .unprocessableEntity)
      let lines = try #require(imported.apiError?.lines)
      #expect(lines.map(\.message) == ["没有这一天：2027-02-30。", "没有 13 月：月份应为 01–12。"])
    }
  }

  @Test("Rule CAL-DATE-INPUT: a survey plan milestone's date that does not exist is named on the wave page")
  func milestoneDates() async throws {
    try await withApp { app in
      // Setup: a sampled wave and the office on its page
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 20)])).status == .created)
      let id = try await desk.sampledWave(count: 2)
      let wave = try #require(try await SurveyWave.find(UUID(uuidString: id), on: app.db))
      let office = PageClient(app)
      try await office.login("office")
      _ = try await office.get(Paths.surveyWave.link(id))
      for (due, message) in [("2026-02-30", "没有这一天：2026-02-30"), ("2026-13-01", "没有 13 月")] {
        // Act: set a milestone on the bad date
        let res = try await office.post(
          Paths.surveyWaveMilestone.link(id), [("kind", "rostersSubmitted"), ("due", due), ("version", String(wave.version))])
        // Check: a 422 naming the date
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains(message), "\(due)")
      }
    }
  }

  @Test("Rule CAL-DATE-INPUT: an interviewer's callback in the past is refused")
  func pastCallback() async throws {
    try await withApp { app in
      // Setup: a wave in fieldwork and a customer to call
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 20)])).status == .created)
      let wave = try await desk.sampledWave(count: 2)
      try await desk.open(wave)
      let sample = try #require(try await desk.next())
      // Act: ask for a callback in the past, then in the future
      let past = try await desk.call(sample, #"{"outcome":"callback","callbackAt":"2026-06-30T10:00:00+08:00"}"#)
      // Check: the past one refused on callbackAt; the future one accepted
      #expect(past.status == .unprocessableEntity)
      #expect(past.apiError?.field == "callbackAt" && past.apiError?.message == "回拨时间不能早于现在。")
      #expect(try await desk.call(sample, #"{"outcome":"callback","callbackAt":"2026-07-02T10:00:00+08:00"}"#).status == .ok)
    }
  }
}
