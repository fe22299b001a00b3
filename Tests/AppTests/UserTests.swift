import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Users and departments")
struct UserTests {
  @Test(
    "Admins create users; bad input names the field and saves nothing",
    arguments: [
      (#"{"username":"handlerA","displayName":"x","password":"long-enough-1","unitId":"UNIT","roles":["agent"]}"#, 409, "username"),
      (
        #"{"username":"new1","displayName":"x","password":"long-enough-1","unitId":"00000000-0000-0000-0000-000000000000","roles":["agent"]}"#,
        422, "unitId"
      ),
      (#"{"username":"new1","displayName":"x","password":"long-enough-1","unitId":"UNIT","roles":["boss"]}"#, 422, "roles"),
      (#"{"username":"new1","displayName":"x","password":"long-enough-1","unitId":"UNIT","roles":[]}"#, 422, "roles"),
      (#"{"username":"new1","displayName":"x","password":"short","unitId":"UNIT","roles":["agent"]}"#, 422, "password"),
      (#"{"username":"new 1","displayName":"x","password":"long-enough-1","unitId":"UNIT","roles":["agent"]}"#, 422, "username"),
      (#"{"username":"new1","displayName":"x","password":"long-enough-1","unitId":"UNIT","roles":"agent"}"#, 422, "roles"),
    ])
  func createUser(json: String, status: Int, field: String) async throws {
    try await withApp { app in
      // Setup: an org, the admin's token and the argument's body
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: create the user
      let res = try await app.api(
        .POST, Paths.apiUsers.link(), token: token, json: json.replacingOccurrences(of: "UNIT", with: org.stationA.savedID.uuidString))
      // Check: the expected status naming the field; still three users
      #expect(Int(res.status.code) == status, "\(res.body.string)")
      #expect(res.apiError?.field == field)
      #expect(try await User.query(on: app.db).count() == 3)
    }
  }

  @Test("A created user can sign in; admins change roles and units, audited with before and after")
  func createAndUpdate() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: create zhang.san, then change the roles and unit
      let res = try await app.api(
        .POST, Paths.apiUsers.link(), token: token,
        json:
          #"{"username":"zhang.san","displayName":"张三","password":"long-enough-1","unitId":"\#(org.stationA.savedID)","roles":["handler","staff"]}"#
      )
      // Check: created and able to sign in; updated and audited before and after
      #expect(res.status == .created)
      let dto = try res.content.decode(UserDTO.self)
      #expect(dto.roles == [.handler, .staff])
      #expect(try await app.token("zhang.san", password: "long-enough-1").isEmpty == false)
      let patch = try await app.api(
        .PATCH, Paths.apiUser.link(dto.id), token: token, json: #"{"roles":["reviewer"],"unitId":"\#(org.city.savedID)"}"#)
      #expect(patch.status == .ok)
      #expect(try patch.content.decode(UserDTO.self).unit.code == "C")
      let audit = try #require(
        try await AuditRecord.query(on: app.db).filter(\.$entityID == dto.id.uuidString).filter(\.$action == .update).first())
      #expect(audit.before?.contains("handler") == true)
      #expect(audit.after?.contains("reviewer") == true)
      // Act: disable the account
      // Disabling an account ends its API access.
      let t = try await app.token("zhang.san", password: "long-enough-1")
      _ = try await app.api(.PATCH, Paths.apiUser.link(dto.id), token: token, json: #"{"isActive":false}"#)
      // Check: its token no longer works
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: t).status == .unauthorized)
    }
  }

  @Test("Rule ORG-DEPARTMENTS: the 14 departments ship with their modules and admins edit them")
  func departments() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: list the departments, edit marketing's modules, then with an unknown one, and as handlerA
      let list = try await app.api(.GET, Paths.apiDepartments.link(), token: token)
      let items = try list.content.decode(ListResponse<DepartmentDTO>.self).items
      // Check: 14 listed; the edit saved, the unknown module refused; handlerA may read, not edit
      #expect(items.count == 14)
      let marketing = try #require(items.first { $0.nameZh == "营销部" })
      #expect(marketing.modules.count == 7)
      let patch = try await app.api(
        .PATCH, Paths.apiDepartment.link(marketing.id), token: token, json: #"{"modules":["hall","hotline95598"]}"#)
      #expect(patch.status == .ok)
      #expect(try patch.content.decode(DepartmentDTO.self).modules == ["hall", "hotline95598"])
      let bad = try await app.api(.PATCH, Paths.apiDepartment.link(marketing.id), token: token, json: #"{"modules":["weather"]}"#)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.apiError?.field == "modules")
      let handler = try await app.token("handlerA")
      #expect(try await app.api(.GET, Paths.apiDepartments.link(), token: handler).status == .ok)
      #expect(
        try await app.api(.PATCH, Paths.apiDepartment.link(marketing.id), token: handler, json: #"{"modules":[]}"#).status == .forbidden)
    }
  }

  @Test("The user form re-displays errors and keeps the typed values")
  func userForm() async throws {
    try await withApp { app in
      // Setup: an org with admin on the new-user form
      let org = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.userNew.link())
      // Act: add a user with a short password, then a good one
      let res = try await client.post(
        Paths.userNew.link(),
        [
          ("username", "li.si"), ("displayName", "李四"), ("password", "short"), ("unitId", org.countyA.savedID.uuidString),
          ("roles[]", "agent"),
        ])
      // Check: the error shown with the values kept; then saved with both roles
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("id=\"error-password\""))
      #expect(res.body.string.contains("value=\"李四\""))
      #expect(res.body.string.contains("value=\"li.si\""))
      let ok = try await client.post(
        Paths.userNew.link(),
        [
          ("username", "li.si"), ("displayName", "李四"), ("password", "long-enough-1"), ("unitId", org.countyA.savedID.uuidString),
          ("roles[]", "agent"), ("roles[]", "lead"),
        ])
      #expect(ok.status == .seeOther)
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "li.si").first())
      #expect(user.roles == [.agent, .lead])
    }
  }
}
