import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Commitment rules")
struct CommitmentRulesTests {
  @Test(
    "Rule COM-EDITIONS, ORG-RULE-VERSIONS: both editions are shipped, the current one in force; an administrator adds a tighter company version"
  )
  func editions() async throws {
    try await withApp { app in
      // Setup: today is 1 December 2026; handlerA and the admin signed in
      app.clock = FixedClock(try #require(BusinessTime.parseInstant("2026-12-01T09:00:00+08:00")))
      _ = try await Org.make(app)
      let handler = PageClient(app)
      try await handler.login("handlerA")
      let admin = PageClient(app)
      try await admin.login("admin")
      // Act: open the commitment rules as handlerA, then the 2011 edition
      let current = try await handler.get(Paths.commitmentRules.link())
      let old = try await handler.get(Paths.commitmentRules.link() + "?version=1")
      // Check: the current edition is shown in force with its whole-process limits and the navigation entry
      #expect(current.status == .ok)
      let page = current.body.string
      #expect(page.contains("第 2 版（2023-01-01 起执行）") && page.contains("· 现行"))
      #expect(page.contains("业扩全流程（居民）") && page.contains("业务受理完成起至装表接电完成，5 个工作日内（适用：居民）"))
      #expect(page.contains("欠费停电通知送达完成起至欠费停电完成，至少提前 7 天"))
      #expect(page.contains(Paths.commitmentRules.link()) && !page.contains("rule-version-form"))
      // Check: the 2011 edition clocks the supply plan reply
      #expect(old.body.string.contains("供电方案答复（居民）") && old.body.string.contains("业务受理完成起至供电方案答复完成，3 个工作日内"))
      // Act: the admin saves the current edition with 4 working days for residential connections from 1 January 2027
      _ = try await admin.get(Paths.commitmentRules.link())
      var tighter = CommitmentRules.current
      tighter.edition = "本公司 2027 年服务承诺"
      tighter.rules[0].limit = CommitmentLimit(4, .workingDays)
      let json = String(decoding: try JSONCoding.encoder().encode(tighter), as: UTF8.self)
      var broken = tighter
      broken.rules[0].limit = CommitmentLimit(400, .workingDays)
      let refused = try await admin.post(
        Paths.commitmentRuleVersions.link(),
        [("effectiveFrom", "2027-01-01"), ("rules", String(decoding: try JSONCoding.encoder().encode(broken), as: UTF8.self))])
      let saved = try await admin.post(Paths.commitmentRuleVersions.link(), [("effectiveFrom", "2027-01-01"), ("rules", json)])
      // Check: the broken limit is named; version 3 is stored and starts in 2027, while version 2 stays in force today
      #expect(refused.status == .unprocessableEntity && refused.body.string.contains("rules[0].limit.value"))
      #expect(saved.status == .seeOther)
      let versions = try await RuleVersions<CommitmentRules>.versions(on: app.db)
      #expect(versions.map(\.number) == [1, 2, 3])
      let today = try #require(CivilDate(iso: "2026-12-01"))
      #expect(
        try await RuleVersions<CommitmentRules>.inForce(on: today, db: app.db, default: .edition2011).edition
          == CommitmentRules.current.edition)
      let next = try #require(CivilDate(iso: "2027-01-01"))
      #expect(try await RuleVersions<CommitmentRules>.inForce(on: next, db: app.db, default: .current).rules[0].limit.value == 4)
    }
  }
}
