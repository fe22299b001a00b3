import Fluent
import Foundation

/// An internal note on an order: staff write it for each other. It is shown on the order page
/// only and never leaves the company (no export, no API list, no exchange file carries it).
final class WorkOrderNote: Model, @unchecked Sendable {
  static let schema = "work_order_notes"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "author_name") var authorName: String
  @Field(key: "text") var text: String

  // MARK: relations
  @Parent(key: "order_id") var order: WorkOrder
  @Parent(key: "author_id") var author: User

  init() {}

  init(orderID: UUID, authorID: UUID, authorName: String, text: String, at: Date) {
    self.$order.id = orderID
    self.$author.id = authorID
    self.authorName = authorName
    self.text = text
    self.createdAt = at
  }
}
