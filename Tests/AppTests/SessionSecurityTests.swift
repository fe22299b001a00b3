import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Sessions and API tokens: renewal, ending, expiry")
struct SessionSecurityTests {
  @Test("Rule ORG-SESSION: signing in issues a new session identifier and CSRF token; the planted one is dead")
  func renewedAtSignIn() async throws {
    try await withApp { app in
      // Setup: an org and the login page's session id and CSRF token
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.get(Paths.login.link())
      let planted = try #require(client.cookie)
      let csrfBefore = try #require(client.csrfToken)
      // Act: sign in as handlerA
      let res = try await client.login("handlerA")
      // Check: a new session id and CSRF token
      #expect(res.status == .seeOther)
      let after = try #require(client.cookie)
      #expect(after != planted)
      try await client.get("/")
      #expect(try #require(client.csrfToken) != csrfBefore)
      // Act: replay the planted session id
      // The identifier from before sign-in gives no access.
      let attacker = PageClient(app)
      attacker.cookie = planted
      let page = try await attacker.get("/")
      // Check: it leads to the login page
      #expect(page.status == .seeOther && page.headers.first(name: .location) == Paths.login.link())
    }
  }

  @Test("Rule ORG-SESSION: changing one's password ends the other sessions, keeps this one (renewed) and revokes the API tokens")
  func passwordChangeEndsOthers() async throws {
    try await withApp { app in
      // Setup: handlerA signed in twice and holding an API token
      _ = try await Org.make(app)
      let first = PageClient(app)
      let second = PageClient(app)
      try await first.login("handlerA")
      try await second.login("handlerA")
      let token = try await app.token("handlerA")
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: token).status == .ok)
      try await first.get(Paths.accountPassword.link())
      let cookieBefore = first.cookie
      // Act: change the password without confirm
      // Without the confirmation nothing changes.
      let unconfirmed = try await first.post(
        Paths.accountPassword.link(), [("currentPassword", Org.password), ("newPassword", "a-new-pass-2026")])
      // Check: refused; the other session still works
      #expect(unconfirmed.status == .unprocessableEntity)
      #expect(unconfirmed.body.string.contains("id=\"error-confirm\">请勾选确认"))
      #expect(try await second.get("/").status == .ok)
      // Act: change it with confirm
      let changed = try await first.post(
        Paths.accountPassword.link(), [("currentPassword", Org.password), ("newPassword", "a-new-pass-2026"), ("confirm", "yes")])
      // Check: this session renewed, the other ended, the token revoked, only the new password works
      #expect(changed.status == .seeOther)
      #expect(first.cookie != cookieBefore)
      #expect(try await first.get("/").status == .ok)
      let ended = try await second.get("/")
      #expect(ended.status == .seeOther && ended.headers.first(name: .location) == Paths.login.link())
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: token).status == .unauthorized)
      #expect(try await PageClient(app).login("handlerA", "a-new-pass-2026").status == .seeOther)
      #expect(try await PageClient(app).login("handlerA").status == .unauthorized)
    }
  }

  @Test("Rules ORG-SESSION, ORG-PASSWORD: a wrong current password and a new one that breaks the policy are field errors")
  func passwordChangeErrors() async throws {
    try await withApp { app in
      // Setup: handlerA on the password page
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("handlerA")
      try await client.get(Paths.accountPassword.link())
      // Act: change it with a wrong current password and a new one containing the username
      let wrong = try await client.post(
        Paths.accountPassword.link(), [("currentPassword", "not-my-password"), ("newPassword", "handlerA-2026-x"), ("confirm", "yes")])
      // Check: both fields named, nothing changed
      #expect(wrong.status == .unprocessableEntity)
      #expect(wrong.body.string.contains("id=\"error-currentPassword\""))
      #expect(wrong.body.string.contains("id=\"error-newPassword\">密码不能是用户名，也不能包含用户名。"))
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first())
      #expect(user.sessionVersion == 0)
    }
  }

  @Test("Rule ORG-SESSION: an admin's password reset ends the user's sessions and revokes their tokens")
  func adminResetEndsSessions() async throws {
    try await withApp { app in
      // Setup: agentB signed in and holding a token, admin on agentB's edit page
      _ = try await Org.make(app)
      let victim = PageClient(app)
      try await victim.login("agentB")
      let token = try await app.token("agentB")
      let admin = PageClient(app)
      try await admin.login("admin")
      let agent = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").with(\.$unit).first())
      try await admin.get(Paths.userEdit.link(agent.savedID))
      // Act: reset agentB's password
      let res = try await admin.post(
        Paths.userEdit.link(agent.savedID),
        [
          ("displayName", agent.displayName), ("password", "reset-by-admin-1"), ("unitId", agent.$unit.id.uuidString),
          ("roles[]", "agent"), ("isActive", "on"),
        ])
      // Check: agentB's session ended and token revoked; admin still in
      #expect(res.status == .seeOther)
      #expect(try await victim.get("/").status == .seeOther)
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: token).status == .unauthorized)
      #expect(try await admin.get("/").status == .ok)
      let revoked = try await ApiToken.query(on: app.db).filter(\.$revokedAt != nil).count()
      #expect(revoked == 1)
    }
  }

  @Test("Rule ORG-API-TOKEN: tokens expire after 90 days by default (configurable); the expiry is shown; an expired token is refused")
  func tokenExpiry() async throws {
    try await withApp { app in
      // Setup: an org and a fixed clock
      _ = try await Org.make(app)
      let clock = FixedClock(Date(timeIntervalSince1970: 1_790_000_000))
      app.clock = clock
      // Act: create a token through the API
      let created = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"handlerA","password":"correct-horse-1","name":"sync"}"#)
      // Check: it expires in 90 days, shown in the list
      #expect(created.status == .created)
      let body = try created.content.decode(TokenCreated.self)
      #expect(body.expiresAt == clock.now().addingTimeInterval(90 * 86_400))
      let list = try await app.api(.GET, Paths.apiTokens.link(), token: body.token)
      let item = try #require(try list.content.decode(ListResponse<TokenDTO>.self).items.first)
      #expect(item.expiresAt == body.expiresAt && !item.expired)
      // Act: move to a minute before 90 days, then past it
      clock.advance(by: 90 * 86_400 - 60)
      // Check: accepted, then refused
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: body.token).status == .ok)
      clock.advance(by: 61)
      let refused = try await app.api(.GET, Paths.apiMe.link(), token: body.token)
      #expect(refused.status == .unauthorized)
      // Act: make a token on the page with 7-day tokens configured
      // The page shows the expiry of a new token and marks old ones expired.
      app.config.tokenDays = 7
      let client = PageClient(app)
      try await client.login("handlerA")
      try await client.get(Paths.tokens.link())
      let page = try await client.post(Paths.tokens.link(), [("name", "报表同步")])
      // Check: its expiry shown; the old one marked expired
      #expect(page.status == .created)
      let expires = DisplayFormat.dateTime(clock.now().addingTimeInterval(7 * 86_400))
      #expect(page.body.string.contains("id=\"new-token-expires\">有效期至 \(expires)"))
      #expect(page.body.string.contains("已过期"))
    }
  }

  @Test("Rule ORG-SESSION: signing out deletes the session on the server; its cookie no longer works")
  func signOutDeletes() async throws {
    try await withApp { app in
      // Setup: an org with handlerA signed in
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("handlerA")
      try await client.get("/")
      let signedIn = try #require(client.cookie)
      // Act: sign out, then replay the cookie
      try await client.post(Paths.logout.link(), [])
      let replay = PageClient(app)
      replay.cookie = signedIn
      // Check: the replay is sent to the login page
      #expect(try await replay.get("/").status == .seeOther)
    }
  }
}
