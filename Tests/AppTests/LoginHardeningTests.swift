import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import App

/// Counts password checks, so a test can see that one ran (time itself is never asserted).
final class CountingHasher: PasswordHasher, @unchecked Sendable {
  let inner: any PasswordHasher
  private let verified = NIOLockedValueBox<[String]>([])

  /// Wraps the hasher the app has now. Not `app.password`: that looks the hasher up at each
  /// call, so once this one is installed it would call itself until the stack overflows.
  init(configuredIn app: Application) { self.inner = app.password.sync }
  var verifiedDigests: [String] { verified.withLockedValue { $0 } }

  func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] { try inner.hash(password) }
  func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool {
    verified.withLockedValue { $0.append(String(decoding: digest, as: UTF8.self)) }
    return try inner.verify(password, created: digest)
  }
}

@Suite("Sign-in hardening: atomic lockout, address throttle, no account enumeration")
struct LoginHardeningTests {
  @Test("Rule ORG-LOCKOUT: 40 parallel wrong passwords lock the account; then the right password is refused")
  func parallelAttemptsLock() async throws {
    try await withApp(sqliteFile: true) { app in
      // Setup: an org in a SQLite file, the address throttle out of the way
      _ = try await Org.make(app)
      // The address throttle is not under test here.
      app.config.loginThrottle = LoginSourceThrottle(maxFailures: 1000, windowMinutes: 15)
      // Act: send 40 wrong passwords for agentB in parallel
      let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
        for n in 0..<40 {
          group.addTask {
            try await app.api(
              .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"agentB","password":"wrong-\#(n)-pass","name":"x"}"#
            )
            .status
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      // Check: all refused and the account locked
      #expect(statuses.count == 40 && statuses.allSatisfy { $0 == .unauthorized })
      let user = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first())
      #expect(user.lockedUntil != nil)
      // Act: ask for a token with the right password
      let right = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"agentB","password":"correct-horse-1","name":"x"}"#)
      // Check: refused as locked, no token, the lock audited once
      #expect(right.status == .unauthorized)
      #expect(right.apiError?.code == "account_locked")
      #expect(try await ApiToken.query(on: app.db).count() == 0)
      // One lock, audited once, however many attempts raced for it.
      let audits = try await AuditRecord.query(on: app.db).filter(\.$action == .stateChange).filter(\.$entity == .user).count()
      #expect(audits == 1)
    }
  }

  @Test("Rule ORG-LOCKOUT: an unknown username costs a password check against the dummy hash, like a known one")
  func unknownUserIsVerified() async throws {
    try await withApp { app in
      // Setup: an org and a hasher that counts checks
      _ = try await Org.make(app)
      let counting = CountingHasher(configuredIn: app)
      app.passwords.use { _ in counting }
      // Act: sign in as an unknown user
      let client = PageClient(app)
      let unknown = try await client.login("no-such-user", "whatever-password")
      // Check: refused after a check against the dummy hash of the same cost
      #expect(unknown.status == .unauthorized)
      #expect(unknown.body.string.contains("用户名或密码错误"))
      let dummy = try await app.dummyPasswordHash.value(app.password.async)
      #expect(counting.verifiedDigests == [dummy])
      // The dummy hash is made with the same hasher (and so the same cost) as real ones.
      #expect(dummy.hasPrefix("$2") && dummy.contains("$04$"))
      // Act: sign in as agentB with a wrong password
      let known = try await client.login("agentB", "whatever-password")
      // Check: the same page, checked against agentB's own hash
      #expect(known.body.string == unknown.body.string.replacingOccurrences(of: "no-such-user", with: "agentB"))
      #expect(counting.verifiedDigests.count == 2)
      #expect(counting.verifiedDigests[1] != dummy)
    }
  }

  @Test("Rule ORG-LOCKOUT: a locked account answers a wrong password exactly like an unknown account")
  func lockedAccountDoesNotTell() async throws {
    try await withApp { app in
      // Setup: an org and a hasher that counts checks
      _ = try await Org.make(app)
      let counting = CountingHasher(configuredIn: app)
      app.passwords.use { _ in counting }
      // Act: lock agentB with five wrong passwords
      for _ in 1...5 {
        let res = try await app.api(
          .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"agentB","password":"wrong-pass-1","name":"x"}"#)
        // Check: each is invalid credentials
        #expect(res.apiError?.code == "invalid_credentials")
      }
      // Act: try another wrong password for agentB, and an unknown user
      let locked = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"agentB","password":"wrong-pass-2","name":"x"}"#)
      let unknown = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"nobody","password":"wrong-pass-2","name":"x"}"#)
      // Check: the same 401 body, each checked against a hash; the page does not tell either
      #expect(locked.status == .unauthorized && unknown.status == .unauthorized)
      // The same body; compared as JSON values, since the encoder's key order varies.
      let lockedBody = try JSONSerialization.jsonObject(with: Data(locked.body.string.utf8)) as? NSDictionary
      let unknownBody = try JSONSerialization.jsonObject(with: Data(unknown.body.string.utf8)) as? NSDictionary
      #expect(lockedBody != nil && lockedBody == unknownBody)
      #expect(locked.apiError?.code == "invalid_credentials")
      // Both were checked against a hash: 5 + 1 + 1 checks.
      #expect(counting.verifiedDigests.count == 7)
      let page = PageClient(app)
      let lockedPage = try await page.login("agentB", "wrong-pass-3")
      #expect(lockedPage.body.string.contains("用户名或密码错误") && !lockedPage.body.string.contains("锁定"))
    }
  }

  @Test("Rule ORG-LOGIN-THROTTLE: 20 failures from one address refuse that address for every account; other addresses still sign in")
  func sourceThrottle() async throws {
    try await withApp { app in
      // Setup: an org behind a proxy and a helper signing in from an address
      _ = try await Org.make(app)
      app.config.behindProxy = true
      func attempt(_ user: String, _ password: String, from address: String) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await app.testing().test(
          .POST, Paths.apiTokens.link(),
          beforeRequest: { req in
            req.headers.replaceOrAdd(name: .xForwardedFor, value: "203.0.113.9, \(address)")
            try req.content.encode(["username": user, "password": password, "name": "x"])
          }, afterResponse: { res async throws in result = res })
        return try #require(result)
      }
      // Act: fail 20 logins from one address over several accounts
      // Spread over accounts, known and unknown, so no account lock is reached.
      for n in 0..<20 {
        let res = try await attempt(n < 4 ? "handlerA" : "nobody\(n)", "wrong-pass-\(n)", from: "10.0.0.7")
        // Check: each is a 401
        #expect(res.status == .unauthorized)
      }
      // Act: sign in as admin from that address, then from another
      let refused = try await attempt("admin", Org.password, from: "10.0.0.7")
      // Check: the first is refused as too many, the other gets in
      #expect(refused.status == .tooManyRequests)
      #expect(refused.apiError?.code == "too_many_attempts")
      let elsewhere = try await attempt("admin", Org.password, from: "10.0.0.8")
      #expect(elsewhere.status == .created)
      // The window ends after 15 minutes.
      // Act: move 15 minutes on and sign in from the first address
      let clock = FixedClock(Date().addingTimeInterval(15 * 60 + 1))
      app.clock = clock
      // Check: it gets in
      #expect(try await attempt("admin", Org.password, from: "10.0.0.7").status == .created)
    }
  }

  @Test("Rules ORG-LOGIN-THROTTLE, ORG-LOCKOUT: the numbers come from the environment")
  func configuration() {
    // Setup: environment values for the throttle and the proxy
    // Act: read the config from them, and from an empty environment
    let config = AppConfig.fromEnvironment([
      "WANJIA_LOGIN_SOURCE_MAX_FAILURES": "50", "WANJIA_LOGIN_SOURCE_WINDOW_MINUTES": "30", "WANJIA_BEHIND_PROXY": "true",
    ])
    // Check: the values as given, and the defaults without them
    #expect(config.loginThrottle == LoginSourceThrottle(maxFailures: 50, windowMinutes: 30))
    #expect(config.behindProxy)
    let defaults = AppConfig.fromEnvironment([:])
    #expect(defaults.loginThrottle == .default && !defaults.behindProxy && !defaults.secureCookie && defaults.tokenDays == 90)
  }
}
