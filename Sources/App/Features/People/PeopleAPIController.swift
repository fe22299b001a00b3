import Domain
import Fluent
import Vapor

/// `/api/v1/me`, `/api/v1/users` (admin) and `/api/v1/tokens`.
enum PeopleAPIController {
  /// Token creation authenticates with username and password, so it sits outside the bearer guard.
  static func registerPublic(_ api: any RoutesBuilder) {
    api.post(Paths.apiTokens.components, use: createToken)
  }

  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiMe.components, use: me)
    api.get(Paths.apiTokens.components, use: listTokens)
    api.delete(Paths.apiToken.components, use: revokeToken)
    api.get(Paths.apiUsers.components, use: listUsers)
    api.post(Paths.apiUsers.components, use: createUser)
    api.get(Paths.apiUser.components, use: showUser)
    api.patch(Paths.apiUser.components, use: updateUser)
  }

  @Sendable static func me(req: Request) async throws -> UserDTO {
    guard let user = try await User.active(try req.actor.userID, on: req.db) else { throw AppError.unauthorized }
    return try UserDTO(user, unit: user.unit, now: req.now)
  }

  @Sendable static func createToken(req: Request) async throws -> Response {
    let body = try req.content.decode(TokenCreateRequest.self)
    var errors = FieldErrors()
    let name = Validate.text(body.name, field: "name", max: Limits.tokenName, into: &errors)
    try errors.throwIfAny()
    switch try await LoginService.verify(username: body.username, password: body.password, for: req) {
    case .invalid:
      throw AppError(.unauthorized, code: .invalidCredentials, key: "login.error.invalid")
    case .locked:
      throw AppError(
        .unauthorized, code: .accountLocked, key: "login.error.locked", args: [String(req.application.config.lockout.lockMinutes)])
    case .throttled:
      throw AppError(
        .tooManyRequests, code: .tooManyAttempts, key: "login.error.throttled",
        args: [String(req.application.config.loginThrottle.windowMinutes)])
    case .success(let user):
      let created = try await TokenIssuer.issue(for: user, name: name, days: req.application.config.tokenDays, now: req.now, on: req.db)
      return try await created.encodeResponse(status: .created, for: req)
    }
  }

  @Sendable static func listTokens(req: Request) async throws -> ListResponse<TokenDTO> {
    let tokens = try await ApiToken.query(on: req.db).filter(\.$user.$id == (try req.actor).userID).sort(\.$createdAt).all()
    let now = req.now
    return ListResponse(items: try tokens.map { try TokenDTO($0, now: now) })
  }

  @Sendable static func revokeToken(req: Request) async throws -> HTTPStatus {
    let id = try req.uuidParameter("tokenID", entity: "entity.token")
    try await TokenIssuer.revoke(id, actor: try req.actor, on: req.db, now: req.now)
    return .noContent
  }

  @Sendable static func listUsers(req: Request) async throws -> ListResponse<UserDTO> {
    try req.actor.require(.admin)
    let users = try await User.query(on: req.db).with(\.$unit).sort(\.$username).all()
    return ListResponse(items: try users.map { try UserDTO($0, unit: $0.unit, now: req.now) })
  }

  @Sendable static func showUser(req: Request) async throws -> UserDTO {
    try req.actor.require(.admin)
    let user = try await findUser(req)
    return try UserDTO(user, unit: user.unit, now: req.now)
  }

  @Sendable static func createUser(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let b = try req.content.decode(UserCreateRequest.self)
    let user = try await UserService.create(
      .init(username: b.username, displayName: b.displayName, password: b.password, unitID: b.unitId.uuidString, roles: b.roles),
      actor: actor, on: req.db, credentials: req.credentials, now: req.now)
    return try await UserDTO(user, unit: user.unit, now: req.now).encodeResponse(status: .created, for: req)
  }

  @Sendable static func updateUser(req: Request) async throws -> UserDTO {
    let actor = try req.actor
    try actor.require(.admin)
    let user = try await findUser(req)
    let b = try req.content.decode(UserUpdateRequest.self)
    try await UserService.update(
      user,
      .init(
        displayName: b.displayName, password: b.password, unitID: b.unitId?.uuidString, roles: b.roles, isActive: b.isActive,
        unlock: b.unlock ?? false),
      actor: actor, on: req.db, credentials: req.credentials, now: req.now)
    return try UserDTO(user, unit: user.unit, now: req.now)
  }

  static func findUser(_ req: Request) async throws -> User {
    let id = try req.uuidParameter("userID", entity: "entity.user")
    guard let user = try await User.query(on: req.db).filter(\.$id == id).with(\.$unit).first() else {
      throw AppError.notFound("entity.user")
    }
    return user
  }
}

/// Issues and revokes personal API tokens; the token text exists only in the response.
enum TokenIssuer {
  /// A token that lasts `days` days (WANJIA_TOKEN_DAYS).
  static func issue(for user: User, name: String, days: Int, now: Date, on db: any Database) async throws -> TokenCreated {
    let token = ApiToken.generate()
    let expiresAt = now.addingTimeInterval(TimeInterval(days) * 86_400)
    let record = ApiToken(userID: try user.requireID(), name: name, tokenHash: ApiToken.hash(token), expiresAt: expiresAt)
    try await db.transaction { tx in
      try await record.create(on: tx)
      try await AuditLog.record(
        .create, entity: .apiToken, id: record.requireID().uuidString, actor: user.actor, before: NoSnapshot?.none,
        after: ["name": name, "user": user.username, "expiresAt": BusinessTime.iso8601(expiresAt)], on: tx, at: now)
    }
    return TokenCreated(id: try record.requireID(), name: name, token: token, expiresAt: expiresAt)
  }

  /// Only the owner revokes a token; someone else's token is "not found", not "forbidden", so
  /// that ids do not leak.
  static func revoke(_ id: UUID, actor: Actor, on db: any Database, now: Date) async throws {
    guard let token = try await ApiToken.find(id, on: db), token.$user.id == actor.userID else {
      throw AppError.notFound("entity.token")
    }
    guard token.revokedAt == nil else { return }
    token.revokedAt = now
    try await db.transaction { tx in
      try await token.save(on: tx)
      try await AuditLog.record(
        .stateChange, entity: .apiToken, id: id.uuidString, actor: actor, before: ["state": "active"], after: ["state": "revoked"],
        on: tx,
        at: now)
    }
  }
}
