import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Units: API and pages")
struct UnitTests {
  @Test("Admins create units under the right kind of parent; each create is audited")
  func create() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: create station A-S2 under county A
      let res = try await app.api(
        .POST, Paths.apiUnits.link(), token: token,
        json: #"{"code":"A-S2","name":"石桥供电所","kind":"station","parentId":"\#(org.countyA.savedID)"}"#)
      // Check: created under county A with its path, audited as admin's create
      #expect(res.status == .created)
      let dto = try res.content.decode(UnitDTO.self)
      #expect(dto.parentId == org.countyA.id)
      let saved = try #require(try await OrgUnit.find(dto.id, on: app.db))
      #expect(saved.path == org.countyA.path + dto.id.uuidString + "/")
      let audit = try #require(
        try await AuditRecord.query(on: app.db).filter(\.$entity == .unit).filter(\.$entityID == dto.id.uuidString).first())
      #expect(audit.action == .create)
      #expect(audit.after?.contains("石桥供电所") == true)
      #expect(audit.actorName == "admin")
    }
  }

  @Test(
    "Bad unit input: a clear 4xx naming the field, nothing saved",
    arguments: [
      (#"{"code":"X1","name":"x","kind":"station","parentId":"00000000-0000-0000-0000-000000000000"}"#, 422, "parentId"),
      (#"{"code":"X1","name":"x","kind":"county","parentId":"PARENT"}"#, 422, "parentId"),
      (#"{"code":"A","name":"x","kind":"station","parentId":"PARENT"}"#, 409, "code"),
      (#"{"code":"has space","name":"x","kind":"station","parentId":"PARENT"}"#, 422, "code"),
      (#"{"code":"X1","name":"LONG","kind":"station","parentId":"PARENT"}"#, 422, "name"),
      (#"{"code":"X1","name":"x","kind":"planet","parentId":"PARENT"}"#, 422, "kind"),
      (#"{"code":"X1","name":"x","kind":"station","parentId":42}"#, 422, "parentId"),
      (#"{"code":"X1","kind":"station"}"#, 422, "name"),
      (#"{"code":"X1","name":"x","kind":"station","parentId":"PARENT","dutyPhone":"call me"}"#, 422, "dutyPhone"),
      (#"{"code":"X1","name":"x","kind":"station","parentId":"PARENT","customerCount":-5}"#, 422, "customerCount"),
    ])
  func badInput(json: String, status: Int, field: String) async throws {
    try await withApp { app in
      // Setup: an org, the admin's token and the argument's body
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      let body = json.replacingOccurrences(of: "PARENT", with: org.countyA.savedID.uuidString)
        .replacingOccurrences(of: "LONG", with: String(repeating: "名", count: 101))
      // Act: create the unit
      let res = try await app.api(.POST, Paths.apiUnits.link(), token: token, json: body)
      // Check: the expected status naming the field; still five units
      #expect(Int(res.status.code) == status, "\(res.body.string)")
      #expect(res.apiError?.field == field)
      #expect(try await OrgUnit.query(on: app.db).count() == 5)
    }
  }

  @Test("Deleting a unit with children or users is refused; an empty one is removed")
  func delete() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: delete a unit with children, one with users, an empty one and a bad id
      let withChildren = try await app.api(.DELETE, Paths.apiUnit.link(org.countyA.savedID), token: token)
      // Check: conflicts naming children and users; the empty one removed; the bad id not found
      #expect(withChildren.status == .conflict)
      #expect(withChildren.apiError?.field == "children")
      let withUsers = try await app.api(.DELETE, Paths.apiUnit.link(org.countyB.savedID), token: token)
      #expect(withUsers.status == .conflict)
      #expect(withUsers.apiError?.field == "users")
      #expect(try await app.api(.DELETE, Paths.apiUnit.link(org.stationA.savedID), token: token).status == .noContent)
      #expect(try await OrgUnit.find(org.stationA.id, on: app.db) == nil)
      #expect(try await app.api(.DELETE, Paths.apiUnit.link("not-a-uuid"), token: token).status == .notFound)
    }
  }

  @Test("Moving a unit rewrites its subtree's scope; moving it under itself is refused")
  func move() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: move county A under its own station
      let cycle = try await app.api(
        .PATCH, Paths.apiUnit.link(org.countyA.savedID), token: token, json: #"{"parentId":"\#(org.stationA.savedID)"}"#)
      // Check: refused
      #expect(cycle.status == .unprocessableEntity)
      // Act: create a second city and move county A under it, renamed
      let city2 = try await app.api(
        .POST, Paths.apiUnits.link(), token: token, json: #"{"code":"C2","name":"第二市","kind":"city","parentId":"\#(org.company.savedID)"}"#)
      let city2ID = try city2.content.decode(UnitDTO.self).id
      let moved = try await app.api(
        .PATCH, Paths.apiUnit.link(org.countyA.savedID), token: token, json: #"{"parentId":"\#(city2ID)","name":"临川区供电公司"}"#)
      // Check: moved; the station's path follows; handlerA still sees the station
      #expect(moved.status == .ok)
      let station = try #require(try await OrgUnit.find(org.stationA.id, on: app.db))
      #expect(station.path.hasPrefix(org.company.path + city2ID.uuidString + "/"))
      // The handler in county A still sees the station; the city admin path no longer holds it.
      let handler = try await app.token("handlerA")
      #expect(try await app.api(.GET, Paths.apiUnit.link(org.stationA.savedID), token: handler).status == .ok)
    }
  }

  @Test("The unit form shows errors beside the fields and keeps what was typed")
  func formErrors() async throws {
    try await withApp { app in
      // Setup: an org and admin on the new-unit form
      let org = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.unitNew.link())
      // Act: add a unit with a taken code, then with a free one
      let res = try await client.post(
        Paths.unitNew.link(), [("code", "A"), ("name", "新供电所"), ("kind", "station"), ("parentId", org.countyA.savedID.uuidString)])
      // Check: the error shown beside the code with the name kept; then saved
      #expect(res.status == .conflict)
      let html = res.body.string
      #expect(html.contains("id=\"error-code\""))
      #expect(html.contains("value=\"新供电所\""))
      let ok = try await client.post(
        Paths.unitNew.link(), [("code", "A-S9"), ("name", "新供电所"), ("kind", "station"), ("parentId", org.countyA.savedID.uuidString)])
      #expect(ok.status == .seeOther)
      #expect(try await OrgUnit.query(on: app.db).filter(\.$code == "A-S9").count() == 1)
    }
  }
}
