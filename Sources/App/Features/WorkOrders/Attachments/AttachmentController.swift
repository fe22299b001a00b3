import Domain
import Fluent
import Vapor

/// Upload and download of order attachments, on the order page and in the API.
enum AttachmentController {
  static func registerPages(_ pages: any RoutesBuilder) {
    pages.post(Paths.workOrderAttachments, bodyLimit: UploadLimits.Form.attachment.collected, use: upload)
    pages.get(Paths.workOrderAttachment.components, use: download)
  }

  static func registerAPI(_ api: any RoutesBuilder) {
    api.get(Paths.apiWorkOrderAttachments.components, use: list)
    api.post(Paths.apiWorkOrderAttachments, bodyLimit: UploadLimits.Form.attachment.collected, use: create).query(fileNameParameter)
    api.get(Paths.apiWorkOrderAttachment.components, use: download)
  }

  static func order(_ req: Request) async throws -> WorkOrder {
    try await WorkOrderQueries.findVisible(req.uuidParameter("orderID", entity: "entity.work_order"), for: try req.actor, on: req.db)
  }

  struct UploadForm: Content {
    var file: File?
  }

  @Sendable static func upload(req: Request) async throws -> Response {
    let order = try await order(req)
    let form = try req.content.decode(UploadForm.self)
    do {
      _ = try await AttachmentService.attach(
        form.file.map { Data(buffer: $0.data) } ?? Data(), fileName: form.file?.filename ?? "", to: order, actor: try req.actor,
        files: req.application.files, on: req.db, now: req.now)
      return req.redirect(to: Paths.workOrder.link(try order.requireID()) + "#attachments")
    } catch let error as AppError where error.field == "file" {
      return try await WorkOrderPagesController.showError(req, id: order.requireID(), error)
    }
  }

  @Sendable static func download(req: Request) async throws -> Response {
    let order = try await order(req)
    return try await AttachmentService.download(
      try req.uuidParameter("attachmentID", entity: "entity.attachment"), of: order, files: req.application.files, on: req.db)
  }

  @Sendable static func list(req: Request) async throws -> [AttachmentDTO] {
    try await AttachmentService.list(try await order(req), on: req.db).map(AttachmentDTO.init)
  }

  static let fileNameParameter = QueryParameter<String>.text("fileName", maxLength: 255)

  /// The file is the request body; its name is the `fileName` query parameter.
  @Sendable static func create(req: Request) async throws -> Response {
    let order = try await order(req)
    let attachment = try await AttachmentService.attach(
      req.body.data.map { Data(buffer: $0) } ?? Data(), fileName: try req.query(fileNameParameter) ?? "", to: order,
      actor: try req.actor, files: req.application.files, on: req.db, now: req.now)
    return try await AttachmentDTO(attachment).encodeResponse(status: .created, for: req)
  }
}
