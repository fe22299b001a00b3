import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Accountability penalty rules through the API and the page")
struct AccountabilityRulesTests {
  /// 2026-06-15 10:00 Beijing time.
  static let start = Date(timeIntervalSince1970: 1_781_488_800)

  struct RulesBody: Decodable {
    struct Version: Decodable {
      let number: Int
      let effectiveFrom: String
      let rules: PenaltyRuleSet
    }
    let inForce: Int?
    let items: [Version]
  }

  func newVersionJSON(_ effectiveFrom: String, _ edit: (inout PenaltyRuleSet) -> Void = { _ in }) throws -> String {
    var rules = PenaltyRuleSet.default
    edit(&rules)
    let body = ["effectiveFrom": effectiveFrom, "rules": try JSONCoding.encode(rules)]
    return #"{"effectiveFrom":"\#(body["effectiveFrom"] ?? "")","rules":\#(body["rules"] ?? "")}"#
  }

  @Test("Rule ACC-RULE-VERSIONS: the seeded version 1 holds the documented defaults and is in force")
  func seeded() async throws {
    try await withApp { app in
      // Setup: an org at 15 June 2026
      _ = try await Org.make(app)
      app.clock = FixedClock(Self.start)
      // Act: read the rules as an agent
      let res = try await app.api(.GET, Paths.apiAccountabilityRules.link(), token: try await app.token("agentB"))
      // Check: version 1 with the defaults from 2000-01-01 is in force
      #expect(res.status == .ok, "\(res.body.string)")
      let body = try res.content.decode(RulesBody.self)
      #expect(body.inForce == 1 && body.items.count == 1)
      #expect(body.items.first?.rules == PenaltyRuleSet.default && body.items.first?.effectiveFrom == "2000-01-01")
      #expect(res.body.string.contains(#""cause":"abusive_conduct""#))
    }
  }

  @Test("Rule ACC-RULE-VERSIONS: an admin saves a new version from tomorrow; today keeps version 1, audited")
  func newVersion() async throws {
    try await withApp { app in
      // Setup: an org, a clock at 15 June 2026 and the admin's token
      _ = try await Org.make(app)
      let clock = FixedClock(Self.start)
      app.clock = clock
      let token = try await app.token("admin")
      // Act: save version 2 from tomorrow with general ¥120–220
      let json = try newVersionJSON("2026-06-16") { $0.general[0].amount = .yuan(120, 220) }
      let created = try await app.api(.POST, Paths.apiAccountabilityRules.link(), token: token, json: json)
      // Check: created; version 1 in force today, version 2 tomorrow, audited
      #expect(created.status == .created, "\(created.body.string)")
      var body = try (try await app.api(.GET, Paths.apiAccountabilityRules.link(), token: token)).content.decode(RulesBody.self)
      #expect(body.inForce == 1 && body.items.map(\.number) == [1, 2])
      clock.advance(by: 86_400)
      body = try (try await app.api(.GET, Paths.apiAccountabilityRules.link(), token: token)).content.decode(RulesBody.self)
      #expect(body.inForce == 2 && body.items.last?.rules.general[0].amount.minFen == 12_000)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .penaltyRuleVersion).count() == 1)
    }
  }

  @Test(
    "Rule ACC-RULE-VERSIONS: bad versions are refused naming the field, nothing stored",
    arguments: [
      ("2026-06-14", "effectiveFrom"),
      ("2000-01-01", "effectiveFrom"),
      ("2026-13-01", "effectiveFrom"),
      ("maxFen", "rules.general.quality_error.maxFen"),
      ("sanctions", "rules.events.major.main.sanctions"),
      ("ceiling", "rules.ceilingFen"),
    ])
  func badVersions(_ input: String, field: String) async throws {
    try await withApp { app in
      // Setup: an org, a clock at 15 June 2026 and a version edited as the argument says
      _ = try await Org.make(app)
      app.clock = FixedClock(Self.start)
      let token = try await app.token("admin")
      let day = input.hasPrefix("20") ? input : "2026-07-01"
      let json = try newVersionJSON(day) { rules in
        switch input {
        case "maxFen": rules.general[0].amount = FenRange(minFen: 20_000, maxFen: 10_000)
        case "sanctions": rules.events[5].sanctions = SanctionRange(lowest: .dismissal, highest: .warning)
        case "ceiling": rules.ceilingFen = 1_000_000_000
        default: break
        }
      }
      // Act: post the bad version
      let res = try await app.api(.POST, Paths.apiAccountabilityRules.link(), token: token, json: json)
      // Check: a 422 naming the field, only version 1 stored
      #expect(res.status == .unprocessableEntity, "\(res.body.string)")
      #expect(res.apiError?.field == field)
      #expect(try await RuleVersionRecord<PenaltyRuleSet>.query(on: app.db).count() == 1)
    }
  }

  @Test("Rule ACC-RULE-VERSIONS: only administrators save versions; a sanction code not in the list is refused by field")
  func rolesAndCodes() async throws {
    try await withApp { app in
      // Setup: an org with a reviewer
      let org = try await Org.make(app)
      try await org.user(app, "reviewer", [.reviewer], org.city)
      app.clock = FixedClock(Self.start)
      // Act: save a version as the reviewer, then one with an unknown sanction as admin
      let reviewer = try await app.api(
        .POST, Paths.apiAccountabilityRules.link(), token: try await app.token("reviewer"), json: try newVersionJSON("2026-07-01"))
      // Check: forbidden, then a 422 naming the highest sanction, nothing stored
      #expect(reviewer.status == .forbidden)
      let badSanction = try newVersionJSON("2026-07-01").replacingOccurrences(of: #""highest":"dismissal""#, with: #""highest":"exile""#)
      let res = try await app.api(.POST, Paths.apiAccountabilityRules.link(), token: try await app.token("admin"), json: badSanction)
      #expect(res.status == .unprocessableEntity)
      #expect(res.apiError?.field?.contains("highest") == true, "\(res.body.string)")
      #expect(try await RuleVersionRecord<PenaltyRuleSet>.query(on: app.db).count() == 1)
    }
  }

  @Test("Rule ACC-COMPANY-RULES: the page shows every range, the sanctions by name and says the company sets fall back")
  func page() async throws {
    try await withApp { app in
      // Setup: an org with a leader logged in
      let org = try await Org.make(app)
      try await org.user(app, "leader", [.leader], org.city)
      app.clock = FixedClock(Self.start)
      let client = PageClient(app)
      try await client.login("leader")
      // Act: open the rules page
      let res = try await client.get(Paths.accountabilityRules.link())
      // Check: every range and sanction by name, no form, a link to itself
      #expect(res.status == .ok)
      let html = res.body.string
      for text in ["态度恶劣", "¥300–¥600", "待岗学习 1 个月", "记大过 – 开除", "不高于 留用察看", "不少于 ¥1000", "12398", "¥500", "按此规则集考核时，选择对应的一般原因"] {
        #expect(html.contains(text), "\(text)")
      }
      #expect(!html.contains("major_demerit") && !html.contains("rule-version-form"))
      #expect(html.contains("href=\"\(Paths.accountabilityRules.link())\""))
    }
  }

  @Test("Rule ACC-RULE-VERSIONS: an admin saves a version through the page; a bad document is shown again with the field named")
  func pageForm() async throws {
    try await withApp { app in
      // Setup: an org with the admin logged in and a rule set with a company rule
      _ = try await Org.make(app)
      app.clock = FixedClock(Self.start)
      let client = PageClient(app)
      try await client.login("admin")
      // Act: open the rules page
      let page = try await client.get(Paths.accountabilityRules.link())
      // Check: the page has the version form
      #expect(page.body.string.contains("rule-version-form"))
      var rules = PenaltyRuleSet.default
      rules.tenProhibitions = [CompanyRuleItem(code: "P01", title: "不准违反规定停电、无故拖延送电", amount: .yuan(500, 1000))]
      // Act: save a bad document, then a good one
      let bad = try await client.post(
        Paths.accountabilityRuleVersions.link(), [("effectiveFrom", "2026-07-01"), ("rules", #"{"general": 1}"#)])
      // Check: the bad one is shown again naming rules, the good one is saved and shown
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("error-rules") && bad.body.string.contains("{&quot;general&quot;: 1}"))
      let ok = try await client.post(
        Paths.accountabilityRuleVersions.link(), [("effectiveFrom", "2026-07-01"), ("rules", try JSONCoding.encode(rules))])
      #expect(ok.status == .seeOther || ok.status == .found, "\(ok.body.string)")
      let shown = try await client.get(Paths.accountabilityRules.link() + "?version=2")
      #expect(shown.body.string.contains("不准违反规定停电") && shown.body.string.contains("¥500–¥1000"))
    }
  }
}
