import Domain
import FluentKit
import Foundation
import SQLKit

/// Actors read as plain rows (a user joined to their unit) instead of Fluent models, which
/// build every property by reflection: authentication runs on every request and the inbox asks
/// for everyone above an order's unit, and the models cost more than the queries.
enum ActorRows {
  /// The active user with this id.
  static func user(_ id: UUID, on sql: any SQLDatabase) async throws -> Actor? {
    try await sql.raw("\(unsafeRaw: select) WHERE u.id = \(bind: id) AND u.is_active = \(bind: true)").first().map(actor)
  }

  /// The active user of a session signed in under this session number.
  static func user(_ id: UUID, sessionVersion: Int, on sql: any SQLDatabase) async throws -> Actor? {
    try await sql.raw(
      """
      \(unsafeRaw: select) WHERE u.id = \(bind: id) AND u.is_active = \(bind: true) AND u.session_version = \(bind: sessionVersion)
      """
    ).first().map(actor)
  }

  /// The active user holding this unrevoked, unexpired API token (its SHA-256 hash).
  static func holder(ofTokenHash hash: String, now: Date, on sql: any SQLDatabase) async throws -> Actor? {
    try await sql.raw(
      """
      \(unsafeRaw: select) JOIN \(ident: ApiToken.schema) t ON t.user_id = u.id
      WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL AND t.expires_at > \(bind: now) AND u.is_active = \(bind: true)
      """
    ).first().map(actor)
  }

  /// The active users of these units.
  static func active(inUnits ids: [UUID], on sql: any SQLDatabase) async throws -> [Actor] {
    guard !ids.isEmpty else { return [] }
    return try await sql.raw("\(unsafeRaw: select) WHERE u.unit_id IN (\(binds: ids)) AND u.is_active = \(bind: true)")
      .all().map(actor)
  }

  private static let select = """
    SELECT u.id AS user_id, u.username, u.display_name, u.roles, u.locale, u.unit_id, n.name AS unit_name, n.path AS unit_path
    FROM \(User.schema) u JOIN \(OrgUnit.schema) n ON n.id = u.unit_id
    """

  private static func actor(_ row: any SQLRow) throws -> Actor {
    Actor.user(
      id: try row.decode(column: "user_id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
      displayName: try row.decode(column: "display_name", as: String.self), roles: try stored(row, "roles", as: CodeList<Role>.self).items,
      locale: try stored(row, "locale", as: UILocale.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
      unitName: try row.decode(column: "unit_name", as: String.self), unitPath: try row.decode(column: "unit_path", as: String.self))
  }

  /// A text column read as its typed value; a value the type does not know is an error naming it.
  private static func stored<T: RawRepresentable>(_ row: any SQLRow, _ column: String, as type: T.Type) throws -> T
  where T.RawValue == String {
    let raw = try row.decode(column: column, as: String.self)
    guard let value = T(rawValue: raw) else { throw UnknownStoredValue(table: User.schema, column: column, value: raw) }
    return value
  }
}
