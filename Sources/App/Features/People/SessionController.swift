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
    if req.session.data["userID"] != nil { return req.redirect(to: Paths.home.link()) }
    return try await req.page(
      "login", LoginPage(chrome: .make(for: req, titleKey: "login.title"), action: Paths.login.link(), username: "", error: nil))
  }

  @Sendable static func login(req: Request) async throws -> Response {
    let form = try req.content.decode(LoginForm.self)
    let username = (form.username ?? "").trimmingCharacters(in: .whitespaces)
    let outcome = try await LoginService.verify(
      username: username, password: form.password ?? "", on: req.db, hasher: req.password.async, policy: req.application.config.lockout,
      now: req.now)
    switch outcome {
    case .success(let user):
      req.session.data["userID"] = try user.requireID().uuidString
      req.session.data["locale"] = user.locale
      return req.redirect(to: Paths.home.link())
    case .invalid, .locked:
      let minutes = String(req.application.config.lockout.lockMinutes)
      let message = if case .locked = outcome { req.t("login.error.locked", minutes) } else { req.t("login.error.invalid") }
      let page = LoginPage(chrome: .make(for: req, titleKey: "login.title"), action: Paths.login.link(), username: username, error: message)
      return try await req.page("login", page, status: .unauthorized)
    }
  }

  @Sendable static func logout(req: Request) async throws -> Response {
    let locale = req.locale
    req.session.destroy()
    // Keep the language on the login page that follows.
    req.session.data["locale"] = locale
    return req.redirect(to: Paths.login.link())
  }

  /// Persists per user when signed in; otherwise only for the session.
  @Sendable static func chooseLanguage(req: Request) async throws -> Response {
    let form = try req.content.decode(LanguageForm.self)
    guard Localizer.supported.contains(form.locale) else { throw AppError.invalid("locale", "validation.choice") }
    req.session.data["locale"] = form.locale
    if let raw = req.session.data["userID"], let id = UUID(uuidString: raw), let user = try await User.find(id, on: req.db) {
      let before = ["locale": user.locale]
      user.locale = form.locale
      try await req.db.transaction { tx in
        try await user.save(on: tx)
        try await AuditLog.record(
          .update, entity: "user", id: id.uuidString, actor: try await ActorLoader.load(userID: id, on: tx), before: before,
          after: ["locale": form.locale], on: tx)
      }
    }
    let back = req.headers.first(name: .referer).flatMap { URL(string: $0)?.path } ?? Paths.home.link()
    return req.redirect(to: back.hasPrefix("/") ? back : Paths.home.link())
  }
}
