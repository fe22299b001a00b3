import Domain
import Fluent
import Vapor

/// One visit: what was checked, and each finding with its state, deadline, evidence and the moves the actor may make.
struct InspectionVisitPage: Encodable {
  struct Check: Encodable {
    let name: String
    let passed: Bool
  }
  struct Move: Encodable {
    let action: String
    let labelKey: String
    let needsText: Bool
    let textLabelKey: String
  }
  struct Photo: Encodable {
    let href: String
    let fileName: String
    let uploadedBy: String
  }
  struct Finding: Encodable {
    let id: String
    let photos: [Photo]
    let photoAction: String?
    let itemName: String
    let description: String
    let deadline: String
    let state: String
    let stateKey: String
    let overdue: Bool
    let responsibleName: String
    let evidence: String
    let reopenReason: String
    let closedByName: String
    let version: Int
    let actionHref: String
    let moves: [Move]
    let error: String?
    let typed: String
  }
  let chrome: Chrome
  let unitName: String
  let visitedOn: String
  let methodKey: String
  let inspectorName: String
  let summary: String
  let checks: [Check]
  let findings: [Finding]
  let planHref: String

  static func render(
    _ req: Request, id: UUID, errors: FieldErrors, failedFinding: UUID? = nil, typed: String? = nil, status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    guard
      let inspection = try await Inspection.query(on: req.db).filter(\.$id == id).with(\.$unit)
        .with(\.$checks, { $0.with(\.$item) }).with(\.$findings, { $0.with(\.$item).with(\.$photos) }).first()
    else { throw AppError.notFound("entity.inspection") }
    try actor.requireVisible(inspection.unit.unitPath)
    let today = BusinessTime.civilDate(of: req.now)
    let shown = errors.localized(req.application.localizer, req.locale)
    let facts = InspectionAccess.FindingFacts(unitPath: inspection.unit.unitPath, responsibleUserID: nil)
    let findings = try inspection.findings.sorted { ($0.item?.position ?? 0) < ($1.item?.position ?? 0) }.map { f in
      let fid = try f.requireID()
      let mine = InspectionAccess.FindingFacts(unitPath: facts.unitPath, responsibleUserID: f.responsibleUserID)
      let moves = FindingAction.allCases.filter { $0.next(from: f.state) != nil && InspectionAccess.may($0, mine, actor: actor) }
        .map {
          Move(
            action: $0.rawValue, labelKey: "inspection.action.\($0.rawValue)", needsText: $0 != .close,
            textLabelKey: "inspection.action_text.\($0.rawValue)")
        }
      let failed = fid == failedFinding
      let mayAddPhoto = f.state != .closed && (InspectionAccess.canRecord(actor) || InspectionAccess.may(.rectify, mine, actor: actor))
      let photos = try f.photos.sorted { $0.uploadedAt < $1.uploadedAt }.map {
        Photo(href: Paths.inspectionPhoto.link(try $0.requireID()), fileName: $0.fileName, uploadedBy: $0.uploadedBy)
      }
      return Finding(
        id: fid.uuidString, photos: photos, photoAction: mayAddPhoto ? Paths.inspectionFindingPhotos.link(fid) : nil,
        itemName: f.item?.name ?? "", description: f.description, deadline: f.deadline,
        state: f.state.rawValue, stateKey: "inspection.finding_state.\(f.state.rawValue)",
        overdue: f.state.isOverdue(deadline: f.deadlineDay ?? today, today: today), responsibleName: f.responsibleName ?? "",
        evidence: f.evidence ?? "", reopenReason: f.reopenReason ?? "", closedByName: f.closedByName ?? "", version: f.version,
        actionHref: Paths.inspectionFindingAction.link(fid), moves: moves,
        error: failed ? (shown["text"] ?? shown["version"] ?? shown["action"]) : nil, typed: failed ? (typed ?? "") : "")
    }
    let page = InspectionVisitPage(
      chrome: try await .make(for: req, titleKey: "inspection.visit_title"), unitName: inspection.unit.name,
      visitedOn: inspection.visitedOn, methodKey: "inspection.method.\(inspection.method.rawValue)",
      inspectorName: inspection.inspectorName, summary: inspection.summary,
      checks: inspection.checks.sorted { $0.item.position < $1.item.position }.map { Check(name: $0.item.name, passed: $0.passed) },
      findings: findings, planHref: Paths.inspections.link() + "?month=\(inspection.visitedOn.prefix(7))")
    return try await req.page("inspections/show", page, status: status)
  }
}
