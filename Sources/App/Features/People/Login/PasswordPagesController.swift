import Domain
import Fluent
import Vapor

struct PasswordPage: Encodable {
  let chrome: Chrome
  let action: String
  let changed: Bool
  let minimumLength: Int
  let errors: [String: String]
}

/// A person changes their own password. That ends their sessions elsewhere and revokes their
/// API tokens, so the form asks them to confirm; this session goes on under a new identifier.
enum PasswordPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.accountPassword.components, use: show).query(changedParameter)
    pages.post(Paths.accountPassword.components, use: change)
  }

  /// Set by the redirect after a change, to say it was done.
  static let changedParameter = QueryParameter<String>.choice("changed", ["1"])

  struct Form: Content {
    var currentPassword: String?
    var newPassword: String?
    var confirm: String?
  }

  static func render(
    _ req: Request, changed: Bool = false, errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws
    -> Response
  {
    let page = PasswordPage(
      chrome: try await .make(for: req, titleKey: "account.password.title"), action: Paths.accountPassword.link(), changed: changed,
      minimumLength: req.application.passwordPolicy.minimumLength, errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("account/password", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await render(req, changed: try req.query(changedParameter) != nil)
  }

  @Sendable static func change(req: Request) async throws -> Response {
    let actor = try req.actor
    let form = try req.content.decode(Form.self)
    guard let user = try await User.find(actor.userID, on: req.db) else { throw AppError.unauthorized }
    do {
      try await UserService.changeOwnPassword(
        user, current: form.currentPassword, new: form.newPassword, confirmed: form.confirm, actor: actor, on: req.db,
        credentials: req.credentials, now: req.now)
    } catch let failure as ValidationFailure {
      return try await render(req, errors: failure.errors, status: .unprocessableEntity)
    }
    try await req.startSession(for: user)
    return req.redirect(to: Paths.accountPassword.link() + "?changed=1")
  }
}
