import Domain
import Fluent
import Vapor

struct UsersPage: Encodable {
  struct Row: Encodable {
    let username: String
    let displayName: String
    let unitName: String
    let roleKeys: [String]
    let isActive: Bool
    let locked: Bool
    let editHref: String
  }
  let chrome: Chrome
  let rows: [Row]
  let newHref: String
}

struct UserFormPage: Encodable {
  let chrome: Chrome
  let isNew: Bool
  let action: String
  let values: [String: String]
  let isActive: Bool
  let locked: Bool
  let units: [Choice]
  let roles: [Choice]
  let errors: [String: String]
}

/// Admin pages for user accounts.
enum UserPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.users.components, use: list)
    pages.get(Paths.userNew.components, use: newForm)
    pages.post(Paths.userNew.components, use: create)
    pages.get(Paths.userEdit.components, use: editForm)
    pages.post(Paths.userEdit.components, use: update)
  }

  struct Form: Content {
    var username: String?
    var displayName: String?
    var password: String?
    var unitId: String?
    var roles: [String]?
    var isActive: String?
    var unlock: String?
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let now = req.now
    let users = try await User.query(on: req.db).with(\.$unit).sort(\.$username).all()
    let rows = try users.map {
      UsersPage.Row(
        username: $0.username, displayName: $0.displayName, unitName: $0.unit.name, roleKeys: $0.roles.map { "role.\($0.rawValue)" },
        isActive: $0.isActive, locked: ($0.lockedUntil ?? .distantPast) > now, editHref: Paths.userEdit.link(try $0.requireID()))
    }
    return try await req.page(
      "users/list", UsersPage(chrome: try await .make(for: req, titleKey: "users.title"), rows: rows, newHref: Paths.userNew.link()))
  }

  static func form(
    _ req: Request, user: User?, form: Form, errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let units = try await OrgUnit.query(on: req.db).sort(\.$code).all()
    let chosenRoles = Set(form.roles ?? [])
    let page = UserFormPage(
      chrome: try await .make(for: req, titleKey: user == nil ? "users.new" : "users.edit"),
      isNew: user == nil,
      action: try user.map { Paths.userEdit.link(try $0.requireID()) } ?? Paths.userNew.link(),
      values: ["username": form.username ?? "", "displayName": form.displayName ?? ""],
      isActive: user == nil || form.isActive != nil,
      locked: (user?.lockedUntil ?? .distantPast) > req.now,
      units: try units.map {
        Choice(
          value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: try $0.requireID().uuidString == form.unitId)
      },
      roles: Role.allCases.map { Choice(value: $0.rawValue, labelKey: "role.\($0.rawValue)", selected: chosenRoles.contains($0.rawValue)) },
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("users/form", page, status: status)
  }

  @Sendable static func newForm(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    return try await form(req, user: nil, form: Form())
  }

  @Sendable static func editForm(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let user = try await PeopleAPIController.findUser(req)
    let values = Form(
      username: user.username, displayName: user.displayName, unitId: user.$unit.id.uuidString, roles: user.roles.map(\.rawValue),
      isActive: user.isActive ? "on" : nil)
    return try await form(req, user: user, form: values)
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let input = try req.content.decode(Form.self)
    return try await req.submitForm {
      _ = try await UserService.create(
        .init(
          username: input.username, displayName: input.displayName, password: input.password, unitID: input.unitId, roles: input.roles ?? []
        ),
        actor: actor, on: req.db, credentials: req.credentials, now: req.now)
      return req.redirect(to: Paths.users.link())
    } showAgain: { errors, status in
      try await form(req, user: nil, form: input, errors: errors, status: status)
    }
  }

  @Sendable static func update(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let user = try await PeopleAPIController.findUser(req)
    var input = try req.content.decode(Form.self)
    input.username = user.username
    return try await req.submitForm {
      try await UserService.update(
        user,
        .init(
          displayName: input.displayName, password: input.password, unitID: input.unitId, roles: input.roles ?? [],
          isActive: input.isActive != nil, unlock: input.unlock != nil),
        actor: actor, on: req.db, credentials: req.credentials, now: req.now)
      // An admin who resets their own password keeps this session (the others end).
      if user.id == actor.userID, !(input.password ?? "").isEmpty { try await req.startSession(for: user) }
      return req.redirect(to: Paths.users.link())
    } showAgain: { errors, status in
      try await form(req, user: user, form: input, errors: errors, status: status)
    }
  }
}
