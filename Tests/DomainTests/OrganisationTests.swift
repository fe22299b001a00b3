import Foundation
import Testing

@testable import Domain

@Suite("Organisation and access rules")
struct OrganisationTests {
  @Test("Rule ORG-UNIT-LEVELS: company → city → county → station → hall/team")
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

  @Test("Rule ORG-DEPARTMENTS: the 14 departments and the modules each answers for")
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

  @Test("Rule ORG-LOCKOUT: 5 failed logins lock the account for 15 minutes")
  func lockout() {
    let policy = LoginLockoutPolicy.default
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    #expect((1...4).allSatisfy { !policy.locks(afterFailures: $0) })
    #expect(policy.locks(afterFailures: 5))
    // Attempts counted past the fifth (sent in parallel while the lock is set) are not checked.
    #expect(policy.mayCheck(attempt: 5))
    #expect(!policy.mayCheck(attempt: 6))
    let lockedUntil = policy.lockEnd(now: now)
    #expect(policy.isLocked(until: lockedUntil, now: now.addingTimeInterval(14 * 60)))
    #expect(!policy.isLocked(until: lockedUntil, now: now.addingTimeInterval(15 * 60)))
  }

  @Test("Rule ORG-LOGIN-THROTTLE: 20 failed logins from one address in 15 minutes refuse that address")
  func sourceThrottle() {
    let throttle = LoginSourceThrottle.default
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    #expect(!throttle.isThrottled(failures: 19))
    #expect(throttle.isThrottled(failures: 20))
    #expect(throttle.openWindowStart(now: now) == now.addingTimeInterval(-15 * 60))
  }

  @Test("Unit paths contain their subtree and nothing else")
  func paths() {
    let city = UnitPath.root(id: WO.id("a")).child(id: WO.id("b"))
    let county = city.child(id: WO.id("c"))
    let other = UnitPath.root(id: WO.id("a")).child(id: WO.id("x"))
    #expect(city.contains(county))
    #expect(!county.contains(city))
    #expect(!city.contains(other))
    #expect(county.depth == 3)
    #expect(county.ancestorIDs == [WO.id("a"), WO.id("b"), WO.id("c")])
  }

  @Test("Role lists name the first unknown code")
  func roles() throws {
    #expect(try Role.parseList(["agent", "lead", "agent"]).get() == [.agent, .lead])
    #expect(throws: UnknownRole(code: "boss")) { try Role.parseList(["agent", "boss"]).get() }
  }
}

@Suite("Password policy")
struct PasswordPolicyTests {
  let policy = PasswordPolicy(commonPasswords: PasswordPolicy.commonPasswords(fromList: "# comment\nqwertyuiop\n\n1qaz2wsx3edc\n"))

  @Test("Rule ORG-PASSWORD: a password has at least 10 characters and at most 128")
  func length() {
    #expect(policy.problem(password: "Abc-12345", username: "agent") == .tooShort(minimum: 10))
    #expect(policy.problem(password: "Abc-123456", username: "agent") == nil)
    #expect(policy.problem(password: String(repeating: "x7", count: 64), username: "agent") == nil)
    #expect(policy.problem(password: String(repeating: "x7", count: 64) + "y", username: "agent") == .tooLong(maximum: 128))
    // Characters, not bytes: ten Chinese characters are ten.
    #expect(policy.problem(password: "供电服务质量满意度评价", username: "agent") == nil)
  }

  @Test("Rule ORG-PASSWORD: a password is not the username and does not contain it, in any case")
  func username() {
    #expect(policy.problem(password: "zhangwei01", username: "zhangwei01") == .containsUsername)
    #expect(policy.problem(password: "My-ZhangWei01-pass", username: "zhangwei01") == .containsUsername)
    #expect(policy.problem(password: "zhang-wei-0001", username: "zhangwei01") == nil)
  }

  @Test("Rule ORG-PASSWORD: a password is not on the list of common passwords, in any case")
  func common() {
    #expect(policy.problem(password: "QwertyUIOP", username: "agent") == .common)
    #expect(policy.problem(password: "1qaz2wsx3edc", username: "agent") == .common)
    #expect(policy.problem(password: "qwertyuiop!", username: "agent") == nil)
    #expect(policy.commonPasswords.count == 2)
  }
}
