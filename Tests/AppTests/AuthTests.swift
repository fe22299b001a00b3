import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Sign-in, sessions, CSRF and language")
struct AuthTests {
  @Test("Login page is in Chinese by default and signing in shows the user's unit")
  func loginShowsUnit() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: open the login page
      let client = PageClient(app)
      let page = try await client.get(Paths.login.link())
      // Check: in Chinese with the username field
      #expect(page.status == .ok)
      #expect(page.body.string.contains("<html lang=\"zh-CN\">"))
      #expect(page.body.string.contains("用户名"))
      // Act: sign in as handlerA and open the home page
      let res = try await client.login("handlerA")
      // Check: redirected home, which shows the user's unit
      #expect(res.status == .seeOther)
      let home = try await client.get("/")
      #expect(home.status == .ok)
      #expect(home.body.string.contains("id=\"current-unit\""))
      #expect(home.body.string.contains("临川县供电公司"))
    }
  }

  @Test("A wrong password shows the message and keeps the username")
  func wrongPassword() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: sign in with a wrong password
      let client = PageClient(app)
      let res = try await client.login("handlerA", "not-the-password")
      // Check: a 401 with the message, the username kept, no session
      #expect(res.status == .unauthorized)
      #expect(res.body.string.contains("用户名或密码错误"))
      #expect(res.body.string.contains("value=\"handlerA\""))
      #expect(try await client.get("/").status == .seeOther)
    }
  }

  @Test("Rule ORG-LOCKOUT: 5 failed logins lock the account for 15 minutes, even against the right password")
  func lockout() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: fail four logins
      let client = PageClient(app)
      for _ in 1...4 {
        let res = try await client.login("agentB", "wrong-password")
        // Check: each says the username or password is wrong
        #expect(res.body.string.contains("用户名或密码错误"))
      }
      // The fifth failure locks, but a caller without the password is not told so.
      // Act: fail a fifth, then use the right password
      let fifth = try await client.login("agentB", "wrong-password")
      // Check: the fifth does not tell of the lock; the right one is locked for 15 minutes
      #expect(fifth.body.string.contains("用户名或密码错误") && !fifth.body.string.contains("锁定"))
      let right = try await client.login("agentB")
      #expect(right.status == .unauthorized)
      #expect(right.body.string.contains("锁定"))
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first())
      let until = try #require(user.lockedUntil)
      #expect(abs(until.timeIntervalSinceNow - 15 * 60) < 60)
      // The API refuses tokens for a locked account too.
      // Act: ask the API for a token
      let api = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"agentB","password":"correct-horse-1","name":"x"}"#)
      // Check: refused as account_locked; the lock audited once
      #expect(api.status == .unauthorized)
      #expect(api.apiError?.code == "account_locked")
      // The lock is audited as a state change.
      let audits = try await AuditRecord.query(on: app.db).filter(\.$action == .stateChange).filter(\.$entity == .user).count()
      #expect(audits == 1)
    }
  }

  @Test("Rule ORG-LOCKOUT: the lock ends after 15 minutes; a success resets the failure count")
  func lockExpires() async throws {
    try await withApp { app in
      // Setup: an org and a fixed clock
      _ = try await Org.make(app)
      let clock = FixedClock(Date(timeIntervalSince1970: 1_790_000_000))
      app.clock = clock
      // Act: fail five logins, then sign in after 14 and after 15 minutes
      let client = PageClient(app)
      for _ in 1...5 { try await client.login("agentB", "wrong-password") }
      clock.advance(by: 14 * 60)
      // Check: locked at 14, in at 15 with the failures reset
      #expect(try await client.login("agentB").status == .unauthorized)
      clock.advance(by: 61)
      #expect(try await client.login("agentB").status == .seeOther)
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first())
      #expect(user.failedLogins == 0)
      #expect(user.lockedUntil == nil)
    }
  }

  @Test("Rule ORG-LOCKOUT is configuration: 3 failures and 1 minute when so set")
  func lockoutConfigurable() async throws {
    try await withApp { app in
      // Setup: an org with a lockout of 3 failures for 1 minute
      _ = try await Org.make(app)
      app.config.lockout = LoginLockoutPolicy(maxFailures: 3, lockMinutes: 1)
      // Act: fail three logins, then use the right password
      let client = PageClient(app)
      for _ in 1...3 { try await client.login("agentB", "wrong-password") }
      let right = try await client.login("agentB")
      // Check: told to retry in 1 minute
      #expect(right.body.string.contains("请1分钟后再试"))
    }
  }

  @Test("A form posted without the CSRF token is refused and changes nothing")
  func csrf() async throws {
    try await withApp { app in
      // Setup: an org and handlerA signed in
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("handlerA")
      try await client.get("/")
      // Act: switch the language without the CSRF token
      let res = try await client.post(Paths.language.link(), [("locale", "en")], csrf: false)
      // Check: a 403 and the locale unchanged
      #expect(res.status == .forbidden)
      #expect(res.body.string.contains("id=\"error-status\">403"))
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first())
      #expect(user.locale == .zhCN)
      // A login without a token is refused as well.
      // Act: log in without the token
      let fresh = PageClient(app)
      let login = try await fresh.post(Paths.login.link(), [("username", "handlerA"), ("password", Org.password)], csrf: false)
      // Check: a 403
      #expect(login.status == .forbidden)
    }
  }

  @Test("The language choice persists for the user across sign-out and sign-in")
  func languagePersists() async throws {
    try await withApp { app in
      // Setup: an org and handlerA signed in
      _ = try await Org.make(app)
      let client = PageClient(app)
      try await client.login("handlerA")
      try await client.get("/")
      // Act: switch to English, sign out and sign in again
      let switched = try await client.post(Paths.language.link(), [("locale", "en")])
      // Check: English before and after signing in again
      #expect(switched.status == .seeOther)
      let home = try await client.get("/")
      #expect(home.body.string.contains("<html lang=\"en\">"))
      #expect(home.body.string.contains("Workbench"))
      try await client.post(Paths.logout.link(), [])
      #expect(try await client.get("/").status == .seeOther)
      let again = PageClient(app)
      try await again.login("handlerA")
      let page = try await again.get("/")
      #expect(page.body.string.contains("<html lang=\"en\">"))
      // The API follows the user's choice as well.
      // Act: ask the API for a missing unit
      let token = try await app.token("handlerA")
      let err = try await app.api(.GET, Paths.apiUnit.link(UUID()), token: token)
      // Check: the error is in English
      #expect(err.apiError?.message == "No such unit.")
    }
  }

  @Test("Pages need a session: anonymous requests go to the login page")
  func anonymous() async throws {
    try await withApp { app in
      // Setup: an empty app
      // Act: open the users page without a session
      let res = try await PageClient(app).get(Paths.users.link())
      // Check: redirected to the login page
      #expect(res.status == .seeOther)
      #expect(res.headers.first(name: .location) == Paths.login.link())
    }
  }

  @Test("Sessions are stored in the database so several servers share them")
  func sessionsInDatabase() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: sign in as handlerA
      let client = PageClient(app)
      try await client.login("handlerA")
      // Check: a session row and the wanjia_session cookie
      #expect(try await SessionRecord.query(on: app.db).count() >= 1)
      let cookie = try #require(client.cookie)
      #expect(cookie.hasPrefix("wanjia_session="))
    }
  }
}
