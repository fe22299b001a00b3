import Domain
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Checks a username and password with the lockout rule and the per-address throttle; used by
/// the login page and by token creation alike.
///
/// Every answer to a caller without the right password is the same `invalid`, whether the
/// account is unknown, disabled, locked or just locked by this attempt, and each takes one
/// password check (against a dummy hash of the same cost for unknown accounts), so neither the
/// answer nor its time tells which accounts exist. Only the right password on a locked account
/// learns of the lock.
enum LoginService {
  enum Outcome {
    case success(User)
    case invalid
    case locked
    /// Too many failures from this client address.
    case throttled
  }

  struct Context {
    let db: any Database
    let hasher: AsyncPasswordHasher
    let lockout: LoginLockoutPolicy
    let throttle: LoginSourceThrottle
    let source: String
    let now: Date
    let dummyHash: DummyPasswordHash
  }

  static func verify(username: String, password: String, for req: Request) async throws -> Outcome {
    let config = req.application.config
    return try await verify(
      username: username, password: password,
      context: Context(
        db: req.db, hasher: req.password.async, lockout: config.lockout, throttle: config.loginThrottle, source: req.clientAddress,
        now: req.now, dummyHash: req.application.dummyPasswordHash))
  }

  static func verify(username: String, password: String, context c: Context) async throws -> Outcome {
    let sql = c.db.sql
    if c.throttle.isThrottled(
      failures: try await LoginCounters.sourceFailures(c.source, since: c.throttle.openWindowStart(now: c.now), on: sql))
    {
      return .throttled
    }
    guard let user = try await User.byUsername(username, on: c.db), user.isActive, let userID = user.id else {
      _ = try await c.hasher.verify(password, created: try await c.dummyHash.value(c.hasher)).get()
      return try await failed(c, sql)
    }
    // Counted before the check, forgiven on success: parallel guesses cannot outrun the count.
    let attempt = try await LoginCounters.claimAttempt(userID: userID, now: c.now, on: sql)
    let correct = try await c.hasher.verify(password, created: user.passwordHash).get()
    guard let attempt, c.lockout.mayCheck(attempt: attempt) else {
      return correct ? .locked : try await failed(c, sql)
    }
    if correct {
      try await LoginCounters.forgive(userID: userID, on: sql)
      return .success(user)
    }
    if c.lockout.locks(afterFailures: attempt) {
      let until = c.lockout.lockEnd(now: c.now)
      if try await LoginCounters.lock(userID: userID, failuresAtLeast: c.lockout.maxFailures, until: until, now: c.now, on: sql) {
        try await AuditLog.record(
          .stateChange, entity: .user, id: userID.uuidString, actor: nil, before: NoSnapshot?.none,
          after: ["lockedUntil": BusinessTime.iso8601(until)], on: c.db, at: c.now)
      }
    }
    return try await failed(c, sql)
  }

  private static func failed(_ c: Context, _ sql: any SQLDatabase) async throws -> Outcome {
    try await LoginCounters.recordSourceFailure(c.source, now: c.now, windowStart: c.throttle.openWindowStart(now: c.now), on: sql)
    return .invalid
  }
}

/// A hash of a fixed text made once with the configured hasher, so that an unknown username
/// costs the same password check as a known one.
final class DummyPasswordHash: Sendable {
  private let hash = NIOLockedValueBox<String?>(nil)

  func value(_ hasher: AsyncPasswordHasher) async throws -> String {
    if let made = hash.withLockedValue({ $0 }) { return made }
    let made = try await hasher.hash("wanjia: no such user").get()
    return hash.withLockedValue { existing in
      if let existing { return existing }
      existing = made
      return made
    }
  }
}

struct DummyPasswordHashKey: StorageKey {
  typealias Value = DummyPasswordHash
}

extension Application {
  /// Set up by `configure`, before the server takes requests.
  var dummyPasswordHash: DummyPasswordHash {
    guard let existing = storage[DummyPasswordHashKey.self] else {
      let made = DummyPasswordHash()
      storage[DummyPasswordHashKey.self] = made
      return made
    }
    return existing
  }
}
