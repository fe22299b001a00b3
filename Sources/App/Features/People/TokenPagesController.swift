import Fluent
import Vapor

struct TokensPage: Encodable {
  struct Row: Encodable {
    let name: String
    let createdAt: String
    let expiresAt: String
    let revoked: Bool
    let expired: Bool
    let revokeAction: String
  }
  let chrome: Chrome
  let rows: [Row]
  let createAction: String
  let newToken: String?
  let newTokenExpiresAt: String?
  let errors: [String: String]
}

/// Each user's own API tokens: create (shown once), list, revoke.
enum TokenPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.tokens.components, use: list)
    pages.post(Paths.tokens.components, use: create)
    pages.post(Paths.tokenRevoke.components, use: revoke)
  }

  struct Form: Content {
    var name: String?
  }

  static func render(
    _ req: Request, newToken: TokenCreated? = nil, errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let tokens = try await ApiToken.query(on: req.db).filter(\.$user.$id == actor.userID).sort(\.$createdAt, .descending).all()
    let now = req.now
    let rows = try tokens.map {
      TokensPage.Row(
        name: $0.name, createdAt: $0.createdAt.map(DisplayFormat.dateTime) ?? "", expiresAt: $0.expiresAt.map(DisplayFormat.dateTime) ?? "",
        revoked: $0.revokedAt != nil, expired: ApiToken.hasExpired($0.expiresAt, now: now),
        revokeAction: Paths.tokenRevoke.link(try $0.requireID()))
    }
    let page = TokensPage(
      chrome: try await .make(for: req, titleKey: "tokens.title"), rows: rows, createAction: Paths.tokens.link(), newToken: newToken?.token,
      newTokenExpiresAt: newToken.map { DisplayFormat.dateTime($0.expiresAt) },
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("tokens", page, status: status)
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try await render(req)
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    var errors = FieldErrors()
    let name = Validate.text(try req.content.decode(Form.self).name, field: "name", max: Limits.tokenName, into: &errors)
    guard errors.isEmpty else { return try await render(req, errors: errors, status: .unprocessableEntity) }
    guard let user = try await User.query(on: req.db).filter(\.$id == actor.userID).with(\.$unit).first() else {
      throw AppError.unauthorized
    }
    let created = try await TokenIssuer.issue(for: user, name: name, days: req.application.config.tokenDays, now: req.now, on: req.db)
    return try await render(req, newToken: created, status: .created)
  }

  struct RevokeForm: Content {
    var confirm: String?
  }

  /// A revoked token stops working at once for every program that uses it: the box must be ticked.
  @Sendable static func revoke(req: Request) async throws -> Response {
    let id = try req.uuidParameter("tokenID", entity: "entity.token")
    let confirm = try req.content.decode(RevokeForm.self).confirm
    return try await req.submitForm {
      try FormConfirmation.require(confirm)
      try await TokenIssuer.revoke(id, actor: req.actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.tokens.link())
    } showAgain: { errors, status in
      try await render(req, errors: errors, status: status)
    }
  }
}
