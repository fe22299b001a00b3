import Fluent
import Foundation

/// A file attached to a work order; the bytes are in the file store under their checksum.
final class WorkOrderAttachment: Model, @unchecked Sendable {
  static let schema = "work_order_attachments"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "uploaded_at") var uploadedAt: Date

  // MARK: fields
  @Field(key: "file_name") var fileName: String
  @Field(key: "content_type") var contentType: String
  @Field(key: "size") var size: Int
  @Field(key: "sha256") var sha256: String
  @Field(key: "storage_path") var storagePath: String
  @Field(key: "uploaded_by") var uploadedBy: String

  // MARK: relations
  @Parent(key: "order_id") var order: WorkOrder

  init() {}
}

struct CreateWorkOrderAttachments: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(WorkOrderAttachment.schema)
      .id()
      .field("order_id", .uuid, .required, .references(WorkOrder.schema, "id"))
      .field("file_name", .string, .required)
      .field("content_type", .string, .required)
      .field("size", .int, .required)
      .field("sha256", .string, .required)
      .field("storage_path", .string, .required)
      .field("uploaded_by", .string, .required)
      .field("uploaded_at", .datetime, .required)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(WorkOrderAttachment.schema).delete()
  }
}
