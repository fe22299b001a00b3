import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

struct ImportOutcomeBody: Decodable, Equatable {
  let imported: Int
  let unchanged: Int
}

struct ReliabilityBody: Decodable {
  struct IEEE: Decodable {
    let saifi: Double
    let saidi: Double
    let caidi: Double?
  }
  struct Area: Decodable {
    let customersServed: Int
    let aihc: Double
    let rs1: Double
    let target: Double
    let meetsTarget: Bool
  }
  let unitName: String
  let customersServed: Int
  let saifi: Double
  let saidi: Double
  let caidi: Double?
  let asai: Double
  let maifi: Double
  let rs1: Double
  let rs3: Double
  let aihc: Double
  let majorEventDays: [String]
  let withoutMajorEvents: IEEE
  let urban: Area
  let rural: Area
}

@Suite("Reliability: interruption import and indices through the API")
struct ReliabilityTests {
  static let header = "id,unitCode,type,cause,start,end,customersAffected\n"
  static let good =
    header + "i1,A,fault,雷击,2026-03-01T10:00:00+08:00,2026-03-01T11:00:00+08:00,50\n"
    + "i2,A-S1,planned,检修,2026-03-02T08:00:00+08:00,2026-03-02T08:04:00+08:00,100\n"
    + "i3,B,overCapacity,限电,2026-03-03T10:00:00Z,2026-03-03T12:00:00Z,300\n"

  /// County A serves 200 customers (100 itself, urban; 100 at its station, rural); B 300.
  static func organisation(_ app: Application) async throws -> Org {
    let org = try await Org.make(app)
    for (unit, count, area) in [(org.countyA, 100, SupplyArea.urban), (org.stationA, 100, .rural), (org.countyB, 300, .rural)] {
      unit.customerCount = count
      unit.supplyArea = area
      try await unit.save(on: app.db)
    }
    return org
  }

  static func importCSV(_ app: Application, _ csv: String, token: String) async throws -> TestingHTTPResponse {
    try await app.postCSV(Paths.apiOutagesImport.link(), Data(csv.utf8), token: token)
  }

  @Test("Rule REL-IMPORT: the history imported all at once; the same file again changes nothing")
  func importAndReimport() async throws {
    try await withApp { app in
      // Setup: units with customer counts and supply areas, admin token
      _ = try await Self.organisation(app)
      let token = try await app.token("admin")
      // Act: import the three-record history
      var res = try await Self.importCSV(app, Self.good, token: token)
      // Check: three imported, none unchanged
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(try res.content.decode(ImportOutcomeBody.self) == ImportOutcomeBody(imported: 3, unchanged: 0))
      // Act: import the same file again
      res = try await Self.importCSV(app, Self.good, token: token)
      // Check: nothing imported, three unchanged; i3 kept as over-capacity with its start converted
      #expect(try res.content.decode(ImportOutcomeBody.self) == ImportOutcomeBody(imported: 0, unchanged: 3))
      #expect(try await InterruptionRecord.query(on: app.db).count() == 3)
      let stored = try #require(try await InterruptionRecord.query(on: app.db).filter(\.$externalID == "i3").first())
      #expect(stored.type == .overCapacity)
      #expect(stored.startAt == BusinessTime.parseInstant("2026-03-03T18:00:00+08:00"))
      // A new line alongside known ones: only it is stored.
      // Act: import the file with one new line added
      res = try await Self.importCSV(
        app, Self.good + "i4,B,fault,,2026-03-04T10:00:00+08:00,2026-03-04T10:30:00+08:00,10\n", token: token)
      // Check: only the new line is imported; three audit records
      #expect(try res.content.decode(ImportOutcomeBody.self) == ImportOutcomeBody(imported: 1, unchanged: 3))
      let audit = try await AuditRecord.query(on: app.db).filter(\.$entity == .interruptionHistory).count()
      #expect(audit == 3)
    }
  }

  @Test("Rule REL-IMPORT: every bad line named, nothing saved")
  func badLines() async throws {
    try await withApp { app in
      // Setup: units with customer counts and the three-record history imported
      _ = try await Self.organisation(app)
      let token = try await app.token("admin")
      _ = try await Self.importCSV(app, Self.good, token: token)
      // Act: import a file with bad lines among good ones
      let bad =
        Self.header
        + "n1,A,fault,,2026-03-05T10:00:00+08:00,2026-03-05T09:00:00+08:00,5\n"  // 2: end before start
        + "n2,ZZ,fault,,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,5\n"  // 3: unknown unit
        + "n3,A,storm,,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,5\n"  // 4: unknown type
        + "n4,A,fault,,2026-03-05T10:00:00,2026-03-05T11:00:00+08:00,5\n"  // 5: no offset
        + "n5,A,fault,,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,-1\n"  // 6: customers
        + "n6,A,fault,,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,5\n"  // 7: fine
        + "n6,A,fault,,2026-03-05T10:00:00+08:00,2026-03-05T11:30:00+08:00,5\n"  // 8: same id, other content
        + "i1,A,fault,雷击,2026-03-01T10:00:00+08:00,2026-03-01T11:00:00+08:00,51\n"  // 9: stored with other content
        + "n7,A,fault,,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,5\n"  // 10: fine
      let res = try await Self.importCSV(app, bad, token: token)
      // Check: 422 naming lines 2 to 6 and 8 with their fields; still three records
      #expect(res.status == .unprocessableEntity)
      let error = try #require(res.apiError)
      #expect(error.code == "invalid_rows")
      let lines = (error.lines ?? []).map { "\($0.line):\($0.field)" }
      #expect(lines == ["2:end", "3:unitCode", "4:type", "5:start", "6:customersAffected", "8:id"], "\(error)")
      #expect(try await InterruptionRecord.query(on: app.db).count() == 3)
      // The stored id with other content is named once the lines themselves are right.
      // Act: import only the stored id with changed content
      let stored = try await Self.importCSV(
        app, Self.header + "i1,A,fault,雷击,2026-03-01T10:00:00+08:00,2026-03-01T11:00:00+08:00,51\n", token: token)
      // Check: its id on line 2 is named
      #expect(stored.apiError?.lines?.map { "\($0.line):\($0.field)" } == ["2:id"])
      // A missing column is named on the header line.
      // Act: import a file without the cause column
      let header = try await Self.importCSV(app, "id,unitCode,type,start,end,customersAffected\nx,A,fault,a,b,1\n", token: token)
      // Check: the cause column is named; still three records
      #expect(header.apiError?.lines?.first?.field == "cause")
      #expect(try await InterruptionRecord.query(on: app.db).count() == 3)
      // Only administrators import.
      // Act: a handler imports the good file
      let handler = try await app.token("handlerA")
      // Check: refused as forbidden
      #expect(try await Self.importCSV(app, Self.good, token: handler).status == .forbidden)
    }
  }

  @Test("Rule REL-CUSTOMERS-SERVED, REL-SAIDI, REL-MAIFI, REL-URBAN-RURAL: the indices of a unit and its subtree")
  func indices() async throws {
    try await withApp { app in
      // Setup: units with customer counts and the history imported, handlerA's token
      let org = try await Self.organisation(app)
      _ = try await Self.importCSV(app, Self.good, token: try await app.token("admin"))
      let token = try await app.token("handlerA")
      // Act: read county A's indices for March
      let res = try await app.api(
        .GET, Paths.apiReliability.link() + "?unitId=\(org.countyA.savedID)&from=2026-03-01&to=2026-03-31", token: token)
      // Check: 200 customers served; IEEE and DL/T indices; no major event days; urban and rural split
      #expect(res.status == .ok, "\(res.body.string)")
      let body = try res.content.decode(ReliabilityBody.self)
      #expect(body.customersServed == 200)
      // 60 min × 50 sustained; 4 min × 100 momentary for IEEE, counted for DL/T; B's record is not A's.
      #expect(abs(body.saifi - 0.25) < 1e-12)
      #expect(abs(body.saidi - 15) < 1e-12)
      #expect(body.caidi.map { abs($0 - 60) < 1e-12 } == true)
      #expect(abs(body.maifi - 0.5) < 1e-12)
      #expect(abs(body.aihc - 17) < 1e-12)
      #expect(abs(body.rs1 - (1 - 17.0 / (31 * 1440))) < 1e-12)
      #expect(body.rs3 == body.rs1)
      #expect(body.majorEventDays.isEmpty)
      #expect(abs(body.withoutMajorEvents.saidi - 15) < 1e-12)
      #expect(body.urban.customersServed == 100 && abs(body.urban.aihc - 30) < 1e-12)
      #expect(body.rural.customersServed == 100 && abs(body.rural.aihc - 4) < 1e-12)
      #expect(body.urban.target == 0.999 && body.rural.target == 0.998)
      // The caller's own unit by default; the period defaults to this year.
      // Act: read without a unit as handlerA
      let own = try await app.api(.GET, Paths.apiReliability.link() + "?from=2026-03-01&to=2026-03-31", token: token)
      // Check: county A is the default unit
      #expect(try own.content.decode(ReliabilityBody.self).unitName == org.countyA.name)
      // RS-3 leaves out supply shortage (REL-RS3): B's two hours for 300 customers.
      // Act: read county B's indices for March as admin
      let admin = try await app.token("admin")
      let b = try await app.api(
        .GET, Paths.apiReliability.link() + "?unitId=\(org.countyB.savedID)&from=2026-03-01&to=2026-03-31", token: admin)
      let bBody = try b.content.decode(ReliabilityBody.self)
      // Check: RS-1 counts the two hours for 300 customers, RS-3 stays 1, CAIDI is 120
      #expect(abs(bBody.rs1 - (1 - 120.0 / (31 * 1440))) < 1e-12)
      #expect(bBody.rs3 == 1)
      #expect(bBody.caidi.map { abs($0 - 120) < 1e-12 } == true)
    }
  }

  @Test("Rule REL-READ: another subtree is refused; bad periods name the parameter")
  func scopeAndPeriods() async throws {
    try await withApp { app in
      // Setup: units with customer counts, county B's agent
      let org = try await Self.organisation(app)
      let agent = try await app.token("agentB")
      // Act: county B's agent reads county A's indices
      let other = try await app.api(
        .GET, Paths.apiReliability.link() + "?unitId=\(org.countyA.savedID)&from=2026-03-01&to=2026-03-31", token: agent)
      // Check: forbidden
      #expect(other.status == .forbidden)
      // Act: read with each bad period or unit
      for (query, field) in [
        ("from=2026-03-31&to=2026-03-01", "to"), ("from=2026-02-30&to=2026-03-01", "from"), ("from=1999-01-01&to=2026-03-01", "from"),
        ("from=2010-01-01&to=2026-03-01", "to"), ("unitId=nope", "unitId"),
      ] {
        let res = try await app.api(.GET, Paths.apiReliability.link() + "?\(query)", token: agent)
        // Check: 422 naming the expected parameter
        #expect(res.status == .unprocessableEntity, "\(query)")
        #expect(res.apiError?.field == field, "\(query): \(res.body.string)")
      }
      // Check: a read without a token is unauthorized
      #expect(try await app.api(.GET, Paths.apiReliability.link(), token: nil).status == .unauthorized)
    }
  }

  struct FixedSource: InterruptionSource {
    let records: [SourcedInterruption]
    func interruptions(units: [UUID], from: Date, to: Date, on db: any Database) async throws -> [SourcedInterruption] { records }
  }

  @Test("Rule REL-SOURCES: a record two sources return with the same external id counts once")
  func sourcesOnce() async throws {
    try await withApp { app in
      // Setup: history imported plus a source returning a twin of i1 and one extra record
      let org = try await Self.organisation(app)
      _ = try await Self.importCSV(app, Self.good, token: try await app.token("admin"))
      let start = try #require(BusinessTime.parseInstant("2026-03-01T10:00:00+08:00"))
      let twin = Interruption(unitID: org.countyA.savedID, type: .fault, start: start, end: start + 3600, customers: 50)
      let extra = Interruption(unitID: org.countyA.savedID, type: .fault, start: start + 7200, end: start + 7800, customers: 20)
      app.interruptionSources.add(
        FixedSource(records: [
          SourcedInterruption(externalID: "i1", interruption: twin, cause: ""),
          SourcedInterruption(externalID: nil, interruption: extra, cause: ""),
        ]))
      // Act: read county A's March indices as handlerA
      let token = try await app.token("handlerA")
      let res = try await app.api(.GET, Paths.apiReliability.link() + "?from=2026-03-01&to=2026-03-31", token: token)
      let body = try res.content.decode(ReliabilityBody.self)
      // Check: the twin counts once, the extra record adds to SAIFI and SAIDI
      // 50 + 20 customers of 200; 3000 + 200 customer-minutes.
      #expect(abs(body.saifi - 0.35) < 1e-12)
      #expect(abs(body.saidi - 16) < 1e-12)
    }
  }

  @Test("Rule REL-SETTINGS, ORG-RULE-VERSIONS: an administrator saves a new version on the page; periods ending from its day use it")
  func settingsVersions() async throws {
    try await withApp { app in
      // Setup: today is 10 March 2026; the March history with a 4-minute interruption (i2), the admin and handlerA signed in
      app.clock = FixedClock(try #require(BusinessTime.parseInstant("2026-03-10T09:00:00+08:00")))
      _ = try await Self.organisation(app)
      _ = try await Self.importCSV(app, Self.good, token: try await app.token("admin"))
      let admin = PageClient(app)
      try await admin.login("admin")
      let handler = PageClient(app)
      try await handler.login("handlerA")
      func document(ieee: Double) -> String {
        #"{"ieeeSustainedMinutes":\#(ieee),"dltSustainedMinutes":3,"majorEventBeta":2.5,"majorEventHistoryYears":5,"urbanTarget":0.999,"ruralTarget":0.998}"#
      }
      func save(_ client: PageClient, from day: String, _ rules: String) async throws -> PageResponse {
        try await client.post(Paths.reliabilitySettingVersions.link(), [("effectiveFrom", day), ("rules", rules)])
      }
      // Act: open the settings page as handlerA
      let shown = try await handler.get(Paths.reliabilitySettings.link())
      // Check: version 1 in force with the documented thresholds and targets, no form for a non-administrator
      #expect(shown.status == .ok && shown.body.string.contains("超过 5 分钟") && shown.body.string.contains("超过 3 分钟"))
      #expect(shown.body.string.contains("99.9%") && shown.body.string.contains("99.8%") && shown.body.string.contains("· 现行"))
      #expect(!shown.body.string.contains("rule-version-form"))
      // Act: handlerA saves a version
      // Check: forbidden
      let forbidden = try await save(handler, from: "2026-03-20", document(ieee: 3))
      #expect(forbidden.status == .forbidden && !forbidden.body.string.contains("表单已过期"))
      // Act: the admin opens the page and saves a broken document, a threshold of 61 minutes, and a version starting yesterday
      #expect(try await admin.get(Paths.reliabilitySettings.link()).body.string.contains("rule-version-form"))
      let broken = try await save(admin, from: "2026-03-20", "{")
      let outOfRange = try await save(admin, from: "2026-03-20", document(ieee: 61))
      let past = try await save(admin, from: "2026-03-09", document(ieee: 3))
      // Check: each is shown again with its error beside the field; what was typed stays; nothing is saved
      #expect(
        broken.status == .unprocessableEntity && broken.body.string.contains("error-rules"),
        "\(broken.status) \(broken.body.string.suffix(3000))")
      #expect(outOfRange.status == .unprocessableEntity && outOfRange.body.string.contains("ieeeSustainedMinutes"))
      #expect(outOfRange.body.string.contains("61"))
      #expect(past.status == .unprocessableEntity && past.body.string.contains("error-effectiveFrom"))
      #expect(try await RuleVersionRecord<ReliabilitySettings>.query(on: app.db).count() == 1)
      // Act: the admin saves 3 minutes from 20 March
      let saved = try await save(admin, from: "2026-03-20", document(ieee: 3))
      // Check: version 2 is stored and shown, with an audit record
      #expect(saved.status == .seeOther && saved.headers.first(name: .location) == Paths.reliabilitySettings.link() + "?version=2")
      #expect(try await RuleVersionRecord<ReliabilitySettings>.query(on: app.db).count() == 2)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .reliabilitySettingVersion).count() == 1)
      #expect(try await admin.get(Paths.reliabilitySettings.link() + "?version=2").body.string.contains("超过 3 分钟"))
      // Act: read county A's indices for periods ending the day before and on 20 March
      let token = try await app.token("handlerA")
      func saifi(to day: String) async throws -> Double {
        let res = try await app.api(.GET, Paths.apiReliability.link() + "?from=2026-03-01&to=\(day)", token: token)
        return try res.content.decode(ReliabilityBody.self).saifi
      }
      // Check: before it, only the 60-minute fault is sustained (50 of 200); from it, the 4-minute one too (150 of 200)
      #expect(abs(try await saifi(to: "2026-03-19") - 0.25) < 1e-12)
      #expect(abs(try await saifi(to: "2026-03-20") - 0.75) < 1e-12)
    }
  }

  @Test("Rule REL-READ, KPI-DRILL-DOWN: the page shows the indices and each count lists exactly its interruptions")
  func page() async throws {
    try await withApp { app in
      // Setup: history imported, handlerA signed in
      let org = try await Self.organisation(app)
      _ = try await Self.importCSV(app, Self.good, token: try await app.token("admin"))
      let client = PageClient(app)
      try await client.login("handlerA")
      // Act: open the reliability page for March
      let res = try await client.get(Paths.reliability.link() + "?from=2026-03-01&to=2026-03-31")
      // Check: IEEE table, SAIDI of 15.00, chart, the station, a drill-down link for sustained interruptions
      #expect(res.status == .ok)
      let html = res.body.string
      #expect(html.contains("id=\"reliability-ieee\"") && html.contains("SAIFI"))
      #expect(html.contains("15.00"), "SAIDI 15 minutes")
      #expect(html.contains("<svg"))
      #expect(html.contains(org.stationA.name), "the station below the county")
      let sustained = ReliabilityPagesController.link(
        .sustained, unit: org.countyA.savedID, from: try #require(CivilDate(iso: "2026-03-01")),
        to: try #require(CivilDate(iso: "2026-03-31")))
      #expect(html.contains(sustained.replacingOccurrences(of: "&", with: "&amp;")) || html.contains(sustained))
      // Check: the month links to its repair arrival and restoration figures on the KPI dashboard
      let repair = Paths.kpi.link() + "?unitId=\(org.countyA.savedID)&amp;month=2026-03#figure-repairArrival"
      #expect(html.contains(repair), "\(html.prefix(200))")
      // Act: open the KPI dashboard for the month
      let kpi = try await client.get(Paths.kpi.link() + "?unitId=\(org.countyA.savedID)&month=2026-03").body.string
      // Check: both repair figures are there
      #expect(kpi.contains("id=\"figure-repairArrival\"") && kpi.contains("id=\"figure-repairRestoration\""))
      // Act: open the sustained list
      let list = try await client.get(sustained).body.string
      // Check: only i1 is listed
      #expect(list.contains("<td>i1</td>") && !list.contains("<td>i2</td>") && !list.contains("<td>i3</td>"))
      // Act: open the momentary list
      let momentary = try await client.get(sustained.replacingOccurrences(of: "measure=sustained", with: "measure=momentary")).body.string
      // Check: only i2 is listed
      #expect(momentary.contains("<td>i2</td>") && !momentary.contains("<td>i1</td>"))
      // Act: open the DL/T list for the rural area
      let dltRural = try await client.get(
        ReliabilityPagesController.link(
          .dlt, unit: org.countyA.savedID, from: try #require(CivilDate(iso: "2026-03-01")), to: try #require(CivilDate(iso: "2026-03-31")),
          area: .rural)
      ).body.string
      // Check: only the station's i2 is listed
      #expect(dltRural.contains("<td>i2</td>") && !dltRural.contains("<td>i1</td>"))
      // Another county is refused; a bad measure names the parameter.
      // Check: county B's page is forbidden; an unknown measure is 422
      #expect(try await client.get(Paths.reliability.link() + "?unitId=\(org.countyB.savedID)").status == .forbidden)
      #expect(try await client.get(Paths.reliabilityInterruptions.link() + "?measure=nope").status == .unprocessableEntity)
    }
  }

  @Test("Rule REL-URBAN-RURAL: a unit's supply area is set, cleared and checked through the API and the unit form")
  func supplyAreaEditing() async throws {
    try await withApp { app in
      // Setup: organisation and admin token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: set county B's supply area to rural
      var res = try await app.api(.PATCH, Paths.apiUnit.link(org.countyB.savedID), token: token, json: #"{"supplyArea":"rural"}"#)
      // Check: accepted and returned as rural
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(res.body.string.contains(#""supplyArea":"rural""#))
      // Act: set an unknown supply area
      res = try await app.api(.PATCH, Paths.apiUnit.link(org.countyB.savedID), token: token, json: #"{"supplyArea":"suburban"}"#)
      // Check: 422 naming the supply area
      #expect(res.status == .unprocessableEntity)
      #expect(res.apiError?.field == "supplyArea")
      // Act: change only the name
      res = try await app.api(.PATCH, Paths.apiUnit.link(org.countyB.savedID), token: token, json: #"{"name":"白石县"}"#)
      // Check: the supply area is kept
      #expect(res.body.string.contains(#""supplyArea":"rural""#), "omitted keeps it")
      // Act: clear the supply area
      res = try await app.api(.PATCH, Paths.apiUnit.link(org.countyB.savedID), token: token, json: #"{"supplyArea":""}"#)
      // Check: the supply area is null
      #expect(res.body.string.contains(#""supplyArea":null"#))
      // Act: open county A's unit form as admin
      let client = PageClient(app)
      try await client.login("admin")
      let form = try await client.get(Paths.unitEdit.link(org.countyA.savedID))
      // Check: the form has a supply area field
      #expect(form.body.string.contains("name=\"supplyArea\""))
      // Act: submit the form with the urban area
      _ = try await client.post(
        Paths.unitEdit.link(org.countyA.savedID),
        [("code", "A"), ("name", org.countyA.name), ("parentId", org.city.savedID.uuidString), ("supplyArea", "urban")])
      // Check: county A is urban
      #expect(try await OrgUnit.find(org.countyA.id, on: app.db)?.supplyArea == .urban)
    }
  }
}
