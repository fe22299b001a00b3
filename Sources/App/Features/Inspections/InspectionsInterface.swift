import Domain
import Fluent
import Foundation

// What Inspections offers other features, and all of it they may name (FeatureBoundaryTests):
// `InspectionSummaries` and the plain values it returns. No inspection model leaves this feature.

/// Inspection work as plain values, for the start page (and, later, scorecards).
enum InspectionSummaries {
  /// One count of open inspection work, with the list that shows what it counts.
  struct Count: Sendable {
    let labelKey: String
    let count: Int
    let href: String
    let urgent: Bool
  }

  /// Whether the person works with inspections at all (INSP-ROLES).
  static func concerns(_ actor: Actor) -> Bool { InspectionAccess.canRead(actor) }

  /// For inspectors: stations not yet inspected this month and rectifications waiting to be checked; for the units:
  /// findings to rectify and those overdue — all within the person's subtree.
  static func openWork(for actor: Actor, on db: any Database, now: Date) async throws -> [Count] {
    guard concerns(actor) else { return [] }
    let today = BusinessTime.civilDate(of: now)
    let findings = Paths.inspectionFindings.link()
    var counts: [Count] = []
    if InspectionAccess.canRecord(actor) {
      let stations = try await InspectionQueries.stations(visibleTo: actor, on: db).map { try $0.requireID() }
      let month = CivilDate(dayNumber: today.dayNumber - today.day + 1)
      let visits = Dictionary(grouping: try await InspectionQueries.visits(month: month, unitIDs: stations, on: db), by: { $0.$unit.id })
      let uninspected = InspectionRules.standard.uninspected(stations: stations, visits: visits.mapValues(\.count)).count
      let toCheck = try await InspectionQueries.findings(.rectified, unitID: nil, actor: actor, today: today, on: db).count
      counts.append(
        .init(labelKey: "home.stations_uninspected", count: uninspected, href: Paths.inspections.link() + "?show=uninspected", urgent: true)
      )
      counts.append(.init(labelKey: "home.findings_to_check", count: toCheck, href: findings + "?state=rectified", urgent: false))
    }
    let open = try await InspectionQueries.findings(.open, unitID: nil, actor: actor, today: today, on: db).count
    let overdue = try await InspectionQueries.findings(.overdue, unitID: nil, actor: actor, today: today, on: db).count
    counts.append(.init(labelKey: "home.findings_open", count: open, href: findings + "?state=open", urgent: false))
    counts.append(.init(labelKey: "home.findings_overdue", count: overdue, href: findings + "?state=overdue", urgent: true))
    return counts
  }
}

extension InspectionSummaries {
  /// A finding naming a person responsible, for the scorecards (ACC-SCORE-EVIDENCE).
  struct PersonFinding: Sendable {
    let id: UUID
    let personID: UUID
    /// The day of the visit that found it.
    let foundOn: CivilDate
    let description: String
    /// Not rectified by its deadline: rectified after it, or still open after it.
    let overdue: Bool
    let href: String
  }

  /// Findings of visits in `[from, to)` naming one of `persons` responsible; overdue as of `today`.
  static func findings(
    naming persons: Set<UUID>, from: CivilDate, to: CivilDate, today: CivilDate, on db: any Database
  ) async throws
    -> [PersonFinding]
  {
    guard !persons.isEmpty else { return [] }
    let rows = try await InspectionFinding.query(on: db).filter(\.$responsibleUserID ~~ Array(persons)).with(\.$inspection).all()
    return try rows.compactMap { finding in
      guard let person = finding.responsibleUserID, let day = finding.inspection.visitDay, from <= day, day < to,
        let deadline = finding.deadlineDay
      else { return nil }
      let overdue: Bool
      switch finding.state {
      case .open: overdue = deadline < today || (finding.rectifiedAt.map { BusinessTime.civilDate(of: $0) > deadline } ?? false)
      default: overdue = finding.rectifiedAt.map { BusinessTime.civilDate(of: $0) > deadline } ?? false
      }
      let id = try finding.requireID()
      return PersonFinding(
        id: id, personID: person, foundOn: day, description: finding.description, overdue: overdue,
        href: Paths.inspection.link(try finding.inspection.requireID()) + "#finding-\(id.uuidString)")
    }
  }
}
