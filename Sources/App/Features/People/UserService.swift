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

  static func create(_ input: Input, actor: Actor?, on db: any Database, hasher: AsyncPasswordHasher) async throws -> User {
    if let actor { try actor.require(.admin) }
    var errors = FieldErrors()
    let username = Validate.identifier(input.username, field: "username", max: Limits.username, into: &errors)
    let displayName = Validate.text(input.displayName, field: "displayName", max: Limits.displayName, into: &errors)
    let password = Validate.password(input.password, field: "password", into: &errors)
    let unit = try await findUnit(input.unitID, into: &errors, on: db)
    let roles = validateRoles(input.roles ?? [], into: &errors)
    guard errors.isEmpty, let unit else { throw ValidationFailure(errors: errors) }
    if try await User.query(on: db).filter(\.$username == username).count() > 0 {
      throw AppError.conflict("username", "user.error.username_taken", username)
    }
    let hash = try await hasher.hash(password).get()
    let user = User(username: username, displayName: displayName, passwordHash: hash, roles: roles, unitID: try unit.requireID())
    try await db.transaction { tx in
      try await user.create(on: tx)
      try await AuditLog.record(
        .create, entity: "user", id: user.requireID().uuidString, actor: actor, before: NoSnapshot?.none, after: UserDTO(user, unit: unit),
        on: tx)
    }
    user.$unit.value = unit
    return user
  }

  static func update(_ user: User, _ input: Input, actor: Actor, on db: any Database, hasher: AsyncPasswordHasher) async throws {
    try actor.require(.admin)
    let oldUnit = try await user.$unit.get(on: db)
    let before = try UserDTO(user, unit: oldUnit)
    var errors = FieldErrors()
    let displayName =
      input.displayName == nil
      ? user.displayName : Validate.text(input.displayName, field: "displayName", max: Limits.displayName, into: &errors)
    let unit = input.unitID == nil ? oldUnit : try await findUnit(input.unitID, into: &errors, on: db)
    let roles = input.roles.map { validateRoles($0, into: &errors) }
    var newHash: String?
    if let password = input.password, !password.isEmpty {
      newHash = try await hasher.hash(Validate.password(password, field: "password", into: &errors)).get()
    }
    if input.isActive == false, user.id == actor.userID { errors.add("isActive", "user.error.self_disable") }
    if let roles, user.id == actor.userID, !roles.contains(.admin) { errors.add("roles", "user.error.self_demote") }
    guard errors.isEmpty, let unit else { throw ValidationFailure(errors: errors) }
    user.displayName = displayName
    user.$unit.id = try unit.requireID()
    if let roles { user.roles = roles.map(\.rawValue) }
    if let newHash { user.passwordHash = newHash }
    if let active = input.isActive { user.isActive = active }
    if input.unlock {
      user.failedLogins = 0
      user.lockedUntil = nil
    }
    try await db.transaction { tx in
      try await user.save(on: tx)
      try await AuditLog.record(
        .update, entity: "user", id: user.requireID().uuidString, actor: actor, before: before, after: UserDTO(user, unit: unit), on: tx)
    }
    user.$unit.value = unit
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

/// Checks a username and password with the lockout rule; used by the login page and by token
/// creation alike.
enum LoginService {
  enum Outcome {
    case success(User)
    case invalid
    case locked
  }

  static func verify(
    username: String, password: String, on db: any Database, hasher: AsyncPasswordHasher,
    policy: LoginLockoutPolicy = .default, now: Date = Date()
  ) async throws -> Outcome {
    guard let user = try await User.byUsername(username, on: db), user.isActive else { return .invalid }
    if policy.isLocked(until: user.lockedUntil, now: now) { return .locked }
    if try await hasher.verify(password, created: user.passwordHash).get() {
      if user.failedLogins != 0 || user.lockedUntil != nil {
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: db)
      }
      return .success(user)
    }
    let (failures, lockedUntil) = policy.afterFailure(previousFailures: user.failedLogins, now: now)
    user.failedLogins = failures
    user.lockedUntil = lockedUntil
    try await db.transaction { tx in
      try await user.save(on: tx)
      if let lockedUntil {
        try await AuditLog.record(
          .stateChange, entity: "user", id: user.requireID().uuidString, actor: nil, before: NoSnapshot?.none,
          after: ["lockedUntil": BusinessTime.iso8601(lockedUntil)], on: tx)
      }
    }
    return lockedUntil == nil ? .invalid : .locked
  }
}
