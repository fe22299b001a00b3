import Vapor

/// The session of a signed-in person. Signing in (and changing one's password) starts a new
/// session: the identifier and CSRF token the browser held before are dropped, so an identifier
/// planted before sign-in (session fixation) is worth nothing. The session records the user's
/// session number; a password change raises it, which ends every other session of that user.
extension Request {
  enum SessionKey {
    static let userID = "userID"
    static let version = "sessionVersion"
    static let locale = "locale"
    static let csrf = "csrf"
  }

  func startSession(for user: User) async throws {
    if let old = session.id {
      try await application.sessions.driver.deleteSession(old, for: self).get()
    }
    session.id = nil
    session.data = SessionData()
    session.data[SessionKey.userID] = try user.requireID().uuidString
    session.data[SessionKey.version] = String(user.sessionVersion)
    session.data[SessionKey.locale] = user.locale.rawValue
    session.data[SessionKey.csrf] = Self.newCSRFToken()
  }

  /// Signing out deletes the session; a new one keeps only the language for the login page.
  func endSession() async throws {
    let locale = self.locale
    if let old = session.id {
      try await application.sessions.driver.deleteSession(old, for: self).get()
    }
    session.id = nil
    session.data = SessionData()
    session.data[SessionKey.locale] = locale
  }

  /// The signed-in user id and the session number it signed in under (0 for sessions from
  /// before session numbers).
  var sessionUser: (id: UUID, version: Int)? {
    guard let raw = session.data[SessionKey.userID], let id = UUID(uuidString: raw) else { return nil }
    return (id, session.data[SessionKey.version].flatMap(Int.init) ?? 0)
  }

  static func newCSRFToken() -> String { [UInt8].random(count: 24).base64URLEncoded }
}

/// Placed right after the sessions middleware: marks that a request has a session to read. An
/// error raised before it (a NUL or over-long URL) still renders a page, whose chrome must not
/// touch the session (Vapor asserts, and nothing would keep a token made there).
struct SessionsReached: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    request.storage[SessionsReachedKey.self] = true
    return try await next.respond(to: request)
  }
}

struct SessionsReachedKey: StorageKey {
  typealias Value = Bool
}

extension Request {
  var sessionsReached: Bool { storage[SessionsReachedKey.self] ?? false }
}
