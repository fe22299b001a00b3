import Fluent
import Foundation

/// A queue view with its filters that one person named to come back to.
final class SavedQueueFilter: Model, @unchecked Sendable {
  static let schema = "saved_queue_filters"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "name") var name: String
  /// The queue's query string (view and filters), as the queue page reads it.
  @Field(key: "query") var query: String

  // MARK: relations
  @Parent(key: "user_id") var user: User

  init() {}

  init(userID: UUID, name: String, query: String, at: Date) {
    self.$user.id = userID
    self.name = name
    self.query = query
    self.createdAt = at
  }
}
