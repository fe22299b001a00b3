import Charts
import Domain
import Fluent
import Vapor

/// The KPI dashboard of one unit's subtree for one month (rules KPI-…): volumes, complaint rate
/// per 10,000 customers, timeliness rates, and charts. Every number links to exactly the orders
/// it counts: a rate's numerator and its denominator each to their own list.
struct KPIDashboardPage: Encodable {
  struct Figure: Encodable {
    let labelKey: String
    let measure: String
    let value: String
    let counted: Int
    let countedHref: String
    /// A rate's denominator and its list.
    let base: Int?
    let baseHref: String?
    /// What the value is in (customers served, hours).
    let note: String?
  }
  let chrome: Chrome
  let unitName: String
  let bulletinHref: String
  let month: String
  let months: [Choice]
  let units: [Choice]
  let figures: [Figure]
  let volumeChart: ChartView
  let categoryChart: ChartView
  let trendChart: ChartView
  let unitChart: ChartView

  /// Query, then view model: the month's facts and the six months' trend, then the page.
  static func build(for req: Request) async throws -> KPIDashboardPage {
    let data = try await KPIData.load(for: req)
    let trend = try await trendCounts(data, on: req.db)
    let view = KPIDashboardView(data: data, localizer: req.application.localizer, locale: req.locale)
    let thisMonth = KPIData.monthOf(req.now)
    return KPIDashboardPage(
      chrome: try await .make(for: req, titleKey: "kpi.title"), unitName: data.root.name,
      bulletinHref: Paths.bulletin.link() + "?unitId=\(try data.root.requireID().uuidString)&month=\(data.month)", month: data.month,
      months: (0..<12).map { KPIData.shift(thisMonth, by: -$0) }.map { Choice(value: $0, label: $0, selected: $0 == data.month) },
      units: try data.visible.filter { $0.kind != .hall && $0.kind != .team }.map {
        Choice(value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: $0.id == data.root.id)
      },
      figures: view.figures(), volumeChart: view.volumeChart(), categoryChart: view.categoryChart(),
      trendChart: view.trendChart(trend), unitChart: try view.unitChart())
  }

  /// The last six months' orders and verified complaints in the subtree, oldest first.
  static func trendCounts(_ data: KPIData, on db: any Database) async throws -> [(month: String, orders: Int, complaints: Int)] {
    let months = (0..<6).map { KPIData.shift(data.month, by: $0 - 5) }
    let counts = try await WorkOrderFacts.monthlyCounts(
      units: data.subtree.compactMap(\.id),
      months: months.compactMap { month -> (start: Date, end: Date)? in
        guard let start = KPIData.monthStart(month), let end = KPIData.monthStart(KPIData.shift(month, by: 1)) else { return nil }
        return (start: start, end: end)
      },
      on: db)
    return zip(months, counts).map { (month: $0, orders: $1.orders, complaints: $1.complaints) }
  }
}
