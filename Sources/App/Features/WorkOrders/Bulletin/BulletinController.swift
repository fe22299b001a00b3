import Domain
import Fluent
import Spreadsheet
import Vapor

struct BulletinPage: Encodable {
  struct Row: Encodable {
    let href: String
    let number: String
    let cells: [String]
  }
  let chrome: Chrome
  let unitName: String
  let month: String
  let units: [Choice]
  let header: [String]
  /// One complaint each: its number links to the order.
  let rows: [Row]
  let hasRows: Bool
  let count: Int
  /// The same complaints as a queue list (the dashboard's 万户投诉率 drill-down).
  let listHref: String
  let xlsxHref: String
}

/// The monthly complaint bulletin as a printable page and as XLSX; the order list as XLSX.
enum BulletinController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.bulletin.components, use: show).query(KPIData.unitParameter, KPIData.monthParameter)
    pages.get(Paths.bulletinXLSX.components, use: xlsx).query(KPIData.unitParameter, KPIData.monthParameter)
    pages.get(Paths.workOrdersXLSX.components, use: ordersXLSX).query(WorkOrderPagesController.exportParameters)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let (bulletin, data) = try await ComplaintBulletin.load(for: req)
    let table = bulletin.rows(localizer: req.application.localizer, locale: req.locale)
    let units = data.visible.filter { $0.kind != .hall && $0.kind != .team }
    let page = BulletinPage(
      chrome: try await .make(for: req, titleKey: "bulletin.title"), unitName: bulletin.unit.name, month: bulletin.month,
      units: try units.map { Choice(value: try $0.requireID().uuidString, label: $0.name, selected: $0.id == bulletin.unit.id) },
      header: table.header,
      rows: try zip(bulletin.entries, table.rows).map { entry, cells in
        BulletinPage.Row(
          href: Paths.workOrder.link(try entry.order.requireID()), number: cells.first ?? "", cells: Array(cells.dropFirst()))
      },
      hasRows: !table.rows.isEmpty, count: table.rows.count, listHref: data.drillDown(.countedComplaints, .counted),
      xlsxHref: Paths.bulletinXLSX.link() + "?unitId=\(try bulletin.unit.requireID().uuidString)&month=\(bulletin.month)")
    return try await req.page("workorders/bulletin", page)
  }

  @Sendable static func xlsx(req: Request) async throws -> Response {
    let (bulletin, _) = try await ComplaintBulletin.load(for: req)
    let table = bulletin.rows(localizer: req.application.localizer, locale: req.locale)
    let title = req.t("bulletin.heading", bulletin.unit.name, bulletin.month)
    let rows = [[SpreadsheetCell.text(title)], table.header.map(SpreadsheetCell.text)] + table.rows.map { $0.map(SpreadsheetCell.text) }
    let sheet = SpreadsheetSheet(name: bulletin.month, rows: rows, boldFirstRow: true)
    return try XLSXDownload.response(SpreadsheetWorkbook(sheets: [sheet]), name: "bulletin-\(bulletin.month).xlsx")
  }

  /// The queue's orders (same view and filters as the CSV export) as XLSX.
  @Sendable static func ordersXLSX(req: Request) async throws -> Response {
    let actor = try req.actor
    let orders = try await WorkOrderPagesController.exportedOrders(req)
    let names = Dictionary(try await OrgUnit.visible(to: actor, on: req.db).map { (try $0.requireID(), $0.name) }) { a, _ in a }
    let table = WorkOrderExport.table(orders, unitNames: names, actor: actor, localizer: req.application.localizer, locale: req.locale)
    let sheet = SpreadsheetSheet(
      name: req.t("workorders.title"), rows: [table.header.map(SpreadsheetCell.text)] + table.rows.map { $0.map(SpreadsheetCell.text) })
    return try XLSXDownload.response(SpreadsheetWorkbook(sheets: [sheet]), name: "work-orders.xlsx")
  }
}
