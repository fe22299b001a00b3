import Domain
import Fluent
import Vapor

/// Recording a visit: the station, the day and how, then each checklist item passed or failed, and for a failed
/// one what was found, by when it must be rectified and who is responsible. One column, so it works on a phone.
struct InspectionFormPage: Encodable {
  struct Option: Encodable {
    let value: String
    let label: String
    let selected: Bool
  }
  struct Item: Encodable {
    let id: String
    let name: String
    let result: String
    let finding: String
    let deadline: String
    let responsible: String
    let resultError: String?
    let findingError: String?
    let deadlineError: String?
    let responsibleError: String?
  }
  let chrome: Chrome
  let action: String
  let chooseAction: String
  let stations: [Option]
  let unitChosen: Bool
  let methods: [Option]
  let people: [Option]
  let items: [Item]
  let values: [String: String]
  let errors: [String: String]
  let defaultDeadlineDays: Int

  /// The form's fields read into the service's input.
  static func input(_ form: [String: String]) -> InspectionService.Input {
    var results: [UUID: String] = [:]
    var findings: [UUID: InspectionService.FindingInput] = [:]
    for (key, value) in form {
      if key.hasPrefix("check_"), let id = UUID(uuidString: String(key.dropFirst("check_".count))) { results[id] = value }
    }
    for id in results.keys {
      findings[id] = .init(
        description: form["finding_\(id)"], deadline: form["deadline_\(id)"], responsibleUserID: form["responsible_\(id)"])
    }
    return .init(
      unitID: form["unitId"], visitedOn: form["visitedOn"], method: form["method"], summary: form["summary"], results: results,
      findings: findings)
  }

  static func render(
    _ req: Request, unitID: UUID?, values: [String: String], errors: FieldErrors, status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    guard InspectionAccess.canRecord(actor) else { throw AppError.forbidden }
    let stations = try await InspectionQueries.stations(visibleTo: actor, on: req.db)
    var unit: OrgUnit?
    var people: [Actor] = []
    if let unitID {
      let chosen = try await OrgUnit.findVisible(unitID, for: actor, on: req.db)
      unit = chosen
      people = try await InspectionQueries.people(near: chosen, on: req.db)
    }
    let shown = errors.localized(req.application.localizer, req.locale)
    let items = try await ChecklistItemRow.query(on: req.db).filter(\.$active == true).sort(\.$position).all().map { row in
      let id = try row.requireID().uuidString
      return Item(
        id: id, name: row.name, result: values["check_\(id)"] ?? "", finding: values["finding_\(id)"] ?? "",
        deadline: values["deadline_\(id)"] ?? "", responsible: values["responsible_\(id)"] ?? "",
        resultError: shown["check_\(id)"], findingError: shown["finding_\(id)"], deadlineError: shown["deadline_\(id)"],
        responsibleError: shown["responsible_\(id)"])
    }
    var typed = values
    if typed["visitedOn"] == nil { typed["visitedOn"] = BusinessTime.civilDate(of: req.now).description }
    let chosenUnit = unitID?.uuidString ?? ""
    let chosenMethod = values["method"] ?? InspectionMethod.announced.rawValue
    let page = InspectionFormPage(
      chrome: try await .make(for: req, titleKey: "inspection.new_title"), action: Paths.inspectionNew.link(),
      chooseAction: Paths.inspectionNew.link(),
      stations: try stations.map { .init(value: try $0.requireID().uuidString, label: $0.name, selected: $0.id?.uuidString == chosenUnit) },
      unitChosen: unit != nil,
      methods: InspectionMethod.allCases.map {
        Option(
          value: $0.rawValue, label: req.application.localizer.text("inspection.method.\($0.rawValue)", locale: req.locale),
          selected: $0.rawValue == chosenMethod)
      },
      people: people.map { .init(value: $0.userID.uuidString, label: "\($0.displayName)（\($0.unitName)）", selected: false) },
      items: items, values: typed, errors: shown, defaultDeadlineDays: InspectionRules.standard.rectificationDays)
    return try await req.page("inspections/new", page, status: status)
  }
}
