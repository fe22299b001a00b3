import Domain
import Fluent
import Vapor

/// Loads the actor for a user id, with the unit's name and path, or nil when the user is gone
/// or disabled. Plain rows (`ActorRows`): authentication runs on every request.
enum ActorLoader {
  static func load(userID: UUID, on db: any Database) async throws -> Actor? {
    try await ActorRows.user(userID, on: db.sql)
  }

  /// The active user of a session, unless a password change has ended sessions of that number.
  static func load(userID: UUID, sessionVersion: Int, on db: any Database) async throws -> Actor? {
    try await ActorRows.user(userID, sessionVersion: sessionVersion, on: db.sql)
  }

  /// The active users of these units.
  static func active(inUnits ids: [UUID], on db: any Database) async throws -> [Actor] {
    try await ActorRows.active(inUnits: ids, on: db.sql)
  }

  /// The active holder of an unrevoked, unexpired API token, by the token's hash.
  static func load(tokenHash: String, now: Date, on db: any Database) async throws -> Actor? {
    try await ActorRows.holder(ofTokenHash: tokenHash, now: now, on: db.sql)
  }
}

extension User {
  /// The user as an actor; the unit must be loaded (`with(\.$unit)`).
  var actor: Actor {
    get throws {
      try Actor.user(
        id: requireID(), username: username, displayName: displayName, roles: roles, locale: locale, unitID: $unit.id,
        unitName: unit.name, unitPath: unit.path)
    }
  }
}

extension Actor {
  static func user(
    id: UUID, username: String, displayName: String, roles: [Role], locale: UILocale, unitID: UUID, unitName: String,
    unitPath: String
  ) -> Actor {
    Actor(
      userID: id, username: username, displayName: displayName, roles: Set(roles), unitID: unitID, unitName: unitName,
      unitPath: UnitPath(value: unitPath), locale: locale.rawValue)
  }

  /// The operator at the command line: an administrator at the root unit, named "cli" in the
  /// audit log.
  static func commandLine(on db: any Database) async throws -> Actor {
    guard let root = try await OrgUnit.query(on: db).filter(\.$parent.$id == nil).sort(\.$code).first() else {
      throw CommandFailure("no organisation units yet: run `wanjia demo` or create units first")
    }
    return Actor(
      userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), username: "cli", displayName: "cli",
      roles: [.admin], unitID: try root.requireID(), unitName: root.name, unitPath: root.unitPath, locale: UILocale.zhCN.rawValue)
  }
}
