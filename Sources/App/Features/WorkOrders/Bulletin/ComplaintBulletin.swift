import Domain
import Fluent
import Spreadsheet
import Vapor

/// The monthly complaint bulletin (投诉事件通报) of a unit's subtree: every complaint accepted in
/// the month and verified as the supply side's responsibility, with its investigation record.
struct ComplaintBulletin: Sendable {
  struct Entry: Sendable {
    let order: WorkOrder
    let unitName: String
    let investigation: ComplaintInvestigation
  }
  let unit: OrgUnit
  let month: String
  let entries: [Entry]

  /// The complaints the month's 万户投诉率 counts (`KPIMeasure.countedComplaints`): one rule
  /// for the bulletin and the dashboard.
  static func load(for req: Request) async throws -> (ComplaintBulletin, KPIData) {
    let data = try await KPIData.load(for: req)
    let ids = data.members(.countedComplaints).counted
    let names = Dictionary(uniqueKeysWithValues: try data.subtree.map { (try $0.requireID(), $0.name) })
    let orders = ids.isEmpty ? [] : try await WorkOrder.query(on: req.db).filter(\.$id ~~ ids).sort(\.$acceptedAt).all()
    let bulletin = ComplaintBulletin(
      unit: data.root, month: data.month,
      entries: orders.map {
        Entry(order: $0, unitName: names[$0.$unit.id] ?? "", investigation: $0.investigation ?? ComplaintInvestigation())
      })
    return (bulletin, data)
  }

  /// One row per complaint, the same columns on the page and in the XLSX file.
  func rows(localizer: Localizer, locale: String) -> (header: [String], rows: [[String]]) {
    let taxonomy = Taxonomy.complaintsV1
    func t(_ key: String) -> String { localizer.text(key, locale: locale) }
    let header =
      [
        "workorder.field.number", "workorder.field.acceptedAt", "workorder.field.unitId", "bulletin.item", "workorder.field.severity",
        "workorder.field.content",
      ].map(t) + ComplaintInvestigation.fields.map { t("workorder.investigation.\($0)") }
    let rows = entries.map { entry -> [String] in
      let o = entry.order
      let item = o.categoryCode.flatMap { category in o.itemCode.flatMap { try? taxonomy.item($0, in: category) } }
      let itemName = item.map { locale == "en" ? $0.englishName : $0.chineseName } ?? (o.itemCode ?? "")
      let i = entry.investigation
      return [
        o.number, DisplayFormat.dateTime(o.acceptedAt), entry.unitName, itemName, t("workorder.severity.\(o.severity.rawValue)"), o.content,
        i.course, i.handling, i.cause, i.responsibility, i.correctiveAction, i.personnelOutcome,
      ]
    }
    return (header, rows)
  }
}
