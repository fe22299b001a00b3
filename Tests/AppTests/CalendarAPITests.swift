import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

struct DeadlineBody: Decodable { let deadline: String }
struct ImportBody: Decodable {
  let years: [Int]
  let days: Int
}

@Suite("Working calendar through the API and pages")
struct CalendarAPITests {
  @Test(
    "Rule CAL-DEADLINE-API: deadlines by working days and minutes, on the State Council schedule",
    arguments: [
      ("2026-09-30T10:00:00%2B08:00", "workingDays=4", "2026-10-13T00:00:00+08:00"),
      ("2026-02-13T10:00:00%2B08:00", "workingDays=1", "2026-02-15T00:00:00+08:00"),
      ("2026-03-13T10:00:00%2B08:00", "workingDays=1", "2026-03-17T00:00:00+08:00"),
      ("2026-03-13T10:00:00%2B08:00", "minutes=90", "2026-03-13T11:30:00+08:00"),
      ("2026-09-30T10:00%2B08:00", "workingDays=4", "2026-10-13T00:00:00+08:00"),
    ])
  func deadlines(from: String, duration: String, expected: String) async throws {
    try await withApp { app in
      // Setup: an org and an agent's token
      _ = try await Org.make(app)
      let token = try await app.token("agentB")
      // Act: ask for the deadline from the argument's start and duration
      let res = try await app.api(.GET, Paths.apiCalendarDeadline.link() + "?from=\(from)&\(duration)", token: token)
      // Check: the expected deadline
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(try res.content.decode(DeadlineBody.self).deadline == expected)
    }
  }

  @Test(
    "Rule CAL-COVERAGE: a year before the calendar's schedules is a clear error, not a guess (later years are provisional)",
    arguments: [
      ("from=2024-03-01T10:00:00Z&workingDays=1", "from", "calendar_year_missing"),
      ("from=yesterday&workingDays=1", "from", "invalid_field"),
      ("from=2026-03-01T10:00:00Z&workingDays=abc", "workingDays", "invalid_field"),
      ("from=2026-03-01T10:00:00Z&workingDays=-1", "workingDays", "invalid_field"),
      ("from=2026-03-01T10:00:00Z", "workingDays", "invalid_field"),
      ("workingDays=1", "from", "invalid_field"),
    ])
  func badDeadlines(query: String, field: String, code: String) async throws {
    try await withApp { app in
      // Setup: an org and an agent's token
      _ = try await Org.make(app)
      let token = try await app.token("agentB")
      // Act: ask for a deadline with the bad query
      let res = try await app.api(.GET, Paths.apiCalendarDeadline.link() + "?\(query)", token: token)
      // Check: a 422 naming the field, with the code
      #expect(res.status == .unprocessableEntity)
      #expect(res.apiError?.field == field)
      #expect(res.apiError?.code == code)
    }
  }

  @Test("Admins edit single days; the deadline follows at once")
  func editDay() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: make Monday 16 March 2026 a holiday, then ask for Friday + 1
      // Make Monday 16 March 2026 a day off: Friday + 1 now ends on Tuesday.
      let put = try await app.api(.PUT, Paths.apiCalendarDay.link("2026-03-16"), token: token, json: #"{"kind":"holiday","name":"测试停休"}"#)
      // Check: saved; the deadline moves to the end of Tuesday 17 March
      #expect(put.status == .ok)
      let res = try await app.api(.GET, Paths.apiCalendarDeadline.link() + "?from=2026-03-13T10:00:00Z&workingDays=1", token: token)
      #expect(try res.content.decode(DeadlineBody.self).deadline == "2026-03-18T00:00:00+08:00")
      // Check: an uncovered year and a bad date are refused, deleting works, an agent may not edit
      #expect(
        try await app.api(.PUT, Paths.apiCalendarDay.link("2027-01-04"), token: token, json: #"{"kind":"holiday","name":"x"}"#).status
          == .unprocessableEntity)
      #expect(
        try await app.api(.PUT, Paths.apiCalendarDay.link("2026-13-01"), token: token, json: #"{"kind":"holiday","name":"x"}"#).apiError?
          .field
          == "date")
      #expect(try await app.api(.DELETE, Paths.apiCalendarDay.link("2026-03-16"), token: token).status == .noContent)
      let agent = try await app.token("agentB")
      #expect(
        try await app.api(.PUT, Paths.apiCalendarDay.link("2026-03-16"), token: agent, json: #"{"kind":"holiday","name":"x"}"#).status
          == .forbidden)
    }
  }

  @Test("CSV import: every bad line reported by number, nothing saved; a good file replaces the year")
  func importCSV() async throws {
    try await withApp { app in
      // Setup: an org, the admin's token and the number of days
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      let before = try await CalendarDay.query(on: app.db).count()
      // Act: import a CSV with a bad date, a bad kind and a repeated day
      let bad = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,错\n2027-02-10,rest,春节\n2027-01-01,holiday,重复\n"
      let res = try await app.testing().sendRequest(
        .POST, Paths.apiCalendarImport.link(), headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"],
        body: ByteBuffer(string: bad))
      // Check: a 422 listing lines 3, 4 and 5, nothing saved
      #expect(res.status == .unprocessableEntity)
      let lines = try #require(res.apiError?.lines)
      #expect(lines.map(\.line) == [3, 4, 5])
      #expect(lines.map(\.field) == ["date", "kind", "date"])
      #expect(try await CalendarDay.query(on: app.db).count() == before)
      #expect(try await CalendarYear.query(on: app.db).filter(\.$year == 2027).count() == 0)

      // Act: import a good 2027 file
      let good = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,休,春节\n2027-02-07,班,春节调休上班\n"
      let ok = try await app.testing().sendRequest(
        .POST, Paths.apiCalendarImport.link(), headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"],
        body: ByteBuffer(string: good))
      // Check: three days saved; Sunday 7 Feb 2027 is worked
      #expect(ok.status == .ok, "\(ok.body.string)")
      #expect(try ok.content.decode(ImportBody.self).days == 3)
      // 2027 is now covered: Friday 5 Feb + 1 working day → Sunday 7 Feb is worked.
      let d = try await app.api(.GET, Paths.apiCalendarDeadline.link() + "?from=2027-02-05T10:00:00%2B08:00&workingDays=1", token: token)
      #expect(try d.content.decode(DeadlineBody.self).deadline == "2027-02-08T00:00:00+08:00")
    }
  }

  @Test(
    "CSV import through the one reader: lines are the file's lines (a quoted name over two lines, CRLF, a BOM); broken quoting names its line"
  )
  func importLines() throws {
    // Setup: a CSV text with a BOM, CRLF and a name over two lines
    let text = "\u{FEFF}date,kind,name\r\n2027-01-01,holiday,\"元旦\r\n（新年）\"\r\n\r\n2027-02-30,holiday,错\r\n"
    // Act: parse it, a padded line and an open quote
    // Check: file line numbers; padding trimmed; the open quote names line 2
    #expect {
      try CalendarService.parseCSV(text)
    } throws: { error in
      (error as? ImportFailure)?.lines.map { "\($0.line) \($0.field)" } == ["5 date"]
    }
    #expect(try CalendarService.parseCSV("date,kind,name\n2027-01-01 , holiday , 元旦 \n").first?.name == "元旦")
    #expect {
      try CalendarService.parseCSV("date,kind,name\n2027-01-01,holiday,\"元旦\n2027-01-02,holiday,x\n")
    } throws: { error in
      (error as? ImportFailure)?.lines.map { "\($0.line) \($0.key) \($0.args)" } == ["2 import.error.quoting [\"2\"]"]
    }
  }

  @Test("The calendar page imports a CSV upload and lists the year's days")
  func calendarPage() async throws {
    try await withApp { app in
      // Setup: an org with admin signed in
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      // Act: open 2026's calendar page
      let page = try await client.get(Paths.calendar.link() + "?year=2026")
      // Check: it lists the October make-up day
      #expect(page.status == .ok)
      #expect(page.body.string.contains("2026-10-10"))
      #expect(page.body.string.contains("国庆节调休上班"))
      // Act: add a day dated 2026-13-40
      let add = try await client.post(Paths.calendarDay.link(), [("date", "2026-13-40"), ("kind", "holiday"), ("name", "x")])
      // Check: a 422 on date with the text kept
      #expect(add.status == .unprocessableEntity)
      #expect(add.body.string.contains("id=\"error-date\""))
      #expect(add.body.string.contains("value=\"2026-13-40\""))
    }
  }
}
