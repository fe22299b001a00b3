import Fluent
import Foundation

/// A message in one person's in-app inbox: something in their queue changed or fell due.
final class InboxNotification: Model, @unchecked Sendable {
  static let schema = "notifications"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "read_at") var readAt: Date?

  // MARK: fields
  @EnumField(key: "kind") var kind: NoticeKind
  @Field(key: "message_key") var messageKey: String
  /// The message's arguments as a JSON array; locale keys among them are translated on display.
  @Field(key: "args") var argsJSON: String
  @Field(key: "link") var link: String

  // MARK: relations
  @Parent(key: "user_id") var user: User

  init() {}

  init(userID: UUID, kind: NoticeKind, messageKey: String, args: [String], link: String, at: Date) {
    self.$user.id = userID
    self.kind = kind
    self.messageKey = messageKey
    self.argsJSON = Self.encode(args: args)
    self.link = link
    self.createdAt = at
  }

  /// The arguments as stored (a JSON array).
  static func encode(args: [String]) -> String { (try? JSONCoding.encode(args)) ?? "[]" }

  var args: [String] { (try? JSONCoding.decode([String].self, argsJSON)) ?? [] }
}

extension InboxNotification: DirectlyInserted {
  var storedProperties: [any AnyDatabaseProperty] { [$id, $createdAt, $readAt, $kind, $messageKey, $argsJSON, $link, $user] }
}

struct CreateNotifications: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(InboxNotification.schema)
      .id()
      .field("user_id", .uuid, .required, .references(User.schema, "id"))
      .field("kind", .string, .required)
      .field("message_key", .string, .required)
      .field("args", .string, .required)
      .field("link", .string, .required)
      .field("created_at", .datetime, .required)
      .field("read_at", .datetime)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(InboxNotification.schema).delete()
  }
}
