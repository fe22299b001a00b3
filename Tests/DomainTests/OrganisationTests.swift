import Foundation
import Testing

@testable import Domain

@Suite("Organisation and access rules")
struct OrganisationTests {
  @Test("Rule DOMAIN §1: company → city → county → station → hall/team")
  func hierarchy() {
    #expect(UnitKind.company.canBeChild(of: nil))
    #expect(UnitKind.city.canBeChild(of: .company))
    #expect(UnitKind.county.canBeChild(of: .city))
    #expect(UnitKind.station.canBeChild(of: .county))
    #expect(UnitKind.hall.canBeChild(of: .station))
    #expect(UnitKind.team.canBeChild(of: .station))
    #expect(!UnitKind.county.canBeChild(of: .company))
    #expect(!UnitKind.station.canBeChild(of: .city))
    #expect(!UnitKind.city.canBeChild(of: nil))
  }

  @Test("Rule DOMAIN §1: the 14 departments and the modules each answers for")
  func departments() {
    let all = DefaultDepartments.all
    #expect(all.count == 14)
    #expect(Set(all.map(\.code)).count == 14)
    let marketing = all.first { $0.nameZh == "营销部" }!
    #expect(Set(marketing.modules) == [.stability, .safety, .billing, .hall, .hotline95598, .communication, .problemHandling])
    #expect(all.first { $0.nameZh == "安监部" }!.modules == [.safety])
    #expect(all.first { $0.nameZh == "企管部" }!.modules == [.communication])
    // Every module has at least one answerable department.
    for module in ServiceModule.allCases {
      #expect(all.contains { $0.modules.contains(module) }, "\(module)")
    }
  }

  @Test("Rule: 5 failed logins lock the account for 15 minutes")
  func lockout() {
    let policy = LoginLockoutPolicy.default
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var failures = 0
    var lockedUntil: Date?
    for attempt in 1...5 {
      #expect(!policy.isLocked(until: lockedUntil, now: now), "attempt \(attempt)")
      (failures, lockedUntil) = policy.afterFailure(previousFailures: failures, now: now)
    }
    #expect(policy.isLocked(until: lockedUntil, now: now.addingTimeInterval(14 * 60)))
    #expect(!policy.isLocked(until: lockedUntil, now: now.addingTimeInterval(15 * 60)))
  }

  @Test("Unit paths contain their subtree and nothing else")
  func paths() {
    let city = UnitPath.root(id: "a").child(id: "b")
    let county = city.child(id: "c")
    let other = UnitPath.root(id: "a").child(id: "x")
    #expect(city.contains(county))
    #expect(!county.contains(city))
    #expect(!city.contains(other))
    #expect(county.depth == 3)
  }

  @Test("Role lists name the first unknown code")
  func roles() throws {
    #expect(try Role.parseList(["agent", "lead", "agent"]).get() == [.agent, .lead])
    #expect(throws: UnknownRole(code: "boss")) { try Role.parseList(["agent", "boss"]).get() }
  }
}
