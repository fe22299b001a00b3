import Crypto
import Domain
import Fluent
import SQLKit
import Vapor

/// Loads the actor for a user id, with the unit's name and path, or nil when the user is gone
/// or disabled.
enum ActorLoader {
  static func load(userID: UUID, on db: any Database) async throws -> Actor? {
    guard let sql = db as? any SQLDatabase else { return try await loadUser(userID: userID, on: db)?.actor }
    return try await ActorRows.user(userID, on: sql)
  }

  /// The active user of a session, unless a password change has ended sessions of that number.
  static func load(userID: UUID, sessionVersion: Int, on db: any Database) async throws -> Actor? {
    guard let sql = db as? any SQLDatabase else {
      guard let user = try await loadUser(userID: userID, on: db), user.sessionVersion == sessionVersion else { return nil }
      return try user.actor
    }
    return try await ActorRows.user(userID, sessionVersion: sessionVersion, on: sql)
  }

  /// The active users of these units.
  static func active(inUnits ids: [UUID], on db: any Database) async throws -> [Actor] {
    guard let sql = db as? any SQLDatabase else {
      return try await User.query(on: db).filter(\.$unit.$id ~~ ids).filter(\.$isActive == true).with(\.$unit).all().map { try $0.actor }
    }
    return try await ActorRows.active(inUnits: ids, on: sql)
  }

  /// The active holder of an unrevoked, unexpired API token, by the token's hash.
  static func load(tokenHash: String, now: Date, on db: any Database) async throws -> Actor? {
    guard let sql = db as? any SQLDatabase else {
      guard
        let token = try await ApiToken.query(on: db).filter(\.$tokenHash == tokenHash).filter(\.$revokedAt == nil)
          .filter(\.$expiresAt > now).first()
      else { return nil }
      return try await load(userID: token.$user.id, on: db)
    }
    return try await ActorRows.holder(ofTokenHash: tokenHash, now: now, on: sql)
  }

  /// The active user with their unit loaded, or nil.
  static func loadUser(userID: UUID, on db: any Database) async throws -> User? {
    guard let user = try await User.query(on: db).filter(\.$id == userID).with(\.$unit).first(),
      user.isActive
    else { return nil }
    return user
  }
}

extension User {
  var actor: Actor {
    get throws {
      try Actor.user(
        id: requireID(), username: username, displayName: displayName, rolesList: rolesList, locale: locale, unitID: $unit.id,
        unitName: unit.name, unitPath: unit.path)
    }
  }
}

extension Actor {
  /// A user as stored: roles comma-separated (`User.rolesList`), unknown codes ignored.
  static func user(
    id: UUID, username: String, displayName: String, rolesList: String, locale: String, unitID: UUID, unitName: String,
    unitPath: String
  ) -> Actor {
    Actor(
      userID: id, username: username, displayName: displayName, roles: Set(User.roleCodes(rolesList).compactMap(Role.init(rawValue:))),
      unitID: unitID, unitName: unitName, unitPath: UnitPath(value: unitPath), locale: Localizer.normalise(locale))
  }
}

/// Pages: the user id kept in the database-backed session. Without one (or when a password
/// change ended the session), GET requests go to the login page; other requests are refused.
struct SessionAuthMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let (id, version) = request.sessionUser {
      if let actor = try await ActorLoader.load(userID: id, sessionVersion: version, on: request.db) {
        request.storage[ActorKey.self] = actor
        request.storage[UnreadCountKey.self] = try await Inbox.unreadCount(userID: actor.userID, on: request.db)
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

/// Unread inbox messages of the signed-in user, for the navigation badge.
struct UnreadCountKey: StorageKey {
  typealias Value = Int
}
