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
    let fileName = String(String(rawName.trimmingCharacters(in: .whitespaces).split(separator: "/").last ?? "").prefix(200))
    let type: String
    switch FindingPhotoPolicy.standard.check(fileName: fileName, bytes: [UInt8](data)) {
    case .success(let found): type = found
    case .failure(.empty): throw AppError.invalid("file", "import.error.empty")
    case .failure(.tooLarge(let max)): throw AppError.invalid("file", "attachment.error.too_large", String(max / 1024 / 1024))
    case .failure(.typeNotAllowed(let ext)): throw AppError.invalid("file", "inspection.error.photo_type", ext.isEmpty ? "—" : ext)
    case .failure(.contentMismatch(let ext)): throw AppError.invalid("file", "attachment.error.content", ext)
    }
    let stored = try files.save(data)
    let photo = FindingPhoto()
    photo.$finding.id = findingID
    photo.fileName = fileName
    photo.contentType = type
    photo.size = data.count
    photo.sha256 = stored.sha256
    photo.storagePath = stored.path
    photo.uploadedBy = actor.displayName
    photo.uploadedAt = now
    try await db.transaction { tx in
      try await photo.create(on: tx)
      try await AuditLog.record(
        .create, entity: .inspectionFindingPhoto, id: photo.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["file": photo.fileName, "sha256": stored.sha256], on: tx, at: now)
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
