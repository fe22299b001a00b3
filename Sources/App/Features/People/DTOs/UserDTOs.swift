import Domain
import Foundation
import Vapor

struct UserDTO: Content, Equatable {
  struct UnitRef: Content, Equatable {
    let id: UUID
    let code: String
    let name: String
    let kind: UnitKind
  }
  let id: UUID
  let username: String
  let displayName: String
  let roles: [Role]
  let locale: UILocale
  let isActive: Bool
  let locked: Bool
  let unit: UnitRef

  init(_ user: User, unit: OrgUnit, now: Date) throws {
    id = try user.requireID()
    username = user.username
    displayName = user.displayName
    roles = user.roles
    locale = user.locale
    isActive = user.isActive
    locked = (user.lockedUntil ?? .distantPast) > now
    self.unit = UnitRef(id: try unit.requireID(), code: unit.code, name: unit.name, kind: unit.kind)
  }
}

struct UserCreateRequest: Content {
  let username: String
  let displayName: String
  let password: String
  let unitId: UUID
  let roles: [String]
}

struct UserUpdateRequest: Content {
  let displayName: String?
  let password: String?
  let unitId: UUID?
  let roles: [String]?
  let isActive: Bool?
  let unlock: Bool?
}

struct TokenCreateRequest: Content {
  let username: String
  let password: String
  let name: String
}

struct TokenCreated: Content {
  let id: UUID
  let name: String
  let token: String
  let expiresAt: Date
}

struct TokenDTO: Content {
  let id: UUID
  let name: String
  let createdAt: Date?
  let expiresAt: Date?
  let revoked: Bool
  let expired: Bool

  init(_ token: ApiToken, now: Date) throws {
    id = try token.requireID()
    name = token.name
    createdAt = token.createdAt
    expiresAt = token.expiresAt
    revoked = token.revokedAt != nil
    expired = ApiToken.hasExpired(token.expiresAt, now: now)
  }
}
