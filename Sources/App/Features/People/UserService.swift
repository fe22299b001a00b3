import Domain
import Fluent
import Vapor

/// Creating and changing user accounts (admin work), shared by pages, API and CLI.
enum UserService {
  struct Input {
    var username: String?
    var displayName: String?
    var password: String?
    var unitID: String?
    var roles: [String]?
    var isActive: Bool?
    var unlock: Bool = false
  }

  static func create(_ input: Input, actor: Actor?, on db: any Database, credentials: Credentials, now: Date) async throws -> User {
    if let actor { try actor.require(.admin) }
    var errors = FieldErrors()
    let username = Validate.identifier(input.username, field: "username", max: Limits.username, into: &errors)
    let displayName = Validate.text(input.displayName, field: "displayName", max: Limits.displayName, into: &errors)
    let password = credentials.check(input.password, username: username, field: "password", into: &errors)
    let unit = try await findUnit(input.unitID, into: &errors, on: db)
    let roles = validateRoles(input.roles ?? [], into: &errors)
    guard errors.isEmpty, let unit else { throw ValidationFailure(errors: errors) }
    if try await User.query(on: db).filter(\.$username == username).count() > 0 {
      throw AppError.conflict("username", "user.error.username_taken", username)
    }
    let hash = try await credentials.hash(password)
    let user = User(username: username, displayName: displayName, passwordHash: hash, roles: roles, unitID: try unit.requireID())
    try await db.transaction { tx in
      try await user.create(on: tx)
      try await AuditLog.record(
        .create, entity: .user, id: user.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: UserDTO(user, unit: unit, now: now),
        on: tx, at: now)
    }
    user.$unit.value = unit
    return user
  }

  static func update(
    _ user: User, _ input: Input, actor: Actor, on db: any Database, credentials: Credentials, now: Date
  ) async throws {
    try actor.require(.admin)
    let oldUnit = try await user.$unit.get(on: db)
    let before = try UserDTO(user, unit: oldUnit, now: now)
    var errors = FieldErrors()
    let displayName =
      input.displayName == nil
      ? user.displayName : Validate.text(input.displayName, field: "displayName", max: Limits.displayName, into: &errors)
    let unit = input.unitID == nil ? oldUnit : try await findUnit(input.unitID, into: &errors, on: db)
    let roles = input.roles.map { validateRoles($0, into: &errors) }
    var newHash: String?
    if let password = input.password, !password.isEmpty {
      let checked = credentials.check(password, username: user.username, field: "password", into: &errors)
      if errors.isEmpty { newHash = try await credentials.hash(checked) }
    }
    if input.isActive == false, user.id == actor.userID { errors.add("isActive", "user.error.self_disable") }
    if let roles, user.id == actor.userID, !roles.contains(.admin) { errors.add("roles", "user.error.self_demote") }
    guard errors.isEmpty, let unit else { throw ValidationFailure(errors: errors) }
    user.displayName = displayName
    user.$unit.id = try unit.requireID()
    if let roles { user.roles = roles }
    if let newHash {
      user.passwordHash = newHash
      user.sessionVersion += 1
    }
    if let active = input.isActive { user.isActive = active }
    if input.unlock {
      user.failedLogins = 0
      user.lockedUntil = nil
    }
    let passwordChanged = newHash != nil
    try await db.transaction { tx in
      try await user.save(on: tx)
      if passwordChanged { try await revokeTokens(of: user, actor: actor, now: now, on: tx) }
      try await AuditLog.record(
        .update, entity: .user, id: user.requireID().uuidString, actor: actor, before: before, after: UserDTO(user, unit: unit, now: now),
        on: tx, at: now)
    }
    user.$unit.value = unit
  }

  /// A person changes their own password: the current one must be right. Like an admin's
  /// reset, it ends the user's other sessions and revokes their API tokens.
  static func changeOwnPassword(
    _ user: User, current: String?, new: String?, confirmed: String?, actor: Actor, on db: any Database, credentials: Credentials,
    now: Date
  ) async throws {
    var errors = FieldErrors()
    if try await !credentials.hasher.verify(current ?? "", created: user.passwordHash).get() {
      errors.add("currentPassword", "account.password.wrong_current")
    }
    let password = credentials.check(new, username: user.username, field: "newPassword", into: &errors)
    if errors.isEmpty, password == current { errors.add("newPassword", "account.password.same") }
    FormConfirmation.require(confirmed, errors: &errors)
    guard errors.isEmpty else { throw ValidationFailure(errors: errors) }
    user.passwordHash = try await credentials.hash(password)
    user.sessionVersion += 1
    try await db.transaction { tx in
      try await user.save(on: tx)
      try await revokeTokens(of: user, actor: actor, now: now, on: tx)
      try await AuditLog.record(
        .update, entity: .user, id: user.requireID().uuidString, actor: actor, before: ["password": "old"], after: ["password": "changed"],
        on: tx, at: now)
    }
  }

  /// Every unrevoked API token of the user, revoked with one audit record.
  private static func revokeTokens(of user: User, actor: Actor, now: Date, on db: any Database) async throws {
    let userID = try user.requireID()
    let active = try await ApiToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).count()
    guard active > 0 else { return }
    try await ApiToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
    try await AuditLog.record(
      .stateChange, entity: .apiToken, id: userID.uuidString, actor: actor, before: ["active": String(active)],
      after: ["active": "0", "reason": "password_changed"], on: db, at: now)
  }

  private static func findUnit(_ raw: String?, into errors: inout FieldErrors, on db: any Database) async throws -> OrgUnit? {
    guard let raw, !raw.isEmpty else {
      errors.add("unitId", "validation.required")
      return nil
    }
    guard let id = UUID(uuidString: raw), let unit = try await OrgUnit.find(id, on: db) else {
      errors.add("unitId", "validation.unknown_reference")
      return nil
    }
    return unit
  }

  private static func validateRoles(_ codes: [String], into errors: inout FieldErrors) -> [Role] {
    switch Role.parseList(codes) {
    case .success(let roles):
      if roles.isEmpty { errors.add("roles", "user.error.no_role") }
      return roles
    case .failure(let unknown):
      errors.add("roles", "user.error.unknown_role", unknown.code)
      return []
    }
  }
}
