import Domain
import Fluent
import Foundation

/// A person who signs in: belongs to one unit, holds one or more roles.
final class User: Model, @unchecked Sendable {
  static let schema = "users"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

  // MARK: fields
  @Field(key: "username") var username: String
  @Field(key: "display_name") var displayName: String
  @Field(key: "password_hash") var passwordHash: String
  @EnumField(key: "roles") var roleList: CodeList<Role>
  @EnumField(key: "locale") var locale: UILocale
  @Field(key: "is_active") var isActive: Bool
  @Field(key: "failed_logins") var failedLogins: Int
  @OptionalField(key: "locked_until") var lockedUntil: Date?
  /// Raised by a password change; a session signed in under an older number has ended.
  @Field(key: "session_version") var sessionVersion: Int

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}

  init(username: String, displayName: String, passwordHash: String, roles: [Role], unitID: UUID, locale: UILocale = .zhCN) {
    self.username = username
    self.displayName = displayName
    self.passwordHash = passwordHash
    self.roleList = CodeList(roles)
    self.locale = locale
    self.isActive = true
    self.failedLogins = 0
    self.sessionVersion = 0
    self.$unit.id = unitID
  }

  var roles: [Role] {
    get { roleList.items }
    set { roleList = CodeList(newValue) }
  }
}

extension User {
  /// The active user with their unit loaded, or nil.
  static func active(_ id: UUID, on db: any Database) async throws -> User? {
    guard let user = try await User.query(on: db).filter(\.$id == id).with(\.$unit).first(), user.isActive else { return nil }
    return user
  }

  static func byUsername(_ username: String, on db: any Database) async throws -> User? {
    try await User.query(on: db).filter(\.$username == username).with(\.$unit).first()
  }
}

extension User {
  /// Accounts locked by failed sign-ins at `now` (rule ORG-LOCKOUT), for the administrator.
  static func lockedCount(at now: Date, on db: any Database) async throws -> Int {
    try await User.query(on: db).filter(\.$lockedUntil > now).count()
  }
}
