import Domain
import Fluent
import Vapor

/// The visits of a month and the findings list.
enum InspectionListPages {
  struct Visit: Encodable {
    let href: String
    let unitName: String
    let visitedOn: String
    let methodKey: String
    let inspectorName: String
    let findings: Int
  }
  struct VisitsPage: Encodable {
    let chrome: Chrome
    let month: String
    let unitName: String?
    let visits: [Visit]
    let planHref: String
  }

  static func visits(_ req: Request, actor: Actor, month: CivilDate, unitID: UUID?) async throws -> VisitsPage {
    var unitIDs = try await InspectionQueries.stations(visibleTo: actor, on: req.db).map { try $0.requireID() }
    var unitName: String?
    if let unitID {
      let unit = try await OrgUnit.findVisible(unitID, for: actor, on: req.db)
      unitIDs = [unitID]
      unitName = unit.name
    }
    let monthText = String(month.description.prefix(7))
    let visits = try await InspectionQueries.visits(month: month, unitIDs: unitIDs, on: req.db).map {
      Visit(
        href: Paths.inspection.link(try $0.requireID()), unitName: $0.unit.name, visitedOn: $0.visitedOn,
        methodKey: "inspection.method.\($0.method.rawValue)", inspectorName: $0.inspectorName, findings: $0.findings.count)
    }
    return VisitsPage(
      chrome: try await .make(for: req, titleKey: "inspection.visits_title"), month: monthText, unitName: unitName,
      visits: visits, planHref: Paths.inspections.link() + "?month=\(monthText)")
  }

  struct Finding: Encodable {
    let href: String
    let unitName: String
    let itemName: String
    let description: String
    let deadline: String
    let stateKey: String
    let overdue: Bool
    let responsibleName: String
  }
  struct FilterOption: Encodable {
    let value: String
    let labelKey: String
    let selected: Bool
  }
  struct FindingsPage: Encodable {
    let chrome: Chrome
    let filters: [FilterOption]
    let unitName: String?
    let unitID: String
    let findings: [Finding]
  }

  static func findings(
    _ req: Request, actor: Actor, filter: InspectionQueries.FindingFilter?, unitID: UUID?
  ) async throws -> FindingsPage {
    var unitName: String?
    if let unitID { unitName = try await OrgUnit.findVisible(unitID, for: actor, on: req.db).name }
    let today = BusinessTime.civilDate(of: req.now)
    let rows = try await InspectionQueries.findings(filter, unitID: unitID, actor: actor, today: today, on: req.db).map {
      Finding(
        href: Paths.inspection.link($0.$inspection.id) + "#finding-\(try $0.requireID())", unitName: $0.unit.name,
        itemName: $0.item?.name ?? "", description: $0.description, deadline: $0.deadline,
        stateKey: "inspection.finding_state.\($0.state.rawValue)",
        overdue: $0.state.isOverdue(deadline: $0.deadlineDay ?? today, today: today), responsibleName: $0.responsibleName ?? "")
    }
    return FindingsPage(
      chrome: try await .make(for: req, titleKey: "inspection.findings_title"),
      filters: InspectionQueries.FindingFilter.allCases.map {
        FilterOption(value: $0.rawValue, labelKey: "inspection.filter.\($0.rawValue)", selected: $0 == filter)
      }, unitName: unitName,
      unitID: unitID?.uuidString ?? "", findings: rows)
  }
}
