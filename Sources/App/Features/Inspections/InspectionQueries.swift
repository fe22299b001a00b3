import Domain
import Fluent
import Foundation

/// What the inspection pages list: the month's plan, visits and findings, within the actor's subtree.
enum InspectionQueries {
  /// The stations the actor may see (service halls are inspected as part of their station), by code.
  static func stations(visibleTo actor: Actor, on db: any Database) async throws -> [OrgUnit] {
    try await OrgUnit.visible(to: actor, on: db).filter { $0.kind == .station }
  }

  /// Visits made in a month (given as its first day) at these units, newest first.
  static func visits(month: CivilDate, unitIDs: [UUID], on db: any Database) async throws -> [Inspection] {
    guard !unitIDs.isEmpty else { return [] }
    let end = month.adding(days: CivilDate.daysIn(month: month.month, year: month.year))
    return try await Inspection.query(on: db)
      .filter(\.$unit.$id ~~ unitIDs)
      .filter(\.$visitedOn >= month.description).filter(\.$visitedOn < end.description)
      .with(\.$unit).with(\.$findings)
      .sort(\.$visitedOn, .descending).sort(\.$createdAt, .descending)
      .all()
  }

  /// Which findings a list shows: by state, or the open ones past their deadline.
  enum FindingFilter: String, CaseIterable, Sendable {
    case open, rectified, closed, overdue
  }

  /// Findings of units in the actor's subtree, optionally of one unit, by deadline.
  static func findings(
    _ filter: FindingFilter?, unitID: UUID?, actor: Actor, today: CivilDate, on db: any Database
  ) async throws -> [InspectionFinding] {
    let query = InspectionFinding.query(on: db).join(OrgUnit.self, on: \InspectionFinding.$unit.$id == \OrgUnit.$id)
    if !actor.isAdmin { query.filter(OrgUnit.self, \.$path =~ actor.unitPath.value) }
    if let unitID { query.filter(\.$unit.$id == unitID) }
    switch filter {
    case .open?: query.filter(\.$state == .open)
    case .rectified?: query.filter(\.$state == .rectified)
    case .closed?: query.filter(\.$state == .closed)
    case .overdue?: query.filter(\.$state == .open).filter(\.$deadline < today.description)
    case nil: break
    }
    return try await query.with(\.$unit).with(\.$item).with(\.$inspection).sort(\.$deadline).sort(\.$createdAt).all()
  }

  /// People who may be named responsible for a finding at a unit: those of the unit's subtree and of the
  /// county (or station) above it.
  static func people(near unit: OrgUnit, on db: any Database) async throws -> [Actor] {
    let ancestorIDs = unit.unitPath.ancestorIDs
    let ancestors = try await OrgUnit.query(on: db).filter(\.$id ~~ ancestorIDs).all()
      .filter { [.county, .station].contains($0.kind) }
    let subtree = try await OrgUnit.query(on: db).filter(\.$path =~ unit.path).all()
    let ids = try (ancestors + subtree).map { try $0.requireID() }
    return try await ActorLoader.active(inUnits: ids, on: db).sorted { $0.displayName < $1.displayName }
  }
}
