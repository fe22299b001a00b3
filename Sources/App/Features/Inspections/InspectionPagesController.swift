import Domain
import Fluent
import Vapor

/// The inspection pages: the month's plan, recording a visit (laid out for a phone), a visit with its findings,
/// and the findings list with rectification and closing.
enum InspectionPagesController {
  static let monthParameter = QueryParameter<CivilDate>.month("month")
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let stateParameter = QueryParameter<InspectionQueries.FindingFilter>.choice("state", InspectionQueries.FindingFilter.self)
  static let showParameter = QueryParameter<String>.choice("show", ["uninspected"])

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.inspections.components, use: plan).query(monthParameter, showParameter)
    pages.get(Paths.inspectionNew.components, use: newForm).query(unitParameter)
    pages.post(Paths.inspectionNew.components, use: create)
    pages.get(Paths.inspectionVisits.components, use: visits).query(monthParameter, unitParameter)
    pages.get(Paths.inspectionFindings.components, use: findings).query(stateParameter, unitParameter)
    pages.post(Paths.inspectionFindingAction.components, use: act)
    pages.post(Paths.inspectionFindingPhotos, bodyLimit: UploadLimits.Form.attachment.collected, use: addPhoto)
    pages.get(Paths.inspectionPhoto.components, use: photo)
    pages.get(Paths.inspection.components, use: show)
  }

  static func rules(_ req: Request) -> InspectionRules { .standard }

  @Sendable static func plan(req: Request) async throws -> Response {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    let today = BusinessTime.civilDate(of: req.now)
    let month = try req.query(monthParameter) ?? CivilDate(dayNumber: today.dayNumber - today.day + 1)
    let onlyUninspected = try req.query(showParameter) != nil
    let page = try await InspectionPlanPage.make(
      req, actor: actor, month: month, today: today, onlyUninspected: onlyUninspected, rules: rules(req))
    return try await req.page("inspections/plan", page)
  }

  @Sendable static func newForm(req: Request) async throws -> Response {
    try await InspectionFormPage.render(req, unitID: try req.query(unitParameter), values: [:], errors: .init())
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let form = try req.content.decode([String: String].self)
    let input = InspectionFormPage.input(form)
    return try await req.submitForm {
      let inspection = try await InspectionService.record(input, rules: rules(req), actor: try req.actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.inspection.link(try inspection.requireID()))
    } showAgain: { errors, status in
      try await InspectionFormPage.render(
        req, unitID: UUID(uuidString: form["unitId"] ?? ""), values: form, errors: errors, status: status)
    }
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let id = try req.uuidParameter("inspectionID", entity: "entity.inspection")
    return try await InspectionVisitPage.render(req, id: id, errors: .init())
  }

  @Sendable static func visits(req: Request) async throws -> Response {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    let today = BusinessTime.civilDate(of: req.now)
    let month = try req.query(monthParameter) ?? CivilDate(dayNumber: today.dayNumber - today.day + 1)
    let unitID = try req.query(unitParameter)
    let page = try await InspectionListPages.visits(req, actor: actor, month: month, unitID: unitID)
    return try await req.page("inspections/visits", page)
  }

  @Sendable static func findings(req: Request) async throws -> Response {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    let page = try await InspectionListPages.findings(
      req, actor: actor, filter: try req.query(stateParameter), unitID: try req.query(unitParameter))
    return try await req.page("inspections/findings", page)
  }

  struct ActionForm: Content {
    var action: String?
    var version: String?
    var text: String?
  }

  @Sendable static func act(req: Request) async throws -> Response {
    let id = try req.uuidParameter("findingID", entity: "entity.inspection_finding")
    let form = try req.content.decode(ActionForm.self)
    guard let action = FindingAction(rawValue: form.action ?? "") else { throw AppError.invalid("action", "validation.choice") }
    let finding = try await InspectionFinding.find(id, on: req.db)
    let inspectionID = finding?.$inspection.id
    return try await req.submitForm {
      let moved = try await InspectionService.act(
        findingID: id, action: action, version: Int(form.version ?? ""), text: form.text, actor: try req.actor, on: req.db,
        now: req.now)
      return req.redirect(to: Paths.inspection.link(moved.$inspection.id) + "#finding-\(id)")
    } showAgain: { errors, status in
      guard let inspectionID else { throw AppError.notFound("entity.inspection_finding") }
      return try await InspectionVisitPage.render(
        req, id: inspectionID, errors: errors, failedFinding: id, typed: form.text, status: status)
    }
  }

  struct PhotoForm: Content {
    var file: File?
  }

  @Sendable static func addPhoto(req: Request) async throws -> Response {
    let id = try req.uuidParameter("findingID", entity: "entity.inspection_finding")
    let form = try req.content.decode(PhotoForm.self)
    guard let finding = try await InspectionFinding.find(id, on: req.db) else { throw AppError.notFound("entity.inspection_finding") }
    do {
      _ = try await FindingPhotoService.add(
        form.file.map { Data(buffer: $0.data) } ?? Data(), fileName: form.file?.filename ?? "", findingID: id, actor: try req.actor,
        files: req.application.files, on: req.db, now: req.now)
      return req.redirect(to: Paths.inspection.link(finding.$inspection.id) + "#finding-\(id)")
    } catch let error as AppError where error.field == "file" {
      var errors = FieldErrors()
      errors.add("text", error.messageKey, args: error.args)
      return try await InspectionVisitPage.render(req, id: finding.$inspection.id, errors: errors, failedFinding: id, status: error.status)
    }
  }

  @Sendable static func photo(req: Request) async throws -> Response {
    let id = try req.uuidParameter("photoID", entity: "entity.inspection_finding")
    return try await FindingPhotoService.download(id, actor: try req.actor, files: req.application.files, on: req.db)
  }
}
