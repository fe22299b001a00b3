import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The outage register, its notices and the customer file, through the API and the pages.
@Suite("Outages")
struct OutageTests {
  static let now = "2026-12-01T09:00:00+08:00"

  /// Four customers in county A's station: two transformer areas on one feeder, one customer
  /// without a phone, one important customer; one customer in county B on another feeder.
  static let file = """
    account,name,phone,unit,feeder,transformerArea,importantClass
    A001,张三,13800000001,A-S1,10kV城关线,城关1号台区,
    A002,李四,13800000002,A-S1,10kV城关线,城关1号台区,
    A003,王五,,A-S1,10kV城关线,城关2号台区,
    A004,县人民医院,0571-88000001,A-S1,10kV城关线,城关2号台区,一级
    B001,赵六,13900000001,B,10kV白石线,白石1号台区,
    """

  struct Setup {
    let org: Org
    let admin: String
    let handler: String
    let clock: FixedClock
  }

  static func setUp(_ app: Application) async throws -> Setup {
    let clock = FixedClock(try #require(BusinessTime.parseInstant(now)))
    app.clock = clock
    let org = try await Org.make(app)
    let admin = try await app.token("admin")
    let res = try await upload(app, token: admin, csv: file)
    #expect(res.status == .ok, "\(res.body.string)")
    return Setup(org: org, admin: admin, handler: try await app.token("handlerA"), clock: clock)
  }

  static func upload(_ app: Application, token: String, csv: String) async throws -> TestingHTTPResponse {
    try await app.postCSV(Paths.apiGridImport.link(), Data(csv.utf8), token: token)
  }

  struct OutageBody: Decodable {
    let id: UUID
    let version: Int
    let state: String
    let customersAffected: Int
    let noticeBreach: Bool
    let notifiedInTime: Int
    let notificationRate: Double
    let actualStart: Date?
    let restored: Date?
  }

  /// A transformer-area fault on 城关1号台区 (A001, A002) since 08:30, announced back at 12:30.
  static func areaFault(_ app: Application, _ setup: Setup) async throws -> OutageBody {
    let area = try #require(try await GridObject.query(on: app.db).filter(\.$code == "城关1号台区").first())
    let json = """
      {"type":"fault","cause":"台区变压器故障","gridObjectId":"\(try area.requireID())","start":"2026-12-01T08:30:00+08:00","announcedRestoration":"2026-12-01T12:30:00+08:00"}
      """
    return try decode(OutageBody.self, try await app.api(.POST, Paths.apiOutages.link(), token: setup.handler, json: json))
  }

  static func decode<T: Decodable>(_ type: T.Type, _ res: TestingHTTPResponse) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(T.self, from: Data(res.body.string.utf8))
  }

  static func register(
    _ app: Application, token: String, type: String = "planned", feeder: String = "10kV城关线", start: String,
    restoration: String
  ) async throws -> TestingHTTPResponse {
    let json = """
      {"type":"\(type)","cause":"线路检修","feeder":"\(feeder)","start":"\(start)","announcedRestoration":"\(restoration)"}
      """
    return try await app.api(.POST, Paths.apiOutages.link(), token: token, json: json)
  }

  @Test("Rule OUT-GRID: the customer file creates feeders and transformer areas with their customers; re-importing replaces by account")
  func gridImport() async throws {
    try await withApp { app in
      // Setup: organisation, fixed clock and admin token
      // Act: import the customer file as admin (done by setUp)
      let setup = try await Self.setUp(app)
      // Check: two feeders, three transformer areas, five customers; the hospital is first class with its phone
      #expect(try await GridObject.query(on: app.db).filter(\.$kind == .feeder).count() == 2)
      #expect(try await GridObject.query(on: app.db).filter(\.$kind == .transformerArea).count() == 3)
      #expect(try await GridCustomer.query(on: app.db).count() == 5)
      let hospital = try #require(try await GridCustomer.query(on: app.db).filter(\.$account == "A004").first())
      #expect(hospital.importantClass == .first && hospital.phone == "0571-88000001")
      // Act: re-import one account with a new name and phone under Chinese column headers
      let again = try await Self.upload(
        app, token: setup.admin, csv: "户号,户名,电话,单位,馈线,台区,重要客户等级\nA001,张三丰,13800000009,A-S1,10kV城关线,城关1号台区,\n")
      // Check: accepted, still five customers, the account renamed with the new phone
      #expect(again.status == .ok, "\(again.body.string)")
      #expect(try await GridCustomer.query(on: app.db).count() == 5)
      let renamed = try #require(try await GridCustomer.query(on: app.db).filter(\.$account == "A001").first())
      #expect(renamed.name == "张三丰" && renamed.phone == "13800000009")
      // Act: open the grid page as admin
      let client = PageClient(app)
      try await client.login("admin")
      let page = try await client.get(Paths.grid.link())
      // Check: the page lists the feeder and offers the import form
      #expect(page.status == .ok && page.body.string.contains("10kV城关线") && page.body.string.contains("grid-import"))
    }
  }

  @Test("Rule OUT-GRID: a file with bad rows changes nothing and names every bad line and field")
  func gridImportBadRows() async throws {
    try await withApp { app in
      // Setup: organisation with the customer file imported
      let setup = try await Self.setUp(app)
      // Act: upload a file of six rows, five of them bad
      let bad = """
        account,name,phone,unit,feeder,transformerArea,importantClass
        C001,新客户,13800000011,A-S1,10kV新线,,
        C002,,13800000012,A-S1,10kV新线,,
        C003,钱七,not-a-phone,A-S1,10kV新线,,
        C004,孙八,13800000014,NOPE,10kV新线,,
        C005,周九,13800000015,A-S1,10kV新线,,三级
        C001,重复,13800000016,A-S1,10kV新线,,
        """
      let res = try await Self.upload(app, token: setup.admin, csv: bad)
      // Check: 422 naming every bad line and field; nothing stored, no new feeder
      #expect(res.status == .unprocessableEntity)
      let error = try #require(res.apiError)
      #expect(error.code == "invalid_rows" && error.field == "line 3")
      let lines = (error.lines ?? []).map { "\($0.line):\($0.field)" }
      #expect(lines == ["3:name", "4:phone", "5:unit", "6:importantClass", "7:account"], "\(lines)")
      #expect(try await GridCustomer.query(on: app.db).count() == 5)
      #expect(try await GridObject.query(on: app.db).filter(\.$code == "10kV新线").count() == 0)
      // Act: upload a file without the unit and feeder columns
      let missing = try await Self.upload(app, token: setup.admin, csv: "account,name\nX1,某人\n")
      // Check: both missing columns are named
      #expect(missing.status == .unprocessableEntity && (missing.apiError?.lines ?? []).map(\.field) == ["unit", "feeder"])
      // Check: a handler may not import the customer file
      #expect(try await Self.upload(app, token: setup.handler, csv: Self.file).status == .forbidden)
    }
  }

  @Test(
    "Rule OUT-REGISTER, OUT-NOTICES: a planned outage 8 days ahead is announced, affects the feeder's customers and queues one SMS per phone"
  )
  func register() async throws {
    try await withApp { app in
      // Setup: organisation with the customer file imported
      let setup = try await Self.setUp(app)
      // Act: register a planned feeder outage eight days ahead
      let res = try await Self.register(
        app, token: setup.handler, start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00")
      // Check: announced, four customers affected, no breach, one pending SMS per phone, one audit record
      #expect(res.status == .created, "\(res.body.string)")
      let outage = try Self.decode(OutageBody.self, res)
      #expect(outage.state == "announced" && outage.customersAffected == 4 && !outage.noticeBreach)
      let sms = try await OutboxMessage.query(on: app.db).sort(\.$recipient).all()
      #expect(sms.map(\.recipient) == ["0571-88000001", "13800000001", "13800000002"])
      #expect(sms.allSatisfy { $0.status == .pending && $0.body.contains("12-09 09:00") && $0.body.contains("12-09 17:00") })
      #expect(sms.contains { $0.body.contains("计划于") && $0.body.contains("A001") })
      // Three of four notified in time: the customer without a phone is not (OUT-NOTICE-RATE).
      #expect(outage.notifiedInTime == 3 && outage.notificationRate == 0.75)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .outage).count() == 1)
      // Act: list the customers not notified in time
      let customers = try await app.api(.GET, Paths.apiOutageCustomers.link(outage.id) + "?notice=not_in_time", token: setup.handler)
      // Check: only the customer without a phone is listed
      #expect(customers.status == .ok && customers.body.string.contains("A003") && !customers.body.string.contains("A001"))
      // An outage on one transformer area affects only its customers.
      // Act: register a fault outage on one transformer area
      let area = try #require(try await GridObject.query(on: app.db).filter(\.$code == "城关1号台区").first())
      let json = """
        {"type":"fault","cause":"台区变压器故障","gridObjectId":"\(try area.requireID())","start":"2026-12-01T08:30:00+08:00","announcedRestoration":"2026-12-01T12:00:00+08:00"}
        """
      let fault = try await app.api(.POST, Paths.apiOutages.link(), token: setup.handler, json: json)
      let faultBody = try Self.decode(OutageBody.self, fault)
      // Check: active at once with its actual start, two customers affected, all notified
      #expect(fault.status == .created && faultBody.state == "active" && faultBody.customersAffected == 2 && faultBody.actualStart != nil)
      #expect(faultBody.notificationRate == 1)
    }
  }

  @Test("Rule OUT-REGISTER: a restoration before the start, an unknown feeder, a bad type or time is a 422 naming the field, nothing saved")
  func badInput() async throws {
    try await withApp { app in
      // Setup: organisation with the customer file imported
      let setup = try await Self.setUp(app)
      // Act: register with the restoration before the start
      let before = try await Self.register(
        app, token: setup.handler, start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T08:00:00+08:00")
      // Check: 422 naming the announced restoration
      #expect(before.status == .unprocessableEntity && before.apiError?.field == "announcedRestoration")
      // Act: register on an unknown feeder
      let unknown = try await Self.register(
        app, token: setup.handler, feeder: "10kV不存在线", start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00")
      // Check: 422 naming the feeder
      #expect(unknown.status == .unprocessableEntity && unknown.apiError?.field == "feeder")
      // Act: register with an unknown outage type
      let type = try await Self.register(
        app, token: setup.handler, type: "storm", start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00")
      // Check: 422 naming the type
      #expect(type.status == .unprocessableEntity && type.apiError?.field == "type")
      // Act: register with an impossible start date
      let time = try await Self.register(app, token: setup.handler, start: "2026-12-32T09:00", restoration: "2026-12-09T17:00:00+08:00")
      // Check: 422 naming the start
      #expect(time.status == .unprocessableEntity && time.apiError?.field == "start")
      // OUT-SCOPE: county B's feeder is unknown to county A's handler.
      // Act: county A's handler registers on county B's feeder
      let foreign = try await Self.register(
        app, token: setup.handler, feeder: "10kV白石线", start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00")
      // Check: 422 naming the feeder
      #expect(foreign.status == .unprocessableEntity && foreign.apiError?.field == "feeder")
      // Act: county B's agent registers on its own feeder
      let agent = try await app.token("agentB")
      let refused = try await Self.register(
        app, token: agent, feeder: "10kV白石线", start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00")
      // Check: forbidden; no outage and no SMS saved at all
      #expect(refused.status == .forbidden)
      #expect(try await Outage.query(on: app.db).count() == 0)
      #expect(try await OutboxMessage.query(on: app.db).count() == 0)
    }
  }

  @Test("Rule OUT-NOTICE-LIMITS, ORG-RULE-VERSIONS: an outage is judged by the limits in force on the day it is registered")
  func limitVersions() async throws {
    try await withApp { app in
      // Setup: the customer file; today is 1 December; the admin on the notice limits page
      let setup = try await Self.setUp(app)
      let admin = PageClient(app)
      try await admin.login("admin")
      let page = try await admin.get(Paths.outageNoticeLimits.link())
      #expect(page.status == .ok && page.body.string.contains("提前 7 天") && page.body.string.contains("提前 24 小时"))
      // Act: save planned maintenance 2 days ahead from 2 December, and a broken one of 91 days
      let rules = #"{"plannedDays":2,"temporaryHours":24,"arrearsDays":7}"#
      let tooLong = try await admin.post(
        Paths.outageNoticeLimitVersions.link(),
        [("effectiveFrom", "2026-12-02"), ("rules", rules.replacingOccurrences(of: ":2,", with: ":91,"))])
      let saved = try await admin.post(Paths.outageNoticeLimitVersions.link(), [("effectiveFrom", "2026-12-02"), ("rules", rules)])
      // Check: the broken one is named, the good one stored as version 2
      #expect(tooLong.status == .unprocessableEntity && tooLong.body.string.contains("plannedDays"))
      #expect(saved.status == .seeOther)
      #expect(try await RuleVersionRecord<NoticeLimits>.query(on: app.db).count() == 2)
      // Act: register a planned outage starting 4 December, today and then on 2 December
      let today = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-04T09:00:00+08:00", restoration: "2026-12-04T17:00:00+08:00"))
      setup.clock.set(try #require(BusinessTime.parseInstant("2026-12-02T09:00:00+08:00")))
      let tomorrow = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-04T09:00:00+08:00", restoration: "2026-12-04T17:00:00+08:00"))
      // Check: 3 days ahead breaks the 7 days in force today; 2 days ahead meets the 2 days in force from tomorrow
      #expect(today.noticeBreach && today.notifiedInTime == 0)
      #expect(!tomorrow.noticeBreach && tomorrow.notifiedInTime == 3)
    }
  }

  @Test("Rule OUT-NOTICE-LIMITS: a planned outage registered 2 days ahead is a breach and nobody is notified in time")
  func breach() async throws {
    try await withApp { app in
      // Setup: organisation with the customer file imported
      let setup = try await Self.setUp(app)
      // Act: register a planned outage two days ahead
      let res = try await Self.register(
        app, token: setup.handler, start: "2026-12-03T09:00:00+08:00", restoration: "2026-12-03T17:00:00+08:00")
      let outage = try Self.decode(OutageBody.self, res)
      // Check: a notice breach, nobody notified in time
      #expect(outage.noticeBreach && outage.notifiedInTime == 0 && outage.notificationRate == 0)
      // Temporary maintenance 2 days ahead is within its 24 hours.
      // Act: register temporary maintenance for the same time
      let temporary = try Self.decode(
        OutageBody.self,
        try await Self.register(
          app, token: setup.handler, type: "temporary", start: "2026-12-03T09:00:00+08:00", restoration: "2026-12-03T17:00:00+08:00"))
      // Check: no breach, three customers notified in time
      #expect(!temporary.noticeBreach && temporary.notifiedInTime == 3)
      // Act: open the outage list as handlerA
      let client = PageClient(app)
      try await client.login("handlerA")
      let list = try await client.get(Paths.outages.link())
      // Check: the list shows the unit rates and the breach label
      #expect(list.status == .ok && list.body.string.contains("unit-rates") && list.body.string.contains("通知时限违约"))
    }
  }

  @Test(
    "Rule OUT-NOTICES: the outbox sends the notices, the gateway's receipts mark them delivered or failed, and a failure leaves the rate")
  func receipts() async throws {
    try await withApp { app in
      // Setup: customer file imported and a recording SMS gateway
      let setup = try await Self.setUp(app)
      let gateway = RecordingSMSGateway()
      app.smsGateway = gateway
      // Act: register a planned outage and run the outbox delivery job
      let outage = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00"))
      _ = try await OutboxDeliveryJob().deliver(app, now: app.clock.now())
      // Check: three notices sent through the gateway
      #expect(gateway.sent.count == 3)
      // Act: post receipts (A001 delivered, A002 failed) as the handler
      let rows = try await OutageCustomer.query(on: app.db).sort(\.$account).all()
      let a001 = try #require(rows[0].noticeMessageID)
      let a002 = try #require(rows[1].noticeMessageID)
      let json = """
        {"receipts":[{"messageId":"\(a001)","status":"delivered"},{"messageId":"\(a002)","status":"failed","detail":"空号"}]}
        """
      // Check: the handler may not post receipts
      #expect(try await app.api(.POST, Paths.apiSMSReceipts.link(), token: setup.handler, json: json).status == .forbidden)
      // Act: post a batch with one unknown message id as admin
      let unknown = #"{"receipts":[{"messageId":"\#(a001)","status":"delivered"},{"messageId":"\#(UUID())","status":"delivered"}]}"#
      let refused = try await app.api(.POST, Paths.apiSMSReceipts.link(), token: setup.admin, json: unknown)
      // Check: 422 naming the unknown entry; A001's notice is still only sent
      #expect(refused.status == .unprocessableEntity && refused.apiError?.field == "receipts[1].messageId")
      #expect(try await OutboxMessage.find(a001, on: app.db)?.status == .sent)
      // Act: post the two receipts as admin
      let ok = try await app.api(.POST, Paths.apiSMSReceipts.link(), token: setup.admin, json: json)
      // Check: customers show delivered, failed, no phone and sent; the rate drops to one half
      #expect(ok.status == .ok, "\(ok.body.string)")
      let customers = try await app.api(.GET, Paths.apiOutageCustomers.link(outage.id), token: setup.handler)
      let text = customers.body.string
      #expect(text.contains(#""noticeStatus":"delivered""#) && text.contains(#""noticeStatus":"failed""#))
      #expect(text.contains(#""noticeStatus":"no_phone""#) && text.contains(#""noticeStatus":"sent""#))
      let after = try Self.decode(OutageBody.self, try await app.api(.GET, Paths.apiOutage.link(outage.id), token: setup.handler))
      #expect(after.notifiedInTime == 2 && after.notificationRate == 0.5)
      // Act: filter the customer page by failed notices, then by an unknown status
      let client = PageClient(app)
      try await client.login("handlerA")
      let failed = try await client.get(Paths.outageCustomers.link() + "?outageId=\(outage.id)&notice=failed")
      // Check: only the failed customer A002 is listed; the unknown status is 422
      #expect(failed.status == .ok && failed.body.string.contains("李四") && !failed.body.string.contains("张三"))
      #expect(try await client.get(Paths.outageCustomers.link() + "?outageId=\(outage.id)&notice=nope").status == .unprocessableEntity)
    }
  }

  @Test(
    "Rule OUT-STATES, OUT-STEP-RESTORE, OUT-INTERRUPTIONS: start, one transformer area back early, then everyone; a stale version is 409")
  func restoration() async throws {
    try await withApp { app in
      // Setup: customer file imported and a planned outage from 10:00 to 16:00
      let setup = try await Self.setUp(app)
      let outage = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-01T10:00:00+08:00", restoration: "2026-12-01T16:00:00+08:00"))
      let path = Paths.apiOutageActions.link(outage.id)
      // Act: restore before the outage has started
      let early = try await app.api(
        .POST, path, token: setup.handler, json: #"{"action":"restore","version":1,"at":"2026-12-01T11:00:00+08:00"}"#)
      // Check: 409 conflict
      #expect(early.status == .conflict)
      // Act: start the outage at 10:05
      let started = try await app.api(
        .POST, path, token: setup.handler, json: #"{"action":"start","version":1,"at":"2026-12-01T10:05:00+08:00"}"#)
      // Check: accepted
      #expect(started.status == .ok, "\(started.body.string)")
      // Act: restore with the stale version 1
      let stale = try await app.api(.POST, path, token: setup.handler, json: #"{"action":"restore","version":1}"#)
      // Check: 409 naming the stale version
      #expect(stale.status == .conflict && stale.apiError?.code == "stale_version")
      // Act: step-restore transformer area 1 at 10:00, before the start
      let area = try #require(try await GridObject.query(on: app.db).filter(\.$code == "城关1号台区").first())
      let beforeStart = try await app.api(
        .POST, path, token: setup.handler,
        json: #"{"action":"step_restore","version":2,"gridObjectId":"\#(try area.requireID())","at":"2026-12-01T10:00:00+08:00"}"#)
      // Check: 422 naming the time
      #expect(beforeStart.status == .unprocessableEntity && beforeStart.apiError?.field == "at")
      // Act: step-restore the area at 12:05
      let step = try await app.api(
        .POST, path, token: setup.handler,
        json: #"{"action":"step_restore","version":2,"gridObjectId":"\#(try area.requireID())","at":"2026-12-01T12:05:00+08:00"}"#)
      // Check: accepted
      #expect(step.status == .ok, "\(step.body.string)")
      // Act: restore everyone at 14:05
      let restored = try await app.api(
        .POST, path, token: setup.handler, json: #"{"action":"restore","version":3,"at":"2026-12-01T14:05:00+08:00"}"#)
      let body = try Self.decode(OutageBody.self, restored)
      // Check: restored at version 4; two planned interruptions of 120 and 240 minutes, two customers each
      #expect(body.state == "restored" && body.version == 4 && body.restored != nil)
      #expect(try await OutageRestorationStep.query(on: app.db).first()?.customers == 2)
      let interruptions = try await OutageRecords.interruptions(
        unitIDs: [try setup.org.stationA.requireID()], from: try #require(BusinessTime.parseInstant("2026-12-01T00:00:00+08:00")),
        to: try #require(BusinessTime.parseInstant("2026-12-02T00:00:00+08:00")), on: app.db)
      #expect(interruptions.map(\.customers) == [2, 2])
      #expect(interruptions.map(\.minutes) == [120, 240])
      #expect(interruptions.allSatisfy { $0.type == .planned })
      // Act: open the outage page as handlerA
      let page = PageClient(app)
      try await page.login("handlerA")
      let shown = try await page.get(Paths.outage.link(outage.id))
      // Check: the page names the area and shows the steps table
      #expect(shown.status == .ok && shown.body.string.contains("城关1号台区") && shown.body.string.contains("id=\"steps\""))
    }
  }

  @Test("Rule REL-SOURCES: an outage both registered and imported with a history file counts once, as registered")
  func registeredAndImported() async throws {
    try await withApp { app in
      // Setup: a planned outage of station A from 10:05 to 14:05, restored in the register
      let setup = try await Self.setUp(app)
      let outage = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-01T10:00:00+08:00", restoration: "2026-12-01T16:00:00+08:00"))
      let path = Paths.apiOutageActions.link(outage.id)
      for (version, action, at) in [(1, "start", "10:05:00"), (2, "restore", "14:05:00")] {
        let res = try await app.api(
          .POST, path, token: setup.handler, json: #"{"action":"\#(action)","version":\#(version),"at":"2026-12-01T\#(at)+08:00"}"#)
        #expect(res.status == .ok, "\(res.body.string)")
      }
      // Act: import a history file telling the same outage (seconds apart), a fault in the same minutes, and the same outage again
      let history = """
        id,unitCode,type,cause,start,end,customersAffected
        H1,A-S1,planned,计划检修,2026-12-01T10:05:30+08:00,2026-12-01T14:05:20+08:00,4
        H2,A-S1,fault,线路故障,2026-12-01T10:05:00+08:00,2026-12-01T14:05:00+08:00,4
        H3,A-S1,planned,计划检修,2026-12-01T10:05:00+08:00,2026-12-01T14:05:00+08:00,4
        """
      let imported = try await app.postCSV(Paths.apiOutagesImport.link(), Data(history.utf8), token: setup.admin)
      #expect(imported.status == .ok, "\(imported.body.string)")
      let records = try await app.interruptionSources.interruptions(
        units: [try setup.org.stationA.requireID()], from: try #require(BusinessTime.parseInstant("2026-12-01T00:00:00+08:00")),
        to: try #require(BusinessTime.parseInstant("2026-12-02T00:00:00+08:00")), on: app.db)
      // Check: the register's outage and the fault count; H1 and H3 are the registered outage told again
      #expect(records.map(\.externalID) == [nil, "H2"])
      #expect(records.map(\.interruption.type) == [.planned, .fault])
      #expect(records.map(\.interruption.minutes) == [240, 240])
    }
  }

  @Test("Rule OUT-FOLLOW-UP: a later restoration sends a follow-up to the customers still off; an earlier one is refused")
  func delay() async throws {
    try await withApp { app in
      // Setup: customer file imported and a planned outage until 17:00
      let setup = try await Self.setUp(app)
      let outage = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00"))
      let path = Paths.apiOutageActions.link(outage.id)
      // Act: delay the restoration to an earlier 16:00
      let earlier = try await app.api(
        .POST, path, token: setup.handler,
        json: #"{"action":"delay","version":1,"announcedRestoration":"2026-12-09T16:00:00+08:00"}"#)
      // Check: 422 naming the announced restoration
      #expect(earlier.status == .unprocessableEntity && earlier.apiError?.field == "announcedRestoration")
      // Act: delay the restoration to 20:00
      let later = try await app.api(
        .POST, path, token: setup.handler,
        json: #"{"action":"delay","version":1,"announcedRestoration":"2026-12-09T20:00:00+08:00"}"#)
      // Check: accepted; three follow-up SMS with the new time, linked to their customers
      #expect(later.status == .ok, "\(later.body.string)")
      let followUps = try await OutboxMessage.query(on: app.db).all().filter { $0.body.contains("推迟至") }
      #expect(followUps.count == 3 && followUps.allSatisfy { $0.body.contains("12-09 20:00") })
      #expect(try await OutageCustomer.query(on: app.db).filter(\.$followupMessageID != nil).count() == 3)
      // Act: cancel the outage with a reason
      let cancel = try await app.api(.POST, path, token: setup.handler, json: #"{"action":"cancel","version":2,"reason":"天气原因"}"#)
      // Check: the outage is cancelled
      #expect(try Self.decode(OutageBody.self, cancel).state == "cancelled")
    }
  }

  @Test("Rule OUT-SCOPE: another county's people neither list nor open the outage")
  func scope() async throws {
    try await withApp { app in
      // Setup: customer file imported and a planned outage in county A
      let setup = try await Self.setUp(app)
      let outage = try Self.decode(
        OutageBody.self,
        try await Self.register(app, token: setup.handler, start: "2026-12-09T09:00:00+08:00", restoration: "2026-12-09T17:00:00+08:00"))
      // Act: county B's agent lists the outages and opens this one
      let agent = try await app.token("agentB")
      let list = try await app.api(.GET, Paths.apiOutages.link(), token: agent)
      // Check: not listed; the outage and its customers are forbidden
      #expect(list.status == .ok && !list.body.string.contains(outage.id.uuidString))
      #expect(try await app.api(.GET, Paths.apiOutage.link(outage.id), token: agent).status == .forbidden)
      #expect(try await app.api(.GET, Paths.apiOutageCustomers.link(outage.id), token: agent).status == .forbidden)
      // Act: county A's handler lists announced outages, then an unknown state
      let own = try await app.api(.GET, Paths.apiOutages.link() + "?state=announced", token: setup.handler)
      // Check: the own outage is listed; the unknown state is 422
      #expect(own.body.string.contains(outage.id.uuidString))
      #expect(try await app.api(.GET, Paths.apiOutages.link() + "?state=storm", token: setup.handler).status == .unprocessableEntity)
    }
  }

  @Test(
    "Rule OUT-REGISTER, OUT-ANNOUNCEMENT: registering on the page as a person would, errors beside their fields, then the announcement list"
  )
  func pages() async throws {
    try await withApp { app in
      // Setup: customer file imported, handlerA signed in
      _ = try await Self.setUp(app)
      let client = PageClient(app)
      try await client.login("handlerA")
      // Act: open the registration form
      let form = try await client.get(Paths.outageNew.link())
      // Check: the feeder is offered
      #expect(form.status == .ok && form.body.string.contains("10kV城关线"))
      // Act: post the form with the restoration before the start
      let feeder = try #require(try await GridObject.query(on: app.db).filter(\.$code == "10kV城关线").first())
      let bad = try await client.post(
        Paths.outageNew.link(),
        [
          ("type", "planned"), ("cause", "检修"), ("gridObjectId", try feeder.requireID().uuidString), ("start", "2026-12-09T09:00"),
          ("announcedRestoration", "2026-12-09T08:00"),
        ])
      // Check: 422 with the error beside the announced restoration
      #expect(bad.status == .unprocessableEntity && bad.body.string.contains("error-announcedRestoration"))
      // Act: post a valid planned outage
      let good = try await client.post(
        Paths.outageNew.link(),
        [
          ("type", "planned"), ("cause", "检修"), ("gridObjectId", try feeder.requireID().uuidString), ("start", "2026-12-09T09:00"),
          ("announcedRestoration", "2026-12-09T17:00"),
        ])
      // Check: redirected to its page, which lists the hospital and the phone tasks
      #expect(good.status == .seeOther)
      let location = try #require(good.headers.first(name: .location))
      let show = try await client.get(location)
      #expect(show.status == .ok && show.body.string.contains("县人民医院") && show.body.string.contains("phone-task-list"))
      // Act: open the announcement list
      let announcements = try await client.get(Paths.outageAnnouncements.link())
      // Check: both transformer areas are named
      #expect(announcements.status == .ok && announcements.body.string.contains("城关1号台区、城关2号台区"))
      // Act: mark the hospital as called
      let outage = try #require(try await Outage.query(on: app.db).first())
      let hospital = try #require(try await OutageCustomer.query(on: app.db).filter(\.$account == "A004").first())
      let call = try await client.post(Paths.outageCall.link(try outage.requireID()), [("customerId", try hospital.requireID().uuidString)])
      // Check: its call time is recorded
      #expect(call.status == .seeOther)
      #expect(try await OutageCustomer.find(try hospital.requireID(), on: app.db)?.calledAt != nil)
      // Act: cancel without a reason
      let cancel = try await client.post(
        Paths.outageAction.link(try outage.requireID()), [("action", "cancel"), ("version", "1"), ("reason", "")])
      // Check: refused with 422
      #expect(cancel.status == .unprocessableEntity)
    }
  }

  @Test("Rule OUT-GROUPED-CALLS: a fault repair from a customer under an active outage is told its restoration and attached as its child")
  func groupedCalls() async throws {
    try await withApp { app in
      // Setup: customer file, agentC in the city and a fault on transformer area 1 until 12:30
      let setup = try await Self.setUp(app)
      try await setup.org.user(app, "agentC", [.agent], setup.org.city)
      let outage = try await Self.areaFault(app, setup)
      // Act: agentC looks up the contacts of A001 and A003
      let agent = PageClient(app)
      try await agent.login("agentC")
      let hint = try await agent.get(Paths.workOrderContacts.link() + "?account=A001")
      // Check: A001 is told the restoration time with a link to the outage; A003 is not
      #expect(
        hint.status == .ok && hint.body.string.contains("已知停电，预计 12:30 恢复") && hint.body.string.contains(Paths.outage.link(outage.id)))
      #expect(!(try await agent.get(Paths.workOrderContacts.link() + "?account=A003").body.string.contains("已知停电")))
      // Act: agentC files a fault repair for A001
      let token = try await app.token("agentC")
      let order = #"""
        {"type":"faultRepair","channel":"phone95598","area":"urban","unitId":"\#(try setup.org.countyA.requireID())",
         "customer":{"account":"A001","name":"张三","phone":"13800000001","address":"城关镇"},"content":"家里停电了"}
        """#
      let created = try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: order)
      // Check: created and attached as the outage's only child
      #expect(created.status == .created, "\(created.body.string)")
      let children = try await OutageRepairOrder.query(on: app.db).all()
      #expect(children.count == 1 && children.first?.outageID == outage.id)
      // Another customer's call, not under the outage, stays on its own.
      // Act: file the same call for A003, outside the outage
      let other = order.replacingOccurrences(of: "A001", with: "A003")
      // Check: created but not attached
      #expect(try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: other).status == .created)
      #expect(try await OutageRepairOrder.query(on: app.db).count() == 1)
      // Act: open the outage page as handlerA
      let page = PageClient(app)
      try await page.login("handlerA")
      let shown = try await page.get(Paths.outage.link(outage.id))
      // Check: it lists the grouped repair order
      #expect(shown.body.string.contains("repair-orders") && shown.body.string.contains(children.first?.number ?? "?"))
    }
  }

  @Test("Rule OUT-RESTORE-CHILDREN: restoring the outage moves its grouped repair calls to their return visits; other orders stay")
  func restorationMovesGroupedCalls() async throws {
    try await withApp { app in
      // Setup: a transformer-area fault, a repair call grouped under it and one that is not.
      let setup = try await Self.setUp(app)
      try await setup.org.user(app, "agentC", [.agent], setup.org.city)
      let outage = try await Self.areaFault(app, setup)
      let token = try await app.token("agentC")
      let call = #"""
        {"type":"faultRepair","channel":"phone95598","area":"urban","unitId":"\#(try setup.org.countyA.requireID())",
         "customer":{"account":"A001","name":"张三","phone":"13800000001","address":"城关镇"},"content":"家里停电了"}
        """#
      let grouped = try Self.decode(OrderBody.self, try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: call))
      let alone = try Self.decode(
        OrderBody.self,
        try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: call.replacingOccurrences(of: "A001", with: "A003")))
      let groupedBefore = try #require(try await WorkOrder.find(grouped.id, on: app.db)).state
      #expect(groupedBefore != .pendingReturnVisit)

      // Act: the handler restores the outage at 11:00.
      let restored = try await app.api(
        .POST, Paths.apiOutageActions.link(outage.id), token: setup.handler,
        json: #"{"action":"restore","version":\#(outage.version),"at":"2026-12-01T11:00:00+08:00"}"#)
      #expect(restored.status == .ok, "\(restored.body.string)")

      // Check: the grouped call waits for its return visit, its timeline names the outage; the other is as it was.
      let child = try #require(try await WorkOrder.find(grouped.id, on: app.db))
      #expect(child.state == .pendingReturnVisit)
      let other = try #require(try await WorkOrder.find(alone.id, on: app.db))
      #expect(other.state == groupedBefore)
      let page = PageClient(app)
      try await page.login("handlerA")
      let shown = try await page.get(Paths.outage.link(outage.id))
      #expect(shown.body.string.contains(grouped.number) && shown.body.string.contains("待回访"), "\(shown.body.string.prefix(3000))")
      let agent = PageClient(app)
      try await agent.login("agentC")
      let timeline = try await agent.get(Paths.workOrder.link(grouped.id))
      #expect(timeline.body.string.contains("随停电恢复送电") && timeline.body.string.contains("台区变压器故障"))
    }
  }

  @Test(
    "Rule OUT-DELAY-CHILDREN, OUT-GROUPED-CALLS: a call from an exchange file is grouped too; a delay is noted on every call still waiting"
  )
  func delayNotesGroupedCalls() async throws {
    try await withApp { app in
      // Setup: a transformer-area fault until 12:30, agentC's repair call for A001 through the API
      let setup = try await Self.setUp(app)
      try await setup.org.user(app, "agentC", [.agent], setup.org.city)
      let outage = try await Self.areaFault(app, setup)
      let token = try await app.token("agentC")
      let call = #"""
        {"type":"faultRepair","channel":"phone95598","area":"urban","unitId":"\#(try setup.org.countyA.requireID())",\#
        "customer":{"account":"A001","name":"张三","phone":"13800000001","address":"城关镇"},"content":"家里停电了"}
        """#
      let grouped = try Self.decode(OrderBody.self, try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: call))
      // Act: import an exchange file with a repair call for A002 (under the outage) and one for A003 (not)
      let file = [call.replacingOccurrences(of: "A001", with: "A002"), call.replacingOccurrences(of: "A001", with: "A003")]
        .joined(separator: "\n")
      let imported = try await app.api(.POST, Paths.apiWorkOrdersImport.link(), token: token, json: file)
      // Check: both created; the A002 call is the outage's second child, the A003 call stands alone
      #expect(imported.status == .created, "\(imported.body.string)")
      let children = try await OutageRepairOrder.query(on: app.db).filter(\.$outageID == outage.id).all()
      #expect(children.count == 2)
      let fromFile = try await WorkOrder.query(on: app.db).filter(\.$number != grouped.number).sort(\.$number).all()
      #expect(fromFile.count == 2)
      let childIDs = Set(children.map(\.workOrderID))
      #expect(fromFile.filter { childIDs.contains($0.id ?? UUID()) }.count == 1)

      // Act: the handler delays the restoration to 14:00
      let delayed = try await app.api(
        .POST, Paths.apiOutageActions.link(outage.id), token: setup.handler,
        json: #"{"action":"delay","version":\#(outage.version),"announcedRestoration":"2026-12-01T14:00:00+08:00"}"#)
      #expect(delayed.status == .ok, "\(delayed.body.string)")
      // Check: each grouped call carries a note with the new time under the handler's name; the lone call has none
      let notes = try await WorkOrderNote.query(on: app.db).all()
      #expect(Set(notes.map(\.$order.id)) == childIDs)
      #expect(notes.allSatisfy { $0.text.contains("推迟至 2026-12-01 14:00") && $0.text.contains("城关1号台区 台区变压器故障") }, "\(notes.map(\.text))")
      // Check: the order page shows the note to the agent
      let agent = PageClient(app)
      try await agent.login("agentC")
      let page = try await agent.get(Paths.workOrder.link(grouped.id))
      #expect(page.body.string.contains("推迟至 2026-12-01 14:00"))
    }
  }

  @Test(
    "Rule OUT-MERGE-CALLS: an agent groups repair calls under a new fault outage through the form; a wrong order is named and nothing is saved"
  )
  func mergeCallsIntoFaultOutage() async throws {
    try await withApp { app in
      // Setup: two repair calls and a complaint taken by agentC, not under any outage.
      let setup = try await Self.setUp(app)
      try await setup.org.user(app, "agentC", [.agent], setup.org.city)
      let token = try await app.token("agentC")
      let unit = try setup.org.countyA.requireID()
      func call(_ account: String, type: String = "faultRepair") async throws -> OrderBody {
        let complaint =
          type == "complaint"
          ? #","complaint":{"category":"conduct","item":"conduct.attitude","attitude":"agitated","severity":"general"}"# : ""
        let json = #"""
          {"type":"\#(type)","channel":"phone95598","area":"urban","unitId":"\#(unit)",
           "customer":{"account":"\#(account)","name":"王五","phone":"13800000003","address":"城关镇"},"content":"整片停电"\#(complaint)}
          """#
        return try Self.decode(OrderBody.self, try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: json))
      }
      let first = try await call("A003")
      let second = try await call("A004")
      let complaint = try await call("A002", type: "complaint")
      let feeder = try #require(try await GridObject.query(on: app.db).filter(\.$code == "10kV城关线").first()).requireID()
      let agent = PageClient(app)
      try await agent.login("agentC")
      func register(_ orders: String) async throws -> PageResponse {
        try await agent.post(
          Paths.outageNew.link(),
          [
            ("type", "fault"), ("cause", "10kV城关线故障跳闸"), ("gridObjectId", feeder.uuidString), ("start", "2026-12-01T08:40"),
            ("announcedRestoration", "2026-12-01T12:00"), ("repairOrders", orders),
          ])
      }
      // Act: open the registration form with ?orders= two numbers
      // Check: the order's page offers the numbers prefilled.
      let prefilled = try await agent.get(Paths.outageNew.link() + "?orders=\(first.number),\(second.number)")
      #expect(prefilled.status == .ok && prefilled.body.string.contains("\(first.number)\n\(second.number)"))

      // Act: a complaint and an unknown number among the calls.
      let bad = try await register("\(first.number), \(complaint.number)\nGD-NOPE")
      // Check: refused on the field, naming each wrong order; no outage, nothing grouped.
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("error-repairOrders") && bad.body.string.contains("GD-NOPE"))
      #expect(try await Outage.query(on: app.db).count() == 0)
      #expect(try await OutageRepairOrder.query(on: app.db).count() == 0)
      let none = try await register("")
      #expect(none.status == .unprocessableEntity && none.body.string.contains("error-repairOrders"))

      // Act: the two repair calls.
      let good = try await register("\(first.number) \(second.number)")
      // Check: one fault outage with both calls as its children; a second grouping of them is refused.
      #expect(good.status == .seeOther, "\(good.body.string.prefix(2000))")
      let outage = try #require(try await Outage.query(on: app.db).first())
      #expect(outage.type == .fault)
      let children = try await OutageRepairOrder.query(on: app.db).all()
      #expect(Set(children.map(\.workOrderID)) == [first.id, second.id] && children.allSatisfy { $0.outageID == outage.id })
      let again = try await app.api(
        .POST, Paths.apiOutages.link(), token: setup.handler,
        json: """
          {"type":"fault","cause":"再次","gridObjectId":"\(feeder)","start":"2026-12-01T08:45:00+08:00","announcedRestoration":"2026-12-01T12:00:00+08:00","repairOrders":["\(first.number)"]}
          """)
      #expect(again.status == .unprocessableEntity && again.apiError?.field == "repairOrders", "\(again.body.string)")
      #expect(try await Outage.query(on: app.db).count() == 1)
    }
  }

  @Test(
    "Rule OUT-ADJUST-CUSTOMERS: a keeper adds a customer the outage also reaches (noticed at once) and removes one it does not; wrong accounts are named"
  )
  func adjustAffectedCustomers() async throws {
    try await withApp { app in
      // Setup: a planned outage on 城关1号台区 (A001, A002), registered ten days ahead
      let setup = try await Self.setUp(app)
      let area = try #require(try await GridObject.query(on: app.db).filter(\.$code == "城关1号台区").first())
      let json = """
        {"type":"planned","cause":"台区改造","gridObjectId":"\(try area.requireID())","start":"2026-12-11T09:00:00+08:00","announcedRestoration":"2026-12-11T17:00:00+08:00"}
        """
      let outage = try Self.decode(OutageBody.self, try await app.api(.POST, Paths.apiOutages.link(), token: setup.handler, json: json))
      #expect(outage.customersAffected == 2)
      let path = Paths.apiOutageAffected.link(outage.id)
      let smsBefore = try await OutboxMessage.query(on: app.db).count()

      // Act: add the hospital A004 of the neighbouring area
      let added = try await app.api(
        .POST, path, token: setup.handler, json: #"{"adjustment":"add","account":"A004","version":\#(outage.version)}"#)
      // Check: counted, listed, and its SMS queued in the same move
      #expect(added.status == .ok, "\(added.body.string)")
      let afterAdd = try Self.decode(OutageBody.self, added)
      #expect(afterAdd.customersAffected == 3 && afterAdd.version == outage.version + 1)
      let accounts = try await OutageCustomer.query(on: app.db).filter(\.$outageID == outage.id).all().map(\.account).sorted()
      #expect(accounts == ["A001", "A002", "A004"])
      #expect(try await OutboxMessage.query(on: app.db).count() == smsBefore + 1)

      // Act: wrong requests, each with the current version
      let version = afterAdd.version
      func adjust(_ body: String) async throws -> TestingHTTPResponse {
        try await app.api(.POST, path, token: setup.handler, json: body)
      }
      let twice = try await adjust(#"{"adjustment":"add","account":"A004","version":\#(version)}"#)
      let foreign = try await adjust(#"{"adjustment":"add","account":"B001","version":\#(version)}"#)
      let unknown = try await adjust(#"{"adjustment":"remove","account":"A003","version":\#(version)}"#)
      let stale = try await adjust(#"{"adjustment":"remove","account":"A001","version":\#(outage.version)}"#)
      // Check: each names the account, a stale version is a conflict, nothing changed
      for res in [twice, foreign, unknown] {
        #expect(res.status == .unprocessableEntity && res.apiError?.field == "account", "\(res.body.string)")
      }
      #expect(stale.status == .conflict)
      #expect(try await OutageCustomer.query(on: app.db).filter(\.$outageID == outage.id).count() == 3)

      // Act: remove A001 through the page form
      let page = PageClient(app)
      try await page.login("handlerA")
      let shown = try await page.get(Paths.outage.link(outage.id))
      #expect(shown.body.string.contains("id=\"adjust-customers\""))
      let removed = try await page.post(
        Paths.outageAffected.link(outage.id), [("adjustment", "remove"), ("account", "A001"), ("version", "\(version)")])
      // Check: redirected; no longer affected or counted
      #expect(removed.status == .seeOther, "\(removed.body.string.prefix(1000))")
      let stored = try #require(try await Outage.find(outage.id, on: app.db))
      #expect(stored.customersAffected == 2)
      let left = try await OutageCustomer.query(on: app.db).filter(\.$outageID == outage.id).all().map(\.account).sorted()
      #expect(left == ["A002", "A004"])
      // Act: an unknown account through the form
      let refused = try await page.post(
        Paths.outageAffected.link(outage.id), [("adjustment", "add"), ("account", "X999"), ("version", "\(version + 1)")])
      // Check: the page again with the reason
      #expect(refused.status == .unprocessableEntity && refused.body.string.contains("客户资料中没有这个户号"))
    }
  }
}
