import Domain
import Fluent
import Vapor

/// The signed-in person a request acts for: who, with which roles, and where in the hierarchy.
struct Actor: Sendable {
  let userID: UUID
  let username: String
  let displayName: String
  let roles: Set<Role>
  let unitID: UUID
  let unitName: String
  let unitPath: UnitPath
  let locale: String

  var isAdmin: Bool { roles.contains(.admin) }

  func has(_ role: Role) -> Bool { roles.contains(role) }

  /// The same person with only some of their roles, e.g. to ask what they could do without admin.
  func with(roles: Set<Role>) -> Actor {
    Actor(
      userID: userID, username: username, displayName: displayName, roles: roles, unitID: unitID, unitName: unitName,
      unitPath: unitPath, locale: locale)
  }

  func require(_ role: Role) throws {
    guard has(role) else { throw AppError.forbidden }
  }

  /// A user sees and acts only within their unit's subtree; admins everywhere.
  func canSee(_ path: UnitPath) -> Bool { isAdmin || unitPath.contains(path) }

  func requireVisible(_ path: UnitPath) throws {
    guard canSee(path) else { throw AppError.forbidden }
  }
}

struct ActorKey: StorageKey {
  typealias Value = Actor
}

extension Request {
  var actor: Actor {
    get throws {
      guard let actor = storage[ActorKey.self] else { throw AppError.unauthorized }
      return actor
    }
  }
}
