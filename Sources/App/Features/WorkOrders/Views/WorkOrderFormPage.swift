import Domain
import Fluent
import Vapor

/// The agent's intake form: one page, keyboard-friendly (fields in calling order, the taxonomy
/// as one grouped list), re-shown with every error beside its field and nothing lost.
struct WorkOrderFormPage: Encodable {
  struct Group: Encodable {
    let label: String
    let options: [Choice]
  }
  let chrome: Chrome
  let contactsLookup: String
  let action: String
  let values: [String: String]
  let errors: [String: String]
  let types: [Choice]
  let serviceKinds: [Choice]
  let channels: [Choice]
  let areas: [Choice]
  let attitudes: [Choice]
  let severities: [Choice]
  let units: [Choice]
  let complaintItems: [Group]
  let misconductItems: [Choice]

  static func build(for req: Request, values: [String: String] = [:], errors: FieldErrors = .init()) async throws -> WorkOrderFormPage {
    let actor = try req.actor
    let english = req.locale == "en"
    func choices<T: RawRepresentable & CaseIterable>(_: T.Type, _ prefix: String, _ field: String, default def: String = "") -> [Choice]
    where T.RawValue == String {
      T.allCases.map { Choice(value: $0.rawValue, labelKey: "\(prefix).\($0.rawValue)", selected: $0.rawValue == (values[field] ?? def)) }
    }
    let units = try await OrgUnit.visible(to: actor, on: req.db).filter { $0.kind != .company && $0.kind != .city }
    let item = values["item"] ?? ""
    return WorkOrderFormPage(
      chrome: try await .make(for: req, titleKey: "workorders.new"), contactsLookup: Paths.workOrderContacts.link(),
      action: Paths.workOrderNew.link(), values: values,
      errors: errors.localized(req.application.localizer, req.locale),
      types: choices(OrderType.self, "workorder.type", "type", default: "complaint"),
      serviceKinds: choices(ServiceRequestKind.self, "workorder.service", "serviceKind"),
      channels: choices(Domain.Channel.self, "workorder.channel", "channel", default: "phone95598"),
      areas: choices(AreaClass.self, "workorder.area", "area", default: "urban"),
      attitudes: choices(CustomerAttitude.self, "workorder.attitude", "attitude", default: "calm"),
      severities: choices(Severity.self, "workorder.severity", "severity", default: "general"),
      units: try units.map {
        Choice(
          value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))",
          selected: try $0.requireID().uuidString == values["unitId"])
      },
      complaintItems: Taxonomy.complaintsV1.categories.map { category in
        Group(
          label: english ? category.englishName : category.chineseName,
          options: category.items.map {
            Choice(value: $0.code, label: english ? $0.englishName : $0.chineseName, selected: $0.code == item)
          })
      },
      misconductItems: Taxonomy.misconductV1.items.map {
        Choice(value: $0.code, label: english ? $0.englishName : $0.chineseName, selected: $0.code == item)
      })
  }
}
