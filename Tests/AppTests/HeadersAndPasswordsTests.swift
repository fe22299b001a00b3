import ConsoleKit
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Security headers, redirects and the password policy on every path")
struct HeadersAndPasswordsTests {
  @Test("Rule ORG-SESSION: pages carry CSP without inline script, no framing, nosniff; signed-in pages and exports are never cached")
  func headers() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: open the login page
      let client = PageClient(app)
      let login = try await client.get(Paths.login.link())
      // Check: CSP without inline script or framing, DENY and nosniff
      let csp = try #require(login.headers.first(name: "Content-Security-Policy"))
      #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
      #expect(login.headers.first(name: "X-Frame-Options") == "DENY")
      #expect(login.headers.first(name: "X-Content-Type-Options") == "nosniff")
      // Act: sign in as admin and open pages, exports, an error page and the API
      try await client.login("admin")
      for path in [
        "/", Paths.workOrders.link(), Paths.users.link(), Paths.workOrdersCSV.link() + "?view=all",
        Paths.workOrdersXLSX.link() + "?view=all",
      ] {
        let res = try await client.get(path)
        // Check: each is no-store
        #expect(res.status == .ok, "\(path)")
        #expect(res.headers.first(name: .cacheControl) == "no-store", "\(path)")
      }
      // Error pages of a signed-in person too.
      #expect(try await client.get(Paths.workOrder.link(UUID())).headers.first(name: .cacheControl) == "no-store")
      let token = try await app.token("admin")
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: token).headers.first(name: .cacheControl) == "no-store")
    }
  }

  @Test("No template carries an inline script, an inline event handler or a style attribute")
  func templatesHaveNoInlineCode() throws {
    // Setup: the Leaf templates folder
    let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Resources/Views")
    let files = try #require(FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil))
    var checked = 0
    // Act: read each template
    for case let file as URL in files where file.pathExtension == "leaf" {
      let text = try String(contentsOf: file, encoding: .utf8)
      checked += 1
      // Check: no inline script, event handler or style
      #expect(text.range(of: #"<script(?![^>]*\ssrc=)"#, options: .regularExpression) == nil, "\(file.lastPathComponent)")
      #expect(text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(file.lastPathComponent)")
      #expect(text.range(of: #"\sstyle\s*="#, options: .regularExpression) == nil, "\(file.lastPathComponent)")
      #expect(!text.contains("<style"), "\(file.lastPathComponent)")
    }
    #expect(checked > 20)
  }

  @Test("The language switch returns only to a path on this server")
  func languageRedirect() async throws {
    try await withApp { app in
      // Setup: referers from this server, from other hosts, and none
      let cases: [(String?, String)] = [
        ("http://127.0.0.1:8080/work-orders?view=open", Paths.workOrders.link() + "?view=open"),
        ("http://evil.example//evil.example/x", "/"), ("//evil.example/x", "/x"),
        ("http://evil.example/\\evil.example", "/%5Cevil.example"),
        ("https://evil.example", "/"), ("javascript:alert(1)", "/"), (nil, "/"),
      ]
      for (referer, expected) in cases {
        // Act: switch the language with the referer
        let client = PageClient(app)
        try await client.get(Paths.login.link())
        var result: TestingHTTPResponse?
        try await app.testing().test(
          .POST, Paths.language.link(),
          beforeRequest: { req in
            req.headers.replaceOrAdd(name: .cookie, value: client.cookie ?? "")
            if let referer { req.headers.replaceOrAdd(name: .referer, value: referer) }
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: "locale=en&csrfToken=\(client.csrfToken ?? "")")
          }, afterResponse: { res async throws in result = res })
        // Check: redirected to a path on this server only
        #expect(result?.status == .seeOther)
        #expect(result?.headers.first(name: .location) == expected, "\(referer ?? "none")")
      }
    }
  }

  @Test("Rule ORG-PASSWORD: the password policy holds on the user page, the API and the CLI")
  func policyEverywhere() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      let cases = [
        ("short-1", "validation.password_short"), ("zhangsan-secret", "validation.password_username"),
        ("1qaz2wsx3edc", "validation.password_common"),
      ]
      // Act: create a user through the API with each bad password
      for (password, key) in cases {
        let res = try await app.api(
          .POST, Paths.apiUsers.link(), token: token,
          json:
            #"{"username":"zhangsan","displayName":"张三","password":"\#(password)","unitId":"\#(org.countyA.savedID)","roles":["agent"]}"#)
        // Check: a 422 on password with the policy's message
        #expect(res.status == .unprocessableEntity && res.apiError?.field == "password", "\(password)")
        #expect(res.apiError?.message == app.localizer.text(key, locale: "zh-CN", args: ["10"]))
      }
      // Act: add a user on the page with a common password
      let admin = PageClient(app)
      try await admin.login("admin")
      try await admin.get(Paths.userNew.link())
      let page = try await admin.post(
        Paths.userNew.link(),
        [
          ("username", "lisi"), ("displayName", "李四"), ("password", "qwertyuiop"), ("unitId", org.countyA.savedID.uuidString),
          ("roles[]", "agent"),
        ])
      // Check: a 422 saying the password is too common
      #expect(page.status == .unprocessableEntity)
      #expect(page.body.string.contains("id=\"error-password\">该密码过于常见"))
      // Act: reset agentB's password through the API to one containing the username
      // PATCH through the API (an admin's reset) too.
      let agent = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first())
      let patch = try await app.api(.PATCH, Paths.apiUser.link(agent.savedID), token: token, json: #"{"password":"agentB-2026-pw"}"#)
      // Check: a 422 on password, and no new user saved
      #expect(patch.status == .unprocessableEntity && patch.apiError?.field == "password")
      #expect(try await User.query(on: app.db).filter(\.$username ~~ ["zhangsan", "lisi"]).count() == 0)
    }
  }

  @Test("Rule ORG-PASSWORD: user create reads the password from standard input, refuses --password, and applies the policy")
  func cliPassword() async throws {
    try await withApp { app in
      // Setup: an org and a helper that runs user create
      _ = try await Org.make(app)
      func run(_ arguments: [String], password: String?) async throws {
        var context = CommandContext(console: CapturingConsole(), input: CommandInput(arguments: ["wanjia", "create"] + arguments))
        context.application = app
        try await UserCommands(readPassword: { _ in password }).run(using: &context)
      }
      // Act: create wang.wu with the password on standard input
      try await run(["wang.wu", "--unit", "A-S1", "--roles", "handler"], password: "long-enough-pass-1")
      // Check: the account signs in
      #expect(try await app.token("wang.wu", password: "long-enough-pass-1").isEmpty == false)
      // Act: pass --password, then no password, then one containing the username
      // Check: each is refused and no account saved
      await #expect(throws: (any Error).self) {
        try await run(["zhao.liu", "--unit", "A", "--roles", "agent", "--password", "long-enough-pass-1"], password: "long-enough-pass-1")
      }
      await #expect(throws: CommandFailure.self) { try await run(["zhao.liu", "--unit", "A", "--roles", "agent"], password: nil) }
      await #expect(throws: CommandFailure.self) {
        try await run(["zhao.liu", "--unit", "A", "--roles", "agent"], password: "zhao.liu.2026")
      }
      #expect(try await User.query(on: app.db).filter(\.$username == "zhao.liu").count() == 0)
    }
  }

  @Test("Rule ORG-PASSWORD: the demo refuses a WANJIA_DEMO_PASSWORD that breaks the policy for a demo user")
  func demoPassword() async throws {
    try await withApp { app in
      // Setup: a demo password that breaks the policy
      app.config.demoPassword = "admin-password-1"
      // Act: seed the demo
      // Check: refused with nothing seeded; a random demo password meets the policy
      await #expect(throws: CommandFailure.self) { _ = try await DemoSeed.seedIfEmpty(app) }
      let units = try await OrgUnit.query(on: app.db).count()
      #expect(units == 0)
      let random = DemoSeed.randomPassword(policy: app.passwordPolicy)
      #expect(Role.allCases.allSatisfy { app.passwordPolicy.problem(password: random, username: $0.rawValue) == nil })
    }
  }

  @Test("Rule ORG-SESSION: the session cookie is Secure when WANJIA_SECURE_COOKIE is set")
  func secureCookie() async throws {
    // Setup: WANJIA_SECURE_COOKIE read from the environment, an app with secure cookies
    #expect(AppConfig.fromEnvironment(["WANJIA_SECURE_COOKIE": "true"]).secureCookie)
    let app = try await Application.make(.testing)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-cookie-\(UUID().uuidString)").path
    try await configure(app, AppConfig(database: .sqliteMemory, dataDirectory: dir, bcryptCost: 4, logFormat: .text, secureCookie: true))
    try await app.autoMigrate()
    // Act: open the login page
    let res = try await PageClient(app).get(Paths.login.link())
    // Check: the session cookie is Secure
    #expect(res.headers.setCookie?["wanjia_session"]?.isSecure == true)
    try await app.asyncShutdown()
  }
}
