import Domain
import Fluent
import Vapor

/// The month's plan (INSP-MONTHLY): every station the actor may see, how often it was inspected this month and
/// its open and overdue findings, each number linking to the records it counts.
struct InspectionPlanPage: Encodable {
  struct Row: Encodable {
    let name: String
    let parentName: String
    let visits: Int
    let visitsHref: String
    let lastVisit: String
    let open: Int
    let openHref: String
    let overdue: Int
    let overdueHref: String
    let uninspected: Bool
    let recordHref: String?
  }
  let chrome: Chrome
  let month: String
  let monthAction: String
  let stations: Int
  let stationsHref: String
  let uninspected: Int
  let uninspectedHref: String
  let open: Int
  let openHref: String
  let overdue: Int
  let overdueHref: String
  let onlyUninspected: Bool
  let rows: [Row]
  let newHref: String?

  static func make(
    _ req: Request, actor: Actor, month: CivilDate, today: CivilDate, onlyUninspected: Bool, rules: InspectionRules
  ) async throws -> InspectionPlanPage {
    let stations = try await InspectionQueries.stations(visibleTo: actor, on: req.db)
    let ids = try stations.map { try $0.requireID() }
    let visits = try await InspectionQueries.visits(month: month, unitIDs: ids, on: req.db)
    let visitCount = Dictionary(grouping: visits, by: { $0.$unit.id }).mapValues(\.count)
    let lastVisit = Dictionary(grouping: visits, by: { $0.$unit.id }).mapValues { $0.map(\.visitedOn).max() ?? "" }
    let open = try await InspectionQueries.findings(.open, unitID: nil, actor: actor, today: today, on: req.db)
    let openCount = Dictionary(grouping: open, by: { $0.$unit.id }).mapValues(\.count)
    let overdueCount = Dictionary(
      grouping: open.filter { $0.state.isOverdue(deadline: $0.deadlineDay ?? today, today: today) }, by: { $0.$unit.id }
    )
    .mapValues(\.count)
    let uninspected = Set(rules.uninspected(stations: ids, visits: visitCount))
    let parents = try await OrgUnit.query(on: req.db).filter(\.$id ~~ stations.compactMap { $0.$parent.id }).all()
    let parentName = Dictionary(uniqueKeysWithValues: parents.compactMap { p in p.id.map { ($0, p.name) } })
    let monthText = String(month.description.prefix(7))
    let base = Paths.inspections.link()
    let findingsBase = Paths.inspectionFindings.link()
    let canRecord = InspectionAccess.canRecord(actor)
    let rows = try stations.compactMap { station -> Row? in
      let id = try station.requireID()
      if onlyUninspected && !uninspected.contains(id) { return nil }
      return Row(
        name: station.name, parentName: station.$parent.id.flatMap { parentName[$0] } ?? "",
        visits: visitCount[id] ?? 0, visitsHref: Paths.inspectionVisits.link() + "?month=\(monthText)&unitId=\(id)",
        lastVisit: lastVisit[id] ?? "", open: openCount[id] ?? 0, openHref: findingsBase + "?state=open&unitId=\(id)",
        overdue: overdueCount[id] ?? 0, overdueHref: findingsBase + "?state=overdue&unitId=\(id)",
        uninspected: uninspected.contains(id), recordHref: canRecord ? Paths.inspectionNew.link() + "?unitId=\(id)" : nil)
    }
    return InspectionPlanPage(
      chrome: try await .make(for: req, titleKey: "inspection.plan_title"), month: monthText, monthAction: base,
      stations: stations.count, stationsHref: base + "?month=\(monthText)", uninspected: uninspected.count,
      uninspectedHref: base + "?month=\(monthText)&show=uninspected", open: open.count, openHref: findingsBase + "?state=open",
      overdue: overdueCount.values.reduce(0, +), overdueHref: findingsBase + "?state=overdue", onlyUninspected: onlyUninspected,
      rows: rows, newHref: canRecord ? Paths.inspectionNew.link() : nil)
  }
}
