import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// ORG-REQUEST-VALUES: a value from a request can never trap the server. Query parameters are read
/// only through `Request.query(_:)`, range-checked, and a bad value is a 4xx naming the
/// parameter — on pages and in the API.
@Suite("Query parameters: range checks, never a trap")
struct QueryParameterTests {
  /// Far months used to trap the KPI dashboard, the bulletin and its XLSX export (the month
  /// after 9999-12 and the six before 0001-01 do not exist); months out of the years a request
  /// may name say so.
  static let farMonths = ["9999-12", "0001-01", "2101-01", "1999-12"]
  static let badMonths = farMonths + ["2026-13", "2026-00", "2026-3", "abc", "+99999-01"]

  @Test("Rule ORG-REQUEST-VALUES: a month outside 2000–2100 or not YYYY-MM is a 422 on month (KPI dashboard, bulletin, bulletin XLSX)")
  func months() async throws {
    try await withApp { app in
      // Setup: an org with admin signed in
      let org = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      // Act: open the KPI page, the bulletin and its XLSX with bad and good months and a bad unit
      for path in [Paths.kpi.link(), Paths.bulletin.link(), Paths.bulletinXLSX.link()] {
        for month in Self.badMonths {
          let res = try await client.get("\(path)?unitId=\(org.city.savedID)&month=\(month)")
          // Check: bad months are 422s, far ones naming 2000–2100; good months 200; a bad unit 422
          #expect(res.status == .unprocessableEntity, "\(path) month=\(month): \(res.status)")
          if Self.farMonths.contains(month) {
            #expect(
              res.body.string.contains("2000") && res.body.string.contains("2100"), "\(path) month=\(month): the message names the range")
          }
        }
        for month in ["2000-01", "2100-12", "2026-03"] {
          let res = try await client.get("\(path)?unitId=\(org.city.savedID)&month=\(month)")
          #expect(res.status == .ok, "\(path) month=\(month): \(res.status)")
        }
        let badUnit = try await client.get("\(path)?unitId=not-a-uuid")
        #expect(badUnit.status == .unprocessableEntity, "\(path) unitId=not-a-uuid")
      }
      let health = try await app.api(.GET, Paths.healthz.link(), token: nil)
      #expect(health.status == .ok)
    }
  }

  @Test("Rule ORG-REQUEST-VALUES: a wave's samples take offset 0…2147483647 and limit 1…1000; a huge offset used to overflow")
  func sampleOffsets() async throws {
    try await withApp { app in
      // Setup: a sampled wave of 10 and the admin's token
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 30)])).status == .created)
      let waveID = try await desk.sampledWave(count: 10)
      let token = try await app.token("admin")
      // Act: list the samples with each bad offset, limit and status
      for (query, field) in [
        ("offset=9223372036854775807", "offset"), ("offset=9223372036854775800&limit=1000", "offset"), ("offset=-1", "offset"),
        ("offset=99999999999999999999", "offset"), ("offset=1e3", "offset"), ("limit=0", "limit"), ("limit=1001", "limit"),
        ("limit=abc", "limit"), ("status=nonsense", "status"), ("status=", "status"), ("offset=", "offset"),
      ] {
        let res = try await app.api(.GET, Paths.apiSurveyWaveSamples.link(waveID) + "?\(query)", token: token)
        // Check: a 422 naming the parameter
        #expect(res.status == .unprocessableEntity, "\(query): \(res.status) \(res.body.string)")
        #expect(res.apiError?.field == field, "\(query): \(res.body.string)")
      }
      // Act: list at the largest offset, then with offset 2 and limit 3
      let last = try await app.api(.GET, Paths.apiSurveyWaveSamples.link(waveID) + "?offset=2147483647&limit=1000", token: token)
      // Check: empty, then the 3rd to 5th samples
      #expect(last.status == .ok && last.body.string == "[]")
      let page = try await app.api(.GET, Paths.apiSurveyWaveSamples.link(waveID) + "?offset=2&limit=3", token: token)
      #expect(page.status == .ok)
      let all = try await app.api(.GET, Paths.apiSurveyWaveSamples.link(waveID), token: token)
      let ids = try JSONDecoder().decode([SampleBody].self, from: Data(all.body.string.utf8)).map(\.id)
      #expect(try JSONDecoder().decode([SampleBody].self, from: Data(page.body.string.utf8)).map(\.id) == Array(ids[2..<5]))
    }
  }

  @Test(
    "Rule ORG-REQUEST-VALUES: invalid enum values are refused naming the parameter, not ignored: ?action=AAA, ?unread=, ?state=nonsense")
  func enums() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: call the API with each bad enum, date, limit or offset
      for (path, field) in [
        (Paths.apiAudit.link() + "?action=AAA", "action"), (Paths.apiNotifications.link() + "?unread=", "unread"),
        (Paths.apiNotifications.link() + "?unread=yes", "unread"), (Paths.apiWorkOrders.link() + "?state=nonsense", "state"),
        (Paths.apiWorkOrders.link() + "?type=", "type"), (Paths.apiWorkOrders.link() + "?overdue=1", "overdue"),
        (Paths.apiWorkOrders.link() + "?from=2026-02-30", "from"), (Paths.apiWorkOrders.link() + "?to=9999-12-31", "to"),
        (Paths.apiWorkOrders.link() + "?limit=201", "limit"), (Paths.apiAudit.link() + "?offset=-5", "offset"),
        (Paths.apiAudit.link() + "?offset=9223372036854775807", "offset"),
        (Paths.apiCalendarDays.link() + "?year=99999999999999999999", "year"),
        (Paths.apiCalendarDeadline.link() + "?from=9999-01-01T00:00:00Z&workingDays=1", "from"),
        (Paths.apiCalendarDeadline.link() + "?from=2026-03-01T00:00:00Z&minutes=99999999999999999", "minutes"),
        (Paths.apiAudit.link() + "?action=create&action=update", "action"), (Paths.apiWorkOrders.link() + "?cursor=", "cursor"),
      ] {
        let res = try await app.api(.GET, path, token: token)
        // Check: a 422 naming the parameter; good values pass; bad UTF-8 is named too
        #expect(res.status == .unprocessableEntity, "\(path): \(res.status) \(res.body.string)")
        #expect(res.apiError?.field == field, "\(path): \(res.body.string)")
      }
      for path in [
        Paths.apiAudit.link() + "?action=create", Paths.apiNotifications.link() + "?unread=true",
        Paths.apiWorkOrders.link() + "?state=closed&limit=200",
      ] {
        #expect(try await app.api(.GET, path, token: token).status == .ok, "\(path)")
      }
      let badEncoding = try await app.api(.GET, Paths.apiAudit.link() + "?entity=%E4%B8", token: token)
      #expect(badEncoding.status == .unprocessableEntity && badEncoding.apiError?.field == "entity", "\(badEncoding.body.string)")
    }
  }

  @Test("A URL refused before the session is read (NUL, a path that is not UTF-8) gets its error page; it used to trap")
  func refusedBeforeSession() async throws {
    try await withApp { app in
      // Setup: an org with admin signed in
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      // Act: open URLs with NUL and with bytes that are not UTF-8
      for path in ["/account/tokens/%E4%B8/revoke", "/units/%FF", Paths.workOrders.link() + "?q=%00", "/%00"] {
        let res = try await client.get(path)
        // Check: a 400 error page each; still signed in
        #expect(res.status == .badRequest, "\(path): \(res.status)")
        #expect(res.body.string.contains("<html"), "\(path): an error page")
      }
      #expect(try await client.get("/").status == .ok, "still signed in and serving")
    }
  }

  @Test("A cursor naming an instant outside years 1–9999 is refused, not handed to the database driver")
  func cursors() async throws {
    try await withApp { app in
      // Setup: an org, the admin's token and an id
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      let id = UUID().uuidString
      // Act: list work orders from cursors out of range
      for seconds in ["1e300", "-1e300", "nan", "inf", "253402300800"] {
        let cursor = Data("\(seconds)|\(id)".utf8).base64EncodedString()
        let escaped = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
        let res = try await app.api(.GET, Paths.apiWorkOrders.link() + "?cursor=\(escaped)", token: token)
        // Check: a 422 naming cursor
        #expect(res.status == .unprocessableEntity && res.apiError?.field == "cursor", "\(seconds): \(res.body.string)")
      }
      // Act: list from a cursor in range
      let fine = Data("1767225600.0|\(id)".utf8).base64EncodedString()
      let res = try await app.api(
        .GET, Paths.apiWorkOrders.link() + "?cursor=\(fine.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fine)",
        token: token)
      // Check: 200
      #expect(res.status == .ok)
    }
  }

  @Test("Rule ORG-REQUEST-VALUES: on pages an empty value is a blank filter field; on the API it must be valid for its kind")
  func emptyValues() async throws {
    try await withApp { app in
      // Setup: an org with admin signed in
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      // Act: filter the order list with every field empty
      let page = try await client.get(Paths.workOrders.link() + "?view=all&state=&type=&unitId=&from=&to=&category=")
      // Check: 200
      #expect(page.status == .ok)
      // Check: a far month, a long failed list and a bad audit date are refused, with the text kept
      // A drill-down's month is checked even without its figure.
      #expect(try await client.get(Paths.workOrders.link() + "?month=9999-12").status == .unprocessableEntity)
      // The bulk-dispatch notice's list is checked even without its count.
      let failed = try await client.get(Paths.workOrders.link() + "?failed=" + String(repeating: "x", count: Limits.queryText * 20 + 1))
      #expect(failed.status == .unprocessableEntity)
      let audit = try await client.get(Paths.audit.link() + "?entity=&action=&from=2026-02-30")
      #expect(audit.status == .unprocessableEntity)
      #expect(audit.body.string.contains("2026-02-30"), "what was typed is shown again")
      #expect(audit.body.string.contains("class=\"field-error\"") && audit.body.string.contains("没有这一天"))
      // Act: filter through the API with an empty category and an empty unitId
      let token = try await app.token("admin")
      // Check: the category is no filter; the empty unitId is a 422
      #expect(try await app.api(.GET, Paths.apiWorkOrders.link() + "?category=", token: token).status == .ok, "empty text is no filter")
      #expect(try await app.api(.GET, Paths.apiWorkOrders.link() + "?unitId=", token: token).status == .unprocessableEntity)
    }
  }

  @Test("A route that reads a query parameter it did not declare answers 500, so the route table stays complete")
  func undeclared() async throws {
    try await withApp { app in
      // Setup: two routes reading n (declared) and m (undeclared)
      let declared = QueryParameter<Int>.integer("n", 1...9)
      let other = QueryParameter<Int>.integer("m", 1...9)
      let readDeclared: @Sendable (Request) async throws -> String = { req in String(try req.query(declared) ?? 0) }
      let readOther: @Sendable (Request) async throws -> String = { req in String(try req.query(other) ?? 0) }
      app.get("test-declared", use: readDeclared).query(declared)
      app.get("test-undeclared", use: readOther)
      // Act: call them
      let good = try await app.api(.GET, "/test-declared?n=3", token: nil)
      let bad = try await app.api(.GET, "/test-declared?n=10", token: nil)
      let undeclared = try await app.api(.GET, "/test-undeclared?m=3", token: nil)
      // Check: the declared one answers or refuses; the undeclared one is a 500
      #expect(good.body.string == "3")
      #expect(bad.status == .unprocessableEntity)
      #expect(undeclared.status == .internalServerError)
    }
  }

  @Test("The route table lists each route's query parameters (what the browser fuzz test reads)")
  func routeTable() async throws {
    try await withApp { app in
      // Setup: an empty app
      // Act: read the routes table
      let entries = RoutesTableCommand.entries(app)
      // Check: the KPI page's query, the samples' offset maximum, the work-order route
      let kpi = try #require(entries.first { $0.method == "GET" && $0.path == Paths.kpi.link() })
      #expect(kpi.query.map(\.name) == ["unitId", "month"] && kpi.query.map(\.kind) == [.uuid, .month])
      let samples = try #require(entries.first { $0.path == "/" + Paths.apiSurveyWaveSamples.template })
      #expect(samples.query.first { $0.name == "offset" }?.maximum == Limits.maxOffset)
      #expect(entries.contains { $0.path == "/" + Paths.apiWorkOrder.template && $0.method == "GET" })
    }
  }

  @Test("Every query parameter in Sources/App is read through Request.query(_:)")
  func oneWay() throws {
    // Setup: the Swift files of Sources/App
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let sources = root.appendingPathComponent("Sources/App")
    let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
    var offenders: [String] = []
    // Act: look in each for other ways of reading the query
    for case let url as URL in files where url.pathExtension == "swift" {
      let text = try String(contentsOf: url, encoding: .utf8)
      for pattern in [".query[", "query.get(", "query.decode(", ".query.contains"] where text.contains(pattern) {
        offenders.append("\(url.lastPathComponent): \(pattern)")
      }
    }
    // Check: none found
    #expect(offenders.isEmpty, "read query parameters with Request.query(_:): \(offenders)")
  }
}
