import Domain
import Fluent
import Vapor

struct LoginPage: Encodable {
  let chrome: Chrome
  let action: String
  let username: String
  let error: String?
}

/// Login, logout and the language choice.
enum SessionController {
  static func registerPublic(_ pages: any RoutesBuilder) {
    pages.get(Paths.login.components, use: loginForm)
    pages.post(Paths.login.components, use: login)
    pages.post(Paths.language.components, use: chooseLanguage)
  }

  static func registerSignedIn(_ pages: any RoutesBuilder) {
    pages.post(Paths.logout.components, use: logout)
  }

  struct LoginForm: Content {
    var username: String?
    var password: String?
  }

  struct LanguageForm: Content {
    var locale: String
  }

  @Sendable static func loginForm(req: Request) async throws -> Response {
    if req.sessionUser != nil { return req.redirect(to: Paths.home.link()) }
    return try await req.page(
      "login", LoginPage(chrome: try await .make(for: req, titleKey: "login.title"), action: Paths.login.link(), username: "", error: nil))
  }

  @Sendable static func login(req: Request) async throws -> Response {
    let form = try req.content.decode(LoginForm.self)
    let username = (form.username ?? "").trimmingCharacters(in: .whitespaces)
    let outcome = try await LoginService.verify(username: username, password: form.password ?? "", for: req)
    let message: String
    let status: HTTPStatus
    switch outcome {
    case .success(let user):
      try await req.startSession(for: user)
      return req.redirect(to: Paths.home.link())
    case .invalid:
      (message, status) = (req.t("login.error.invalid"), .unauthorized)
    case .locked:
      (message, status) = (req.t("login.error.locked", String(req.application.config.lockout.lockMinutes)), .unauthorized)
    case .throttled:
      (message, status) = (req.t("login.error.throttled", String(req.application.config.loginThrottle.windowMinutes)), .tooManyRequests)
    }
    let page = LoginPage(
      chrome: try await .make(for: req, titleKey: "login.title"), action: Paths.login.link(), username: username, error: message)
    return try await req.page("login", page, status: status)
  }

  @Sendable static func logout(req: Request) async throws -> Response {
    try await req.endSession()
    return req.redirect(to: Paths.login.link())
  }

  /// Persists per user when signed in; otherwise only for the session.
  @Sendable static func chooseLanguage(req: Request) async throws -> Response {
    let form = try req.content.decode(LanguageForm.self)
    guard let locale = UILocale(rawValue: form.locale) else { throw AppError.invalid("locale", "validation.choice") }
    req.session.data[Request.SessionKey.locale] = form.locale
    if let (id, version) = req.sessionUser, let actor = try await ActorLoader.load(userID: id, sessionVersion: version, on: req.db),
      let user = try await User.find(id, on: req.db)
    {
      let before = ["locale": user.locale.rawValue]
      user.locale = locale
      try await req.db.transaction { tx in
        try await user.save(on: tx)
        try await AuditLog.record(
          .update, entity: .user, id: id.uuidString, actor: actor, before: before,
          after: ["locale": form.locale], on: tx, at: req.now)
      }
    }
    return req.redirect(to: LocalRedirect.path(from: req.headers.first(name: .referer)) ?? Paths.home.link())
  }
}
