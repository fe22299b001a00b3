import Domain
import Fluent
import Vapor

/// Photos of findings (INSP-PHOTOS): added while the finding is not closed, by those who may move it; checked against
/// the photo policy, stored by checksum, audited.
enum FindingPhotoService {
  static func add(
    _ data: Data, fileName rawName: String, findingID: UUID, actor: Actor, files: any FileStore, on db: any Database, now: Date
  ) async throws -> FindingPhoto {
    guard let finding = try await InspectionFinding.query(on: db).filter(\.$id == findingID).with(\.$unit).first() else {
      throw AppError.notFound("entity.inspection_finding")
    }
    try actor.requireVisible(finding.unit.unitPath)
    let facts = InspectionAccess.FindingFacts(unitPath: finding.unit.unitPath, responsibleUserID: finding.responsibleUserID)
    guard InspectionAccess.canRecord(actor) || InspectionAccess.may(.rectify, facts, actor: actor) else { throw AppError.forbidden }
    guard finding.state != .closed else {
      throw AppError.conflict("file", "inspection.error.not_allowed_now", "inspection.finding_state.closed")
    }
    let upload = try CheckedUpload.store(
      data, fileName: rawName, policy: FindingPhotoPolicy.standard, typeKey: "inspection.error.photo_type", in: files)
    let photo = FindingPhoto()
    photo.$finding.id = findingID
    photo.fileName = upload.fileName
    photo.contentType = upload.contentType
    photo.size = upload.size
    photo.sha256 = upload.stored.sha256
    photo.storagePath = upload.stored.path
    photo.uploadedBy = actor.displayName
    photo.uploadedAt = now
    try await db.transaction { tx in
      try await photo.create(on: tx)
      try await AuditLog.record(
        .create, entity: .inspectionFindingPhoto, id: photo.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["file": photo.fileName, "sha256": upload.stored.sha256], on: tx, at: now)
    }
    return photo
  }

  /// The photo, shown inline (it is an image whose content was checked), after checking the actor may see its finding.
  static func download(_ photoID: UUID, actor: Actor, files: any FileStore, on db: any Database) async throws -> Response {
    guard let photo = try await FindingPhoto.query(on: db).filter(\.$id == photoID).with(\.$finding, { $0.with(\.$unit) }).first()
    else { throw AppError.notFound("entity.inspection_finding") }
    try InspectionAccess.requireRead(actor)
    try actor.requireVisible(photo.finding.unit.unitPath)
    let response = Response(status: .ok, body: .init(data: try files.read(photo.storagePath)))
    response.headers.replaceOrAdd(name: .contentType, value: photo.contentType)
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    return response
  }
}
