import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

struct ScorecardBody: Decodable {
  struct Point: Decodable {
    let kind: String
    let day: String
    let label: String
    let points: Double
    let href: String
  }
  struct Component: Decodable {
    let component: String
    let weight: Int
    let base: Double
    let score: Double
    let points: [Point]
  }
  let personId: UUID
  let personName: String
  let period: String
  let total: Double
  let grade: String
  let components: [Component]
}

/// Staff scorecards from real records (ACC-SCORE-…): a verified complaint, an unsatisfied return
/// visit, an overdue stage and an inspection finding of handlerA in March 2026, and imported
/// results.
@Suite("Staff scorecards")
struct ScorecardAppTests {
  typealias Loop = WorkOrderLoop

  static func cards(_ app: Application, _ token: String?, _ query: String) async throws -> (HTTPStatus, [ScorecardBody]) {
    let res = try await app.api(.GET, Paths.apiAccountabilityScorecards.link() + "?\(query)", token: token)
    guard res.status == .ok else { return (res.status, []) }
    return (res.status, try JSONDecoder().decode([ScorecardBody].self, from: Data(res.body.string.utf8)))
  }

  @Test("Rule ACC-SCORE-EVIDENCE, ACC-SCORE-COMPONENTS: handlerA's March card counts each record once, with its link")
  func fromRealRecords() async throws {
    try await withApp { app in
      // Setup: March's records of handlerA
      let (loop, verified, unsatisfied) = try await AccountabilityFixtures.march(app)
      // Act: read handlerA's March card
      let (status, cards) = try await Self.cards(app, loop.tokens["handlerA"], "period=2026-03")
      // Check: each record counted once with its link, and the total and grade follow
      #expect(status == .ok)
      let card = try #require(cards.first)
      #expect(card.period == "2026-03")
      #expect(card.components.map(\.component) == ["service_quality"])
      let points = try #require(card.components.first?.points)
      let kinds = points.map(\.kind).sorted()
      #expect(kinds.filter { $0 == "complaint_quality" }.count == 1, "\(kinds)")
      #expect(kinds.filter { $0 == "return_visit_unsatisfied" }.count == 1, "\(kinds)")
      #expect(kinds.contains("overdue_stage"), "\(kinds)")
      #expect(kinds.filter { $0 == "finding" }.count == 1 && kinds.filter { $0 == "finding_overdue" }.count == 1, "\(kinds)")
      #expect(points.first { $0.kind == "complaint_quality" }?.href == Paths.workOrder.link(verified.id))
      #expect(points.first { $0.kind == "complaint_quality" }?.label == verified.number)
      #expect(points.first { $0.kind == "return_visit_unsatisfied" }?.href == Paths.workOrder.link(unsatisfied.id))
      #expect(points.first { $0.kind == "finding" }?.href.contains("#finding-") == true)
      // 100 − 10 − 5 − 2 − 5 − 3 per overdue stage.
      let overdue = Double(kinds.filter { $0 == "overdue_stage" }.count)
      #expect(card.total == 100 - 10 - 5 - 2 - 5 - 3 * overdue)
      #expect(card.grade == (card.total >= 80 ? "excellent" : card.total >= 60 ? "pass" : "fail"))
      // Act: withdraw the verified complaint's case and read the card again
      // A withdrawn case no longer counts.
      var found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: verified).first)
      found = try AccountabilityFixtures.decode(
        try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"withdraw","reason":"核实推翻"}"#))
      #expect(found.state == "withdrawn")
      let (_, after) = try await Self.cards(app, loop.tokens["handlerA"], "period=2026-03")
      // Check: the complaint no longer counts
      #expect(after.first?.components.first?.points.contains { $0.kind == "complaint_quality" } == false)
      // Bad periods are refused naming the parameter.
      // Act: ask for bad periods
      for bad in ["2026-13", "2026-Q5", "march", "2026-H3"] {
        let res = try await app.api(.GET, Paths.apiAccountabilityScorecards.link() + "?period=\(bad)", token: loop.tokens["handlerA"])
        // Check: each is a 422 naming period
        #expect(res.status == .unprocessableEntity && res.apiError?.field == "period", "\(bad): \(res.body.string)")
      }
    }
  }

  @Test("Rule ACC-SCORE-SCOPE: a handler sees only their own card; a lead their county's; a list needs an overseer")
  func scoping() async throws {
    try await withApp { app in
      // Setup: March's records and handlerA's id
      let (loop, _, _) = try await AccountabilityFixtures.march(app)
      let handlerA = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first()).requireID()
      // Act: read handlerA's card and the county lists as others
      // Check: others' cards forbidden, leadA's own county allowed, a list needs an overseer
      #expect(try await Self.cards(app, loop.tokens["handlerB"], "personId=\(handlerA)&period=2026-03").0 == .forbidden)
      #expect(try await Self.cards(app, loop.tokens["leadB"], "personId=\(handlerA)&period=2026-03").0 == .forbidden)
      #expect(try await Self.cards(app, loop.tokens["leadA"], "personId=\(handlerA)&period=2026-03").0 == .ok)
      let (status, list) = try await Self.cards(app, loop.tokens["leadA"], "unitId=\(loop.org.countyA.savedID)&period=2026-Q1")
      #expect(status == .ok)
      #expect(list.contains { $0.personId == handlerA } && list.allSatisfy { $0.components.count == 2 })
      #expect(try await Self.cards(app, loop.tokens["leadA"], "unitId=\(loop.org.countyB.savedID)&period=2026-Q1").0 == .forbidden)
      #expect(try await Self.cards(app, loop.tokens["handlerA"], "unitId=\(loop.org.countyA.savedID)").0 == .forbidden)
      // Act: open the card pages as handlerA and as leadA
      // Pages: the handler's own card links each point to its record; another's is refused.
      let handler = PageClient(app)
      try await handler.login("handlerA")
      let page = try await handler.get(Paths.accountabilityScorecard.link() + "?period=2026-03")
      // Check: own card with links; another's refused; the list redirects a handler, lists for the lead
      #expect(page.status == .ok)
      #expect(page.body.string.contains("href=\"\(Paths.workOrders.link())/") && page.body.string.contains("#finding-"))
      let agentB = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first()).savedID
      let other = try await handler.get(Paths.accountabilityScorecard.link() + "?personId=\(agentB)")
      #expect(other.status == .forbidden)
      // A handler asking for the list is sent to their own card.
      let list2 = try await handler.get(Paths.accountabilityScorecards.link())
      #expect(list2.status == .seeOther || list2.status == .found)
      let lead = PageClient(app)
      try await lead.login("leadA")
      let listed = try await lead.get(Paths.accountabilityScorecards.link() + "?period=2026-Q1")
      #expect(listed.status == .ok && listed.body.string.contains("handlerA 姓名"))
      #expect(
        listed.body.string.contains(Paths.accountabilityScorecard.link() + "?personId=\(handlerA)&amp;period=2026-Q1#part-service_quality"))
    }
  }

  @Test("Rule ACC-SCORE-IMPORT: an import with bad rows names each line and saves nothing; a good one is the component's base")
  func importResults() async throws {
    try await withApp { app in
      // Setup: March's records and HR on the scores page
      let (loop, _, _) = try await AccountabilityFixtures.march(app)
      let hr = PageClient(app)
      try await hr.login("hr")
      #expect(try await hr.get(Paths.accountabilityScores.link()).status == .ok)
      // Act: import scores with bad rows
      let bad =
        "用户名,类别,考试日期,成绩,考试名称\nhandlerA,培训,2026-03-02,80,服务规范\nnobody,培训,2026-03-02,80,服务规范\nhandlerA,体育,2026-03-02,80,服务规范\nhandlerA,安全,2026-3-2,80,安规\nhandlerA,安全,2026-03-02,101,安规\nhandlerA,安全,2026-03-02,,安规\nhandlerA,safety,2026-03-02,90,\nhandlerA,training,2026-03-02,70,服务规范\nhandlerA,safety,2027-01-01,90,安规\n"
      var res = try await AnalysisFixtures.upload(
        hr, Paths.accountabilityScoreImport.link(), fields: [], file: ("scores.csv", Data(bad.utf8)))
      // Check: a 422 naming lines 3–10, nothing saved
      #expect(res.status == .unprocessableEntity)
      for line in 3...10 { #expect(res.body.string.contains("第 \(line) 行"), "line \(line)") }
      #expect(!res.body.string.contains("第 2 行"))
      #expect(try await ImportedScore.query(on: app.db).count() == 0)
      // Act: import a good file, then the same again
      let good =
        "username,kind,date,score,title\nhandlerA,training,2026-03-02,70,服务规范\nhandlerA,training,2026-02-02,80.5,业务技能\nhandlerA,safety,2026-01-15,90,安规\n"
      res = try await AnalysisFixtures.upload(hr, Paths.accountabilityScoreImport.link(), fields: [], file: ("scores.csv", Data(good.utf8)))
      // Check: saved once; the card's bases come from the scores
      #expect(res.status == .ok, "\(res.body.string.prefix(300))")
      #expect(try await ImportedScore.query(on: app.db).count() == 3)
      // The same file again: each row already imported, nothing added.
      res = try await AnalysisFixtures.upload(hr, Paths.accountabilityScoreImport.link(), fields: [], file: ("scores.csv", Data(good.utf8)))
      #expect(res.status == .unprocessableEntity)
      #expect(try await ImportedScore.query(on: app.db).count() == 3)
      let (_, cards) = try await Self.cards(app, loop.tokens["handlerA"], "period=2026-H1")
      let card = try #require(cards.first)
      let ability = try #require(card.components.first { $0.component == "ability_attitude" })
      #expect(ability.base == 75.3 || ability.base == 75.2)
      #expect(
        ability.points.filter { $0.kind == "training_result" }.allSatisfy {
          $0.href.hasPrefix(Paths.accountabilityScores.link() + "#score-")
        })
      #expect(card.components.first { $0.component == "safety" }?.score == 90)
      // Through the API: HR only; a bad row is named by line.
      // Act: import through the API as handlerA, then with a bad row as HR
      let api = try await app.api(.POST, Paths.apiAccountabilityScoreImport.link(), token: loop.tokens["handlerA"], json: nil)
      // Check: forbidden, then a 422 naming line 2
      #expect(api.status == .forbidden)
      var bodyRes: TestingHTTPResponse?
      try await app.testing().test(
        .POST, Paths.apiAccountabilityScoreImport.link(),
        beforeRequest: { req in
          req.headers.bearerAuthorization = .init(token: loop.tokens["hr"] ?? "")
          req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
          req.body = ByteBuffer(string: "username,kind,date,score,title\nhandlerA,training,2026-03-03,abc,x\n")
        }, afterResponse: { res async throws in bodyRes = res })
      let answer = try #require(bodyRes)
      #expect(answer.status == .unprocessableEntity && answer.body.string.contains("\"line\":2"), "\(answer.body.string)")
    }
  }

  @Test("Rule ACC-SCORE-RULES: admins save a new version of the scorecard rules; unusable rules are refused naming the field")
  func ruleVersions() async throws {
    try await withApp { app in
      // Setup: the work-order loop and the admin's token
      let loop = try await Loop.make(app)
      let admin = try await app.token("admin")
      // Act: read the rules as the agent
      let listed = try await app.api(.GET, Paths.apiAccountabilityScorecardRules.link(), token: loop.tokens["agent"])
      // Check: version 1 in force
      #expect(listed.status == .ok && listed.body.string.contains(#""inForce":1"#), "\(listed.body.string.prefix(200))")
      // Act: save a version as the agent, then as admin, then an unusable one and a past one
      var rules = ScorecardRules.default
      rules.excellentFrom = 90
      let json = String(decoding: try JSONCoding.encoder().encode(rules), as: UTF8.self)
      let refused = try await app.api(
        .POST, Paths.apiAccountabilityScorecardRules.link(), token: loop.tokens["agent"],
        json: #"{"effectiveFrom":"2026-04-01","rules":\#(json)}"#)
      // Check: forbidden, created, then 422s naming the field
      #expect(refused.status == .forbidden)
      let saved = try await app.api(
        .POST, Paths.apiAccountabilityScorecardRules.link(), token: admin, json: #"{"effectiveFrom":"2026-04-01","rules":\#(json)}"#)
      #expect(saved.status == .created, "\(saved.body.string)")
      rules.components[0].weight = 10
      let bad = String(decoding: try JSONCoding.encoder().encode(rules), as: UTF8.self)
      let invalid = try await app.api(
        .POST, Paths.apiAccountabilityScorecardRules.link(), token: admin, json: #"{"effectiveFrom":"2026-05-01","rules":\#(bad)}"#)
      #expect(invalid.status == .unprocessableEntity && invalid.apiError?.field == "rules.components.weight", "\(invalid.body.string)")
      let past = try await app.api(
        .POST, Paths.apiAccountabilityScorecardRules.link(), token: admin, json: #"{"effectiveFrom":"2026-03-01","rules":\#(json)}"#)
      #expect(past.status == .unprocessableEntity && past.apiError?.field == "effectiveFrom")
      // Act: open version 2 on the page as admin
      let page = PageClient(app)
      try await page.login("admin")
      let shown = try await page.get(Paths.accountabilityScorecardRules.link() + "?version=2")
      // Check: shown with the form
      #expect(shown.status == .ok && shown.body.string.contains("score-rule-version-form"))
    }
  }

  @Test("Rule ACC-CASE-ROLES, ACC-SCORE-SCOPE: the start page counts each person's accountability work and links to exactly it")
  func startPage() async throws {
    try await withApp { app in
      // Setup: March's records with a proposed case
      let (loop, verified, _) = try await AccountabilityFixtures.march(app)
      // Act: open the reviewer's and handlerA's start pages
      let reviewer = PageClient(app)
      try await reviewer.login("reviewer")
      var home = try await reviewer.get("/")
      // Check: each count is right and its link lists what it counts
      #expect(
        home.body.string.contains("<a href=\"\(Paths.accountabilityCases.link())?state=proposed\">待报送的考核事项：1 项</a>"), "\(home.body.string)")
      let listed = try await reviewer.get(Paths.accountabilityCases.link() + "?state=proposed")
      #expect(listed.body.string.components(separatedBy: Paths.accountabilityCases.link() + "/").count - 1 == 1)
      let handler = PageClient(app)
      try await handler.login("handlerA")
      home = try await handler.get("/")
      #expect(home.body.string.contains("<a href=\"\(Paths.accountabilityMine.link())?open=true\">我的未办结考核：1 项</a>"))
      #expect(home.body.string.contains(Paths.accountabilityScorecard.link() + "?personId="))
      #expect(home.body.string.contains("本月考评卡："))
      let mine = try await handler.get(Paths.accountabilityMine.link() + "?open=true")
      #expect(mine.body.string.contains(verified.number))
      // Submitted: the leadership group's count; the reviewer's proposed count drops to 0.
      // Act: submit the case and open the leader's, reviewer's and HR's start pages
      let found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: verified).first)
      _ = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"submit"}"#)
      let leader = PageClient(app)
      try await leader.login("leader")
      home = try await leader.get("/")
      // Check: the leader sees one to approve, the reviewer none, HR no deductions
      #expect(home.body.string.contains("<a href=\"\(Paths.accountabilityCases.link())?state=submitted\">待审批的考核事项：1 项</a>"))
      home = try await reviewer.get("/")
      #expect(home.body.string.contains("待报送的考核事项：0 项"))
      let hr = PageClient(app)
      try await hr.login("hr")
      home = try await hr.get("/")
      #expect(home.body.string.contains("<a href=\"\(Paths.accountabilityDeductions.link())?month=2026-03\">本月扣款明细：0 条</a>"))
    }
  }
}
