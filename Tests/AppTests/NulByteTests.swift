import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App
@testable import Spreadsheet

/// NUL in any text a request brings is refused with 400 naming the line (or field), and nothing
/// is saved: PostgreSQL would fail with a 500, SQLite would cut the text at the NUL.
@Suite("NUL characters in bodies and imports")
struct NulByteTests {
  @Test("The line finder: JSON escapes (not an escaped backslash), form escapes")
  func finder() {
    // Setup: byte strings with NULs, escaped or not
    // Act: find the first line or field with a NUL
    // Check: the right line or field; none for an escaped backslash or a clean form
    #expect(NulCharacters.firstLine(in: Array(#"{"a":"x"}"#.utf8) + [0x0A] + Array(#"{"a":"\u0000"}"#.utf8), format: .json) == 2)
    #expect(NulCharacters.firstLine(in: Array(#"{"a":"\\u0000"}"#.utf8), format: .json) == nil)
    #expect(NulCharacters.firstLine(in: Array("a=1&b=x%00y".utf8), format: .form) == 1)
    #expect(NulCharacters.firstFormField(in: Array("code=Z1&name=%E5%9D%8F%00&kind=county".utf8)) == "name")
    #expect(NulCharacters.firstFormField(in: Array("code=Z1&name=%E5%9D%8F&kind=county".utf8)) == nil)
  }

  @Test("The decoders name the field with NUL: URL-encoded forms by scanning, multipart forms after decoding")
  func decoderFields() throws {
    // Setup: a two-field struct and a NUL-refusing form decoder
    struct Unit: Decodable {
      let code: String
      let unitId: String
    }
    let form = NulRefusingDecoder(wrapped: URLEncodedFormDecoder(), format: .form)
    var formHeaders = HTTPHeaders()
    formHeaders.contentType = .urlEncodedForm
    // Act: decode a clean form, then one with %00
    // Check: the clean one decodes; the other is a 400 naming unitId
    #expect(throws: Never.self) { try form.decode(Unit.self, from: ByteBuffer(string: "code=Z1&unitId=u1"), headers: formHeaders) }
    #expect {
      try form.decode(Unit.self, from: ByteBuffer(string: "code=Z1&unitId=u%001"), headers: formHeaders)
    } throws: { ($0 as? AppError)?.field == "unitId" && ($0 as? AppError)?.status == .badRequest }
    // Act: decode a multipart body with a NUL
    let boundary = "b0undary"
    let body =
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nZ1\r\n"
      + "--\(boundary)\r\nContent-Disposition: form-data; name=\"unitId\"\r\n\r\nu\u{0}1\r\n--\(boundary)--\r\n"
    var headers = HTTPHeaders()
    headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
    let multipart = NulRefusingDecoder(wrapped: FormDataDecoder(), format: nil)
    // Check: refused, naming unitId
    #expect {
      try multipart.decode(Unit.self, from: ByteBuffer(string: body), headers: headers)
    } throws: { ($0 as? AppError)?.field == "unitId" }
  }

  @Test("Work-order JSON lines: a raw NUL or a \\u0000 escape is a 400 naming the line; nothing is imported")
  func jsonLines() async throws {
    try await withApp { app in
      // Setup: the work-order loop and complaints with an escaped and a raw NUL
      let loop = try await WorkOrderLoop.make(app)
      let good = loop.complaint().replacingOccurrences(of: "\n", with: "")
      let escaped = good.replacingOccurrences(of: "抄表员态度恶劣", with: #"抄表员\u0000态度恶劣"#)
      let raw = good.replacingOccurrences(of: "抄表员态度恶劣", with: "抄表员\u{0}态度恶劣")
      for (body, line) in [([good, good, escaped].joined(separator: "\n"), 3), ([good, raw, good].joined(separator: "\n"), 2)] {
        // Act: import the lines as the agent
        var result: TestingHTTPResponse?
        try await app.testing().test(
          .POST, Paths.apiWorkOrdersImport.link(),
          beforeRequest: { req in
            req.headers.bearerAuthorization = .init(token: loop.tokens["agent"] ?? "")
            req.headers.contentType = HTTPMediaType(type: "application", subType: "x-ndjson")
            req.body = ByteBuffer(string: body)
          }, afterResponse: { res async throws in result = res })
        // Check: a 400 invalid_characters naming the line; nothing imported
        let res = try #require(result)
        #expect(res.status == .badRequest, "\(res.body.string)")
        #expect(res.apiError?.code == "invalid_characters")
        #expect(res.apiError?.field == "line \(line)")
        #expect(res.apiError?.message.contains("第 \(line) 行") == true || res.apiError?.message.contains("Line \(line)") == true)
      }
      #expect(try await WorkOrder.query(on: app.db).count() == 0)
    }
  }

  @Test("Calendar CSV (API body and page upload): a NUL is a 400 naming the line")
  func calendar() async throws {
    try await withApp { app in
      // Setup: an org, the admin's token and a CSV with a NUL on line 3
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      let csv = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春\0节\n"
      // Act: import it through the API
      var result: TestingHTTPResponse?
      try await app.testing().test(
        .POST, Paths.apiCalendarImport.link(),
        beforeRequest: { req in
          req.headers.bearerAuthorization = .init(token: token)
          req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
          req.body = ByteBuffer(string: csv)
        }, afterResponse: { res async throws in result = res })
      // Check: a 400 naming line 3, nothing saved
      let res = try #require(result)
      #expect(res.status == .badRequest)
      #expect(res.apiError?.field == "line 3")
      #expect(try await CalendarYear.query(on: app.db).filter(\.$year == 2027).count() == 0)
      // Act: upload it on the calendar page
      let admin = PageClient(app)
      try await admin.login("admin")
      try await admin.get(Paths.calendar.link())
      let page = try await AnalysisFixtures.upload(admin, Paths.calendarImport.link(), fields: [], file: ("days.csv", Data(csv.utf8)))
      // Check: a 400 naming line 3
      #expect(page.status == .badRequest)
      #expect(page.body.string.contains("第 3 行含有不允许的控制字符"))
    }
  }

  @Test("A roster of several MB with a NUL deep inside is refused through the page, naming the line; nothing is saved")
  func rosterPage() async throws {
    try await withApp { app in
      // Setup: a roster of 40,000 customers with a NUL on line 30,001, and a roster clerk
      let desk = try await SurveyDesk.make(app)
      var text = SurveyDesk.roster([(.residential, 40_000)])
      #expect(text.utf8.count > 2_500_000)
      // Line 30,001 is customer 30,000.
      text = text.replacingOccurrences(of: "客户30000,", with: "客户\u{0}30000,")
      try await desk.org.user(app, "rosterclerk", [.staff], desk.org.city)
      // Act: upload it on the roster page
      let client = PageClient(app)
      try await client.login("rosterclerk")
      try await client.get(Paths.rosters.link())
      let res = try await AnalysisFixtures.upload(
        client, Paths.rosterImport.link(), fields: [("unitId", desk.org.countyA.savedID.uuidString)], file: ("roster.csv", Data(text.utf8)))
      // Check: a 400 naming line 30001, nothing saved
      #expect(res.status == .badRequest)
      #expect(res.body.string.contains("30001"))
      #expect(try await RosterCustomer.query(on: app.db).count() == 0)
      // The API answers alike.
      // Act: import it through the API
      let api = try await desk.importRoster(text)
      // Check: a 400 naming line 30001
      #expect(api.status == .badRequest && api.apiError?.field == "line 30001")
    }
  }

  @Test("An XLSX roster of thousands of rows whose cell decodes to NUL (_x0000_) is refused, naming the row; nothing is saved")
  func xlsxRoster() async throws {
    try await withApp { app in
      // Setup: an XLSX roster of 5,000 rows with _x0000_ in row 4,001
      let desk = try await SurveyDesk.make(app)
      // Row 4,001 of the sheet is customer 4,000.
      let rows = SurveyDesk.roster([(.residential, 5_000)]).split(separator: "\n").map { line in
        line.split(separator: ",", omittingEmptySubsequences: false).map {
          SpreadsheetCell.text($0 == "客户4000" ? "客户_x0000_4000" : String($0))
        }
      }
      let data = try Self.workbookDecodingToNul(rows)
      // Act: upload it through the API
      let res = try await desk.upload(
        Paths.apiRosters.link() + "?unitId=\(desk.org.countyA.savedID)&fileName=r.xlsx", data, token: desk.office)
      // Check: a 400 invalid_characters naming line 4001, nothing saved
      #expect(res.status == .badRequest, "\(res.body.string)")
      #expect(res.apiError?.code == "invalid_characters")
      #expect(res.apiError?.field == "line 4001")
      #expect(try await RosterCustomer.query(on: app.db).count() == 0)
    }
  }

  @Test("An analysis upload with NUL is a 400 naming its line, read by the one CSV reader; nothing is saved")
  func analysisUpload() async throws {
    try await withApp { app in
      // Setup: an analyst page and mobi with a NUL on line 201
      let org = try await Org.make(app)
      let client = try await AnalysisFixtures.analystPage(app, org)
      var lines = String(decoding: try AnalysisFixtures.mobi, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      lines[200] = lines[200].replacingOccurrences(of: ",", with: ",\u{0}", options: [], range: lines[200].range(of: ","))[...]
      // Act: upload it
      let res = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", StandardCSIModels.text(StandardCSIModels.ecsiUpload))],
        file: ("mobi.csv", Data(lines.joined(separator: "\n").utf8)))
      // Check: a 400 naming line 201, nothing saved
      #expect(res.status == .badRequest, "\(res.body.string.prefix(500))")
      #expect(res.body.string.contains("第 201 行"))
      #expect(try await AnalysisRun.query(on: app.db).count() == 0)
    }
  }

  /// A workbook whose cells spell Excel's `_x0000_` escape, which readers decode to NUL. The
  /// writer never writes one (it keeps a typed `_x0000_` literal as `_x005F_x0000_`), so the
  /// written parts are re-packed with that protection undone.
  static func workbookDecodingToNul(_ rows: [[SpreadsheetCell]]) throws -> Data {
    let written = try SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "S", rows: rows)]).xlsxData()
    let package = try ZipPackage.open(written)
    let parts = try package.entries.keys.sorted().map { name in
      let xml = String(decoding: try ZipPackage.part(name, in: package) ?? Data(), as: UTF8.self)
      return (path: name, xml: xml.replacingOccurrences(of: "_x005F_x0000_", with: "_x0000_"))
    }
    #expect(parts.contains { $0.xml.contains("_x0000_") })
    return try ZipPackage.write(parts: parts)
  }

  @Test("Form bodies: %00 is refused (it decodes to NUL), not taken for a forged form; multipart text fields are refused naming the field")
  func forms() async throws {
    try await withApp { app in
      // Setup: an org with admin on the new-unit form
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.unitNew.link())
      // Act: add a unit whose name has a NUL
      let form = try await client.post(Paths.unitNew.link(), [("code", "Z1"), ("name", "坏\u{0}单位"), ("kind", "county")])
      // Check: a 400 with the message, no unit saved
      #expect(form.status == .badRequest)
      #expect(form.body.string.contains("输入中含有不允许的控制字符"))
      #expect(try await OrgUnit.query(on: app.db).filter(\.$code == "Z1").count() == 0)
      // Act: upload a roster with a NUL in the unitId field
      try await client.get(Paths.rosters.link())
      let multipart = try await AnalysisFixtures.upload(
        client, Paths.rosterImport.link(), fields: [("unitId", "x\u{0}y")],
        file: ("r.csv", Data(SurveyDesk.roster([(.residential, 2)]).utf8)))
      // Check: a 400 with the message
      #expect(multipart.status == .badRequest)
      #expect(multipart.body.string.contains("输入中含有不允许的控制字符"))
    }
  }

  @Test("A URL with NUL is a 400 for a page as for the API; the error page renders before any session exists")
  func url() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: open the login page with %00 in the query
      let page = try await PageClient(app).get(Paths.login.link() + "?next=a%00b")
      // Check: a 400 error page
      #expect(page.status == .badRequest)
      #expect(page.body.string.contains("输入中含有不允许的控制字符"))
      // Act: query the audit API with %00
      let token = try await app.token("admin")
      let api = try await app.api(.GET, Paths.apiAudit.link() + "?actor=a%00b", token: token)
      // Check: a 400 naming url
      #expect(api.status == .badRequest && api.apiError?.field == "url")
    }
  }
}
