import Crypto
import Fluent
import Foundation

/// A personal API token. Only its SHA-256 hash is stored; the token itself is shown once.
final class ApiToken: Model, @unchecked Sendable {
  static let schema = "api_tokens"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  // MARK: fields
  @Field(key: "name") var name: String
  @Field(key: "token_hash") var tokenHash: String
  @OptionalField(key: "revoked_at") var revokedAt: Date?
  /// After this the token is refused (set for every token; optional only for older rows).
  @OptionalField(key: "expires_at") var expiresAt: Date?

  // MARK: relations
  @Parent(key: "user_id") var user: User

  init() {}

  init(userID: UUID, name: String, tokenHash: String, expiresAt: Date) {
    self.$user.id = userID
    self.name = name
    self.tokenHash = tokenHash
    self.expiresAt = expiresAt
  }

  static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// A token without an expiry (none is issued so) counts as expired.
  static func hasExpired(_ expiresAt: Date?, now: Date) -> Bool { (expiresAt ?? .distantPast) <= now }

  /// A new random token: "wj_" and 32 random bytes, URL-safe.
  static func generate() -> String {
    "wj_" + [UInt8].random(count: 32).base64URLEncoded
  }
}
