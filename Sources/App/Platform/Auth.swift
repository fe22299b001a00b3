import Crypto
import Domain
import Fluent
import SQLKit
import Vapor

/// Pages: the user id kept in the database-backed session. Without one (or when a password
/// change ended the session), GET requests go to the login page; other requests are refused.
struct SessionAuthMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let (id, version) = request.sessionUser {
      if let actor = try await ActorLoader.load(userID: id, sessionVersion: version, on: request.db) {
        request.storage[ActorKey.self] = actor
        return try await next.respond(to: request)
      }
      request.session.destroy()
    }
    if request.method == .GET {
      return request.redirect(to: Paths.login.link())
    }
    throw AppError.unauthorized
  }
}

/// API: `Authorization: Bearer <token>`; tokens are stored as SHA-256 hashes.
struct BearerAuthMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard let bearer = request.headers.bearerAuthorization else { throw AppError.unauthorized }
    guard let actor = try await ActorLoader.load(tokenHash: ApiToken.hash(bearer.token), now: request.now, on: request.db) else {
      throw AppError.unauthorized
    }
    request.storage[ActorKey.self] = actor
    return try await next.respond(to: request)
  }
}

/// Every form carries the session's CSRF token; a POST without the right one is refused. The
/// token is inside the body, so the whole body is collected first (up to the route's limit):
/// reading only what had arrived refused every form larger than one network read.
struct CSRFMiddleware: AsyncMiddleware {
  static let field = "csrfToken"

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if request.method != .GET && request.method != .HEAD {
      try await BodyLimit.collect(request)
      let sent: String?
      do {
        sent = try request.content.get(String.self, at: Self.field)
      } catch let refusal as AppError where refusal.code == NulCharacters.refusalCode {
        // A form with NUL is refused as such (400 naming the line), not as a forged one.
        throw refusal
      } catch {
        sent = nil
      }
      guard let expected = request.session.data[Request.SessionKey.csrf], let sent,
        Self.constantTimeEqual(sent, expected)
      else { throw AppError.csrf }
    }
    return try await next.respond(to: request)
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}

extension Request {
  /// The session's CSRF token, created on first use.
  var csrfToken: String {
    if let token = session.data[SessionKey.csrf] { return token }
    let token = Self.newCSRFToken()
    session.data[SessionKey.csrf] = token
    return token
  }
}

extension Array where Element == UInt8 {
  static func random(count: Int) -> [UInt8] {
    var rng = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
  }

  var base64URLEncoded: String {
    Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }
}
