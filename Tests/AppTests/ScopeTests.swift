import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// ORG-SCOPE: each user sees and acts only within their unit's subtree (admins everywhere), in
/// pages and in the API alike.
@Suite("Unit scoping")
struct ScopeTests {
  @Test("Rule ORG-SCOPE: a county user sees only their own county's subtree in the API")
  func apiScope() async throws {
    try await withApp { app in
      // Setup: an org and handlerA's token
      let org = try await Org.make(app)
      let token = try await app.token("handlerA")
      // Act: list the units and open one inside and one outside county A
      let list = try await app.api(.GET, Paths.apiUnits.link(), token: token)
      let codes = Set(try list.content.decode(ListResponse<UnitDTO>.self).items.map(\.code))
      // Check: county A's subtree only; the other county forbidden
      #expect(codes == ["A", "A-S1"])
      #expect(try await app.api(.GET, Paths.apiUnit.link(org.stationA.savedID), token: token).status == .ok)
      let other = try await app.api(.GET, Paths.apiUnit.link(org.countyB.savedID), token: token)
      #expect(other.status == .forbidden)
      #expect(other.apiError?.code == "forbidden")
      // Act: list the units as admin
      let admin = try await app.token("admin")
      let all = try await app.api(.GET, Paths.apiUnits.link(), token: admin)
      // Check: all five
      #expect(try all.content.decode(ListResponse<UnitDTO>.self).items.count == 5)
    }
  }

  @Test("Rule ORG-SCOPE: a county user cannot open another county's unit page")
  func pageScope() async throws {
    try await withApp { app in
      // Setup: an org with handlerA signed in
      let org = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("handlerA")
      // Act: open countyA's and countyB's unit pages, the tree and the users page
      let own = try await client.get(Paths.unit.link(org.countyA.savedID))
      // Check: own county shown; the other, users and admin links forbidden or absent
      #expect(own.status == .ok)
      #expect(own.body.string.contains("临川县供电公司"))
      #expect(own.body.string.contains("城关供电所"))
      let other = try await client.get(Paths.unit.link(org.countyB.savedID))
      #expect(other.status == .forbidden)
      #expect(other.body.string.contains("id=\"error-status\">403"))
      let tree = try await client.get(Paths.units.link())
      #expect(!tree.body.string.contains("白石县供电公司"))
      // Admin pages are for admins only, and not in a non-admin's navigation.
      #expect(try await client.get(Paths.users.link()).status == .forbidden)
      #expect(!tree.body.string.contains(Paths.users.link()))
    }
  }

  @Test("Non-admins cannot write organisation data through the API")
  func writesNeedAdmin() async throws {
    try await withApp { app in
      // Setup: an org and handlerA's token
      let org = try await Org.make(app)
      let token = try await app.token("handlerA")
      // Act: create a unit, list the users and the audit
      let res = try await app.api(
        .POST, Paths.apiUnits.link(), token: token, json: #"{"code":"X","name":"x","kind":"station","parentId":"\#(org.countyA.savedID)"}"#)
      // Check: each forbidden, no unit added
      #expect(res.status == .forbidden)
      #expect(try await app.api(.GET, Paths.apiUsers.link(), token: token).status == .forbidden)
      #expect(try await app.api(.GET, Paths.apiAudit.link(), token: token).status == .forbidden)
      #expect(try await OrgUnit.query(on: app.db).count() == 5)
    }
  }
}
