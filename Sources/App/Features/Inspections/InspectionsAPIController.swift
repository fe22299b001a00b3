import Domain
import Fluent
import Vapor

/// `/api/v1/inspections`: findings and visits, scoped like the pages (INSP-ROLES): readers of
/// inspections see those of their unit subtree.
enum InspectionsAPIController {
  static let monthParameter = QueryParameter<CivilDate>.month("month")
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let stateParameter = InspectionPagesController.stateParameter

  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiInspectionFindings.components, use: findings).query(unitParameter, stateParameter)
    api.get(Paths.apiInspectionFinding.components, use: finding)
    api.get(Paths.apiInspectionVisits.components, use: visits).query(monthParameter, unitParameter)
  }

  struct FindingDTO: Content {
    let id: UUID
    let version: Int
    let inspectionId: UUID
    let visitedOn: String
    let unitId: UUID
    let unitName: String
    let item: String?
    let description: String
    let deadline: String
    let state: String
    let overdue: Bool
    let responsibleUserId: UUID?
    let responsibleName: String?
    let evidence: String?
    let photos: Int

    init(_ finding: InspectionFinding, today: CivilDate, photos: Int) throws {
      id = try finding.requireID()
      version = finding.version
      inspectionId = finding.$inspection.id
      visitedOn = finding.inspection.visitedOn
      unitId = finding.$unit.id
      unitName = finding.unit.name
      item = finding.item?.code
      description = finding.description
      deadline = finding.deadline
      state = finding.state.rawValue
      overdue = finding.state == .open && (finding.deadlineDay.map { $0 < today } ?? false)
      responsibleUserId = finding.responsibleUserID
      responsibleName = finding.responsibleName
      evidence = finding.evidence
      self.photos = photos
    }
  }

  struct VisitDTO: Content {
    let id: UUID
    let unitId: UUID
    let unitName: String
    let visitedOn: String
    let method: String
    let inspectorName: String
    let summary: String
    let findings: [UUID]
  }

  /// Findings of the caller's subtree (optionally one unit), by deadline; `state` open, rectified,
  /// closed or overdue.
  @Sendable static func findings(req: Request) async throws -> [FindingDTO] {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    let today = BusinessTime.civilDate(of: req.now)
    let unitID = try req.query(unitParameter)
    if let unitID { _ = try await OrgUnit.findVisible(unitID, for: actor, on: req.db) }
    let found = try await InspectionQueries.findings(try req.query(stateParameter), unitID: unitID, actor: actor, today: today, on: req.db)
    let counts = try await photoCounts(found.compactMap(\.id), on: req.db)
    return try found.map { try FindingDTO($0, today: today, photos: counts[$0.id ?? UUID()] ?? 0) }
  }

  /// One finding, if its unit is in the caller's subtree.
  @Sendable static func finding(req: Request) async throws -> FindingDTO {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    let id = try req.uuidParameter("findingID", entity: "entity.inspection_finding")
    guard
      let finding = try await InspectionFinding.query(on: req.db).filter(\.$id == id).with(\.$unit).with(\.$item).with(\.$inspection)
        .first(), actor.canSee(finding.unit.unitPath)
    else { throw AppError.notFound("entity.inspection_finding") }
    let counts = try await photoCounts([id], on: req.db)
    return try FindingDTO(finding, today: BusinessTime.civilDate(of: req.now), photos: counts[id] ?? 0)
  }

  /// Visits of a month (default this month) at the stations of the caller's subtree (or one unit), newest first.
  @Sendable static func visits(req: Request) async throws -> [VisitDTO] {
    let actor = try req.actor
    try InspectionAccess.requireRead(actor)
    let today = BusinessTime.civilDate(of: req.now)
    let month = try req.query(monthParameter) ?? CivilDate(dayNumber: today.dayNumber - today.day + 1)
    var unitIDs = try await InspectionQueries.stations(visibleTo: actor, on: req.db).map { try $0.requireID() }
    if let unitID = try req.query(unitParameter) {
      _ = try await OrgUnit.findVisible(unitID, for: actor, on: req.db)
      unitIDs = [unitID]
    }
    return try await InspectionQueries.visits(month: month, unitIDs: unitIDs, on: req.db).map {
      VisitDTO(
        id: try $0.requireID(), unitId: $0.$unit.id, unitName: $0.unit.name, visitedOn: $0.visitedOn, method: $0.method.rawValue,
        inspectorName: $0.inspectorName, summary: $0.summary, findings: $0.findings.compactMap(\.id))
    }
  }

  static func photoCounts(_ ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
    guard !ids.isEmpty else { return [:] }
    let photos = try await FindingPhoto.query(on: db).filter(\.$finding.$id ~~ ids).all()
    return Dictionary(grouping: photos, by: { $0.$finding.id }).mapValues(\.count)
  }
}
