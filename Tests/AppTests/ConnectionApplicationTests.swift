import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Connection applications")
struct ConnectionApplicationTests {
  static func at(_ text: String) throws -> Date { try #require(BusinessTime.parseInstant(text)) }

  @Test(
    "Rule COM-APPLICATION, COM-ACCEPTANCE-LEVEL, COM-PAUSE, COM-ON-TIME: accepted through the form, stages and a wait recorded, judged on time"
  )
  func throughTheForms() async throws {
    try await withApp { app in
      // Setup: Monday 2 March 2026, 09:00; handlerA of county A on the intake form
      let clock = FixedClock(try Self.at("2026-03-02T09:00:00+08:00"))
      app.clock = clock
      let org = try await Org.make(app)
      let station = try org.stationA.requireID().uuidString
      let handler = PageClient(app)
      try await handler.login("handlerA")
      #expect(try await handler.get(Paths.connectionApplicationNew.link()).status == .ok)
      func apply(_ fields: [String: String]) async throws -> PageResponse {
        var form = [
          "kind": "newConnection", "customerAccount": "3301000123", "customerName": "王小明", "customerPhone": "13800001111",
          "connectionClass": "residential", "voltage": "220V", "capacityKw": "8", "unitId": station,
        ]
        for (key, value) in fields { form[key] = value }
        return try await handler.post(Paths.connectionApplicationNew.link(), form.sorted { $0.key < $1.key })
      }
      // Act: a capacity of zero, a residential customer on 10 kV, a capacity that is not a number
      let zero = try await apply(["capacityKw": "0"])
      let highVoltage = try await apply(["voltage": "10kV"])
      let text = try await apply(["capacityKw": "八千瓦"])
      // Check: each refused beside its field, what was typed kept, nothing stored
      #expect(zero.status == .unprocessableEntity && zero.body.string.contains("error-capacityKw") && zero.body.string.contains("王小明"))
      #expect(highVoltage.status == .unprocessableEntity && highVoltage.body.string.contains("error-voltage"))
      #expect(text.status == .unprocessableEntity && text.body.string.contains("error-capacityKw"))
      #expect(try await ConnectionApplication.query(on: app.db).count() == 0)
      // Act: the residential 8 kW application, and a 60 kW low-voltage shop
      let created = try await apply([:])
      let shop = try await apply([
        "customerAccount": "3301000999", "connectionClass": "lowVoltageNonResidential", "voltage": "380V", "capacityKw": "60",
      ])
      // Check: stored with numbers of the day; the station accepts 8 kW, the customer centre 60 kW; version 2 judges them
      #expect(created.status == .seeOther && shop.status == .seeOther)
      let applications = try await ConnectionApplication.query(on: app.db).sort(\.$number).all()
      #expect(applications.map(\.number) == ["YK20260302-0001", "YK20260302-0002"])
      #expect(applications.map(\.acceptanceLevel) == [.supplyStation, .customerCentre])
      #expect(applications.allSatisfy { $0.ruleVersion == 2 })
      let path = try #require(created.headers.first(name: .location))
      let first = try #require(applications.first).requireID()
      // Check: the page shows the whole-process clock, due at 24:00 of Mon 9 March
      let page = try await handler.get(path)
      #expect(page.body.string.contains("业扩全流程（居民）") && page.body.string.contains("2026-03-10 00:00"))

      // Act: on Tue 3 March at 12:00, energising finished before it started; a survey before the acceptance
      clock.set(try Self.at("2026-03-03T12:00:00+08:00"))
      _ = try await handler.get(path)
      let backwards = try await handler.post(
        Paths.connectionApplicationStage.link(first),
        [("stage", "energising"), ("startedAt", "2026-03-03T10:00"), ("finishedAt", "2026-03-03T09:00"), ("version", "1")])
      let early = try await handler.post(
        Paths.connectionApplicationStage.link(first), [("stage", "siteSurvey"), ("startedAt", "2026-03-02T08:00"), ("version", "1")])
      // Check: named on their fields
      #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("error-finishedAt"))
      #expect(early.status == .unprocessableEntity && early.body.string.contains("error-startedAt"))
      // Act: the customer's site is not ready from Tue 12:00 to Thu 12:00
      let waitStarts = try await handler.post(Paths.connectionApplicationWait.link(first), [("reason", "客户表箱未安装"), ("version", "1")])
      clock.set(try Self.at("2026-03-05T12:00:00+08:00"))
      let waitEnds = try await handler.post(Paths.connectionApplicationWait.link(first), [("version", "2")])
      let stale = try await handler.post(Paths.connectionApplicationWait.link(first), [("reason", "再次等待"), ("version", "2")])
      // Check: both recorded, the stale one refused; the deadline moved two working days
      #expect(waitStarts.status == .seeOther && waitEnds.status == .seeOther && stale.status == .conflict)
      #expect(try await handler.get(path).body.string.contains("2026-03-12 00:00"))
      // Act: energised on Wed 11 March at 15:00
      clock.set(try Self.at("2026-03-11T16:00:00+08:00"))
      _ = try await handler.get(path)
      let energised = try await handler.post(
        Paths.connectionApplicationStage.link(first),
        [("stage", "energising"), ("startedAt", "2026-03-11T09:00"), ("finishedAt", "2026-03-11T15:00"), ("version", "3")])
      // Check: on time thanks to the wait; the list shows it done on time and the shop still under way
      #expect(energised.status == .seeOther, "\(energised.body.string.suffix(2000))")
      let shown = try await handler.get(path).body.string
      #expect(shown.contains("按时完成") && shown.contains("客户表箱未安装"))
      // Check: the customer heard by SMS of the acceptance and of the energising, nothing else (COM-SMS)
      let texts = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "13800001111").all().map(\.body)
      let sms = texts.filter { $0.contains("YK20260302-0001") }
      #expect(texts.count == 3 && sms.count == 2, "\(texts)")
      #expect(sms.contains { $0.contains("业务受理") } && sms.contains { $0.contains("装表接电") })
      let list = try await handler.get(Paths.connectionApplications.link()).body.string
      #expect(list.contains("YK20260302-0001") && list.contains("按时完成") && list.contains("客户服务中心受理"))
      // Check: county B's agent cannot open it
      let other = PageClient(app)
      try await other.login("agentB")
      #expect(try await other.get(path).status == .notFound)
      #expect(!(try await other.get(Paths.connectionApplications.link()).body.string.contains("YK20260302-0001")))
    }
  }

  @Test("Rule COM-APPLICATION, COM-CLOCKS: an application whose clock ran past its deadline is late in the list, with how late")
  func lateInTheList() async throws {
    try await withApp { app in
      // Setup: a residential application accepted Mon 2 March, nothing further recorded
      let clock = FixedClock(try Self.at("2026-03-02T09:00:00+08:00"))
      app.clock = clock
      let org = try await Org.make(app)
      let handlerUser = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first())
      let actor = try #require(try await ActorLoader.load(userID: handlerUser.requireID(), on: app.db))
      let input = ConnectionApplications.Input(
        kind: "newConnection", customerAccount: "3301000555", customerName: "李四", customerPhone: nil, connectionClass: "residential",
        voltage: "380V", capacityKw: "12", unitID: try org.stationA.requireID().uuidString, acceptedAt: nil)
      let application = try await ConnectionApplications.create(input, actor: actor, localizer: app.localizer, on: app.db, now: clock.now())
      // Act: read the list on Wed 11 March at 06:00
      clock.set(try Self.at("2026-03-11T06:00:00+08:00"))
      let handler = PageClient(app)
      try await handler.login("handlerA")
      let list = try await handler.get(Paths.connectionApplications.link()).body.string
      let page = try await handler.get(Paths.connectionApplication.link(try application.requireID())).body.string
      // Check: late in the list; the clock is overdue by 1 day 6 hours
      #expect(list.contains("已超时限"))
      #expect(page.contains("已超时未完成") && page.contains("1 天 6 小时"))
    }
  }

  struct ApplicationBody: Decodable {
    struct Clock: Decodable {
      let rule: String
      let state: String
      let lateSeconds: Double
    }
    let id: UUID
    let number: String
    let version: Int
    let acceptanceLevel: String
    let onTime: Bool
    let clocks: [Clock]
  }

  struct BreachBody: Decodable {
    let rule: String
    let recordId: UUID
    let lateSeconds: Double
    let doneAt: Date?
  }

  @Test("Rule COM-APPLICATION, COM-BREACHES: the API accepts an application, records its stages at the version read and lists its breach")
  func throughTheAPI() async throws {
    try await withApp { app in
      // Setup: Monday 2 March 2026, 09:00; handlerA's token
      let clock = FixedClock(try Self.at("2026-03-02T09:00:00+08:00"))
      app.clock = clock
      let org = try await Org.make(app)
      let token = try await app.token("handlerA")
      let station = try org.stationA.requireID()
      func body(_ capacity: String) -> String {
        #"{"kind":"newConnection","customerAccount":"3301000777","customerName":"赵六","connectionClass":"lowVoltageNonResidential","voltage":"380V","capacityKw":\#(capacity),"unitId":"\#(station)"}"#
      }
      // Act: a negative capacity, then 75 kW
      let negative = try await app.api(.POST, Paths.apiConnectionApplications.link(), token: token, json: body("-5"))
      let created = try await app.api(.POST, Paths.apiConnectionApplications.link(), token: token, json: body("75"))
      // Check: the first refused on capacityKw; the second accepted by the customer centre with its 6-day clock
      #expect(negative.status == .unprocessableEntity && negative.apiError?.field == "capacityKw")
      #expect(created.status == .created, "\(created.body.string)")
      let application = try created.content.decode(ApplicationBody.self)
      #expect(application.acceptanceLevel == "customerCentre" && application.clocks.map(\.rule) == ["connection.lowVoltage"])
      // Act: on Fri 13 March the supply plan is recorded, once with a stale version
      clock.set(try Self.at("2026-03-13T10:00:00+08:00"))
      let path = Paths.apiConnectionApplicationStages.link(application.id)
      let stage = #"{"stage":"supplyPlan","startedAt":"2026-03-03T09:00:00+08:00","finishedAt":"2026-03-04T17:00:00+08:00","version":1}"#
      let recorded = try await app.api(.POST, path, token: token, json: stage)
      let stale = try await app.api(.POST, path, token: token, json: stage)
      // Check: recorded at version 2, the stale one 409; the whole-process clock is overdue
      #expect(recorded.status == .ok && stale.status == .conflict)
      let after = try recorded.content.decode(ApplicationBody.self)
      #expect(after.version == 2 && !after.onTime && after.clocks.first?.state == "overdue")
      // Act: list March's breaches, and a period the wrong way round
      let breaches = try await app.api(.GET, Paths.apiCommitmentBreaches.link() + "?from=2026-03-01&to=2026-03-31", token: token)
      let backwards = try await app.api(.GET, Paths.apiCommitmentBreaches.link() + "?from=2026-03-31&to=2026-03-01", token: token)
      // Check: one breach, due 24:00 Tue 10 March, overdue by 2 days 10 hours; the wrong period named
      let list = try JSONCoding.decoder().decode([BreachBody].self, from: Data(breaches.body.string.utf8))
      #expect(list.count == 1 && list.first?.recordId == application.id && list.first?.rule == "connection.lowVoltage")
      #expect(list.first?.lateSeconds == Double(2 * 86_400 + 10 * 3_600) && list.first?.doneAt == nil)
      #expect(backwards.status == .unprocessableEntity && backwards.apiError?.field == "to")
      // Check: county B's agent neither reads it nor sees its breach
      let other = try await app.token("agentB")
      #expect(try await app.api(.GET, Paths.apiConnectionApplication.link(application.id), token: other).status == .notFound)
      let theirs = try await app.api(.GET, Paths.apiCommitmentBreaches.link() + "?from=2026-03-01&to=2026-03-31", token: other)
      #expect(theirs.body.string == "[]")
      // Check: an agent cannot accept one
      #expect(try await app.api(.POST, Paths.apiConnectionApplications.link(), token: other, json: body("5")).status == .forbidden)
    }
  }

  struct ImportBody: Decodable, Equatable {
    let created: Int
    let updated: Int
    let unchanged: Int
  }

  @Test(
    "Rule COM-IMPORT: 1,000 applications in one file; the same file again changes nothing; a later stage updates; bad lines are all named and nothing is stored"
  )
  func dailyImport() async throws {
    try await withApp { app in
      // Setup: 20 March 2026; handlerA's token; a file of 1,000 applications accepted on 2 March, every third with its supply plan
      app.clock = FixedClock(try Self.at("2026-03-20T09:00:00+08:00"))
      _ = try await Org.make(app)
      let token = try await app.token("handlerA")
      let header = "id,account,name,phone,kind,connectionClass,voltage,capacityKw,unitCode,acceptedAt,supplyPlanFinish,energisingFinish\n"
      var lines: [String] = []
      for n in 1...1_000 {
        let residential = n % 2 == 0
        let plan = n % 3 == 0 ? "2026-03-04T16:00:00+08:00" : ""
        lines.append(
          "YX\(String(format: "%06d", n)),33010\(String(format: "%05d", n)),客户\(n),1380000\(String(format: "%04d", n)),newConnection,"
            + (residential ? "residential,220V,8" : "lowVoltageNonResidential,380V,\(40 + n % 30)")
            + ",A-S1,2026-03-02T09:00:00+08:00,\(plan),")
      }
      let file = header + lines.joined(separator: "\n") + "\n"
      func post(_ text: String) async throws -> TestingHTTPResponse {
        try await app.postCSV(Paths.apiConnectionApplicationsImport.link(), Data(text.utf8), token: token)
      }
      // Act: import it, then import it again
      let first = try await post(file)
      let again = try await post(file)
      // Check: 1,000 created with their supply plans, then nothing changed; the levels follow the capacity
      #expect(first.status == .ok, "\(first.body.string.prefix(500))")
      #expect(try first.content.decode(ImportBody.self) == ImportBody(created: 1_000, updated: 0, unchanged: 0))
      #expect(try again.content.decode(ImportBody.self) == ImportBody(created: 0, updated: 0, unchanged: 1_000))
      #expect(try await ConnectionApplication.query(on: app.db).count() == 1_000)
      #expect(try await ConnectionStageRecord.query(on: app.db).filter(\.$stage == .supplyPlan).count() == 333)
      #expect(try await ConnectionApplication.query(on: app.db).filter(\.$acceptanceLevel == .customerCentre).count() > 0)
      // Check: steps finished weeks ago are not news: no SMS for the backlog (COM-SMS)
      #expect(try await OutboxMessage.query(on: app.db).count() == 0)
      // Act: the next day's file energises application 2
      let energised = header + lines[1] + "2026-03-06T15:00:00+08:00\n"
      let update = try await post(energised)
      // Check: one updated, its stage stored
      #expect(try update.content.decode(ImportBody.self) == ImportBody(created: 0, updated: 1, unchanged: 0))
      #expect(try await ConnectionStageRecord.query(on: app.db).filter(\.$stage == .energising).count() == 1)
      // Act: a file with a zero capacity, an unknown unit, an energising before the acceptance and a repeated id among good lines
      let bad =
        header + "NEW0001,3301999001,新客户一,,newConnection,residential,220V,0,A-S1,2026-03-02T09:00:00+08:00,,\n"
        + "NEW0002,3301999002,新客户二,,newConnection,residential,220V,5,ZZ-9,2026-03-02T09:00:00+08:00,,\n"
        + "NEW0003,3301999003,新客户三,,newConnection,residential,220V,5,A-S1,2026-03-02T09:00:00+08:00,,2026-03-01T09:00:00+08:00\n"
        + "NEW0004,3301999004,新客户四,,newConnection,residential,220V,5,A-S1,2026-03-02T09:00:00+08:00,,\n"
        + "NEW0004,3301999004,新客户四,,newConnection,residential,220V,5,A-S1,2026-03-02T09:00:00+08:00,,\n"
      let refused = try await post(bad)
      // Check: 422 naming each bad line and column; nothing of the file stored
      #expect(refused.status == .unprocessableEntity)
      let named = (refused.apiError?.lines ?? []).map { "\($0.line):\($0.field)" }
      #expect(named == ["2:capacityKw", "3:unitCode", "4:energisingFinish", "6:id"], "\(refused.body.string)")
      #expect(try await ConnectionApplication.query(on: app.db).count() == 1_000)
    }
  }
}
