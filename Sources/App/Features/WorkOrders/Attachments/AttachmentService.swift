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
    let fileName = String(rawName.trimmingCharacters(in: .whitespaces).split(separator: "/").last ?? "").prefix(200)
    let type: String
    switch policy.check(fileName: String(fileName), bytes: [UInt8](data)) {
    case .success(let found): type = found
    case .failure(.empty): throw AppError.invalid("file", "import.error.empty")
    case .failure(.tooLarge(let max)): throw AppError.invalid("file", "attachment.error.too_large", String(max / 1024 / 1024))
    case .failure(.typeNotAllowed(let ext)): throw AppError.invalid("file", "attachment.error.type", ext.isEmpty ? "—" : ext)
    case .failure(.contentMismatch(let ext)): throw AppError.invalid("file", "attachment.error.content", ext)
    }
    let stored = try files.save(data)
    let attachment = WorkOrderAttachment()
    attachment.$order.id = try order.requireID()
    attachment.fileName = String(fileName)
    attachment.contentType = type
    attachment.size = data.count
    attachment.sha256 = stored.sha256
    attachment.storagePath = stored.path
    attachment.uploadedBy = actor.displayName
    attachment.uploadedAt = now
    try await db.transaction { tx in
      try await attachment.create(on: tx)
      try await AuditLog.record(
        .create, entity: .workOrderAttachment, id: attachment.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["order": order.number, "file": attachment.fileName, "sha256": stored.sha256], on: tx, at: now)
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
