import Fluent
import Foundation

/// A message waiting to leave the system (an SMS today). Written in the same transaction as the
/// event that causes it, delivered later by `outbox-deliver`, so nothing is lost when the
/// gateway is down.
final class OutboxMessage: Model, @unchecked Sendable {
  static let schema = "outbox_messages"

  /// How the message leaves.
  enum Channel: String, Codable, Sendable {
    case sms
  }

  enum Status: String, Codable, Sendable, CaseIterable {
    case pending
    case sent
    /// The gateway's receipt says the phone has it (`POST /api/v1/sms/receipts`).
    case delivered
    case failed
  }

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "sent_at") var sentAt: Date?
  @OptionalField(key: "delivered_at") var deliveredAt: Date?

  // MARK: fields
  @EnumField(key: "channel") var channel: Channel
  @Field(key: "recipient") var recipient: String
  @Field(key: "body") var body: String
  @EnumField(key: "status") var status: Status
  @Field(key: "attempts") var attempts: Int
  @OptionalField(key: "last_error") var lastError: String?

  init() {}

  init(sms recipient: String, body: String, at: Date) {
    self.channel = .sms
    self.recipient = recipient
    self.body = body
    self.status = .pending
    self.attempts = 0
    self.createdAt = at
  }
}

struct CreateOutboxMessages: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(OutboxMessage.schema)
      .id()
      .field("channel", .string, .required)
      .field("recipient", .string, .required)
      .field("body", .string, .required)
      .field("status", .string, .required)
      .field("attempts", .int, .required)
      .field("last_error", .string)
      .field("created_at", .datetime, .required)
      .field("sent_at", .datetime)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(OutboxMessage.schema).delete()
  }
}

/// The gateway's delivery receipts need a time of their own.
struct AddOutboxDelivery: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(OutboxMessage.schema).field("delivered_at", .datetime).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(OutboxMessage.schema).deleteField("delivered_at").update()
  }
}
