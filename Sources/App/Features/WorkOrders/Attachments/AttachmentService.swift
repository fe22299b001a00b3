import Domain
import Fluent
import Vapor

struct AttachmentDTO: Content {
  let id: UUID
  let fileName: String
  let contentType: String
  let size: Int
  let sha256: String
  let uploadedBy: String
  let uploadedAt: Date

  init(_ a: WorkOrderAttachment) throws {
    id = try a.requireID()
    fileName = a.fileName
    contentType = a.contentType
    size = a.size
    sha256 = a.sha256
    uploadedBy = a.uploadedBy
    uploadedAt = a.uploadedAt
  }
}

/// Attaching files to orders: checked against the policy, stored by checksum, audited.
enum AttachmentService {
  static func attach(
    _ data: Data, fileName rawName: String, to order: WorkOrder, actor: Actor, files: any FileStore, on db: any Database,
    now: Date, policy: AttachmentPolicy = .standard
  ) async throws -> WorkOrderAttachment {
    let upload = try CheckedUpload.store(data, fileName: rawName, policy: policy, typeKey: "attachment.error.type", in: files)
    let attachment = WorkOrderAttachment()
    attachment.$order.id = try order.requireID()
    attachment.fileName = upload.fileName
    attachment.contentType = upload.contentType
    attachment.size = upload.size
    attachment.sha256 = upload.stored.sha256
    attachment.storagePath = upload.stored.path
    attachment.uploadedBy = actor.displayName
    attachment.uploadedAt = now
    try await db.transaction { tx in
      try await attachment.create(on: tx)
      try await AuditLog.record(
        .create, entity: .workOrderAttachment, id: attachment.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["order": order.number, "file": attachment.fileName, "sha256": upload.stored.sha256], on: tx, at: now)
    }
    return attachment
  }

  static func list(_ order: WorkOrder, on db: any Database) async throws -> [WorkOrderAttachment] {
    try await WorkOrderAttachment.query(on: db).filter(\.$order.$id == order.requireID()).sort(\.$uploadedAt).all()
  }

  /// The file as a download, after checking it belongs to an order the actor may see.
  static func download(_ attachmentID: UUID, of order: WorkOrder, files: any FileStore, on db: any Database) async throws -> Response {
    guard let attachment = try await WorkOrderAttachment.find(attachmentID, on: db), attachment.$order.id == order.id else {
      throw AppError.notFound("entity.attachment")
    }
    let data = try files.read(attachment.storagePath)
    let response = Response(status: .ok, body: .init(data: data))
    response.headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
    let encoded = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
    response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"file\"; filename*=UTF-8''\(encoded)")
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    return response
  }
}
