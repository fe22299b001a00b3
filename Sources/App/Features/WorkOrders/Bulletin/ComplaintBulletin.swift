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

  static func load(for req: Request) async throws -> ComplaintBulletin {
    let actor = try req.actor
    let visible = try await OrgUnit.visible(to: actor, on: req.db)
    let requested = try req.query(KPIDashboardPage.unitParameter)
    guard let root = visible.first(where: { $0.id == (requested ?? actor.unitID) }) ?? visible.first else {
      throw AppError.forbidden
    }
    let requestedMonth = try req.query(KPIDashboardPage.monthParameter) ?? YearMonth(BusinessTime.civilDate(of: req.now))
    let (start, end) = try KPIDashboardPage.bounds(requestedMonth)
    let month = requestedMonth.description
    let subtree = visible.filter { root.unitPath.contains($0.unitPath) }
    let names = Dictionary(uniqueKeysWithValues: try subtree.map { (try $0.requireID(), $0.name) })
    let orders = try await WorkOrder.query(on: req.db).filter(\.$unit.$id ~~ subtree.compactMap(\.id))
      .filter(\.$type == OrderType.complaint.rawValue).filter(\.$verified == true).filter(\.$supplyResponsibility == true)
      .filter(\.$acceptedAt >= start).filter(\.$acceptedAt < end).sort(\.$acceptedAt).all()
    return ComplaintBulletin(
      unit: root, month: month,
      entries: orders.map {
        Entry(order: $0, unitName: names[$0.$unit.id] ?? "", investigation: $0.investigation ?? ComplaintInvestigation())
      })
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
        o.number, DisplayFormat.dateTime(o.acceptedAt), entry.unitName, itemName, t("workorder.severity.\(o.severity)"), o.content,
        i.course, i.handling, i.cause, i.responsibility, i.correctiveAction, i.personnelOutcome,
      ]
    }
    return (header, rows)
  }
}
