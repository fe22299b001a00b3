import Charts
import Domain
import Fluent
import Vapor

/// The KPI dashboard of one unit's subtree for one month (issue 3 §7): volumes, complaint rate
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

  static func build(for req: Request) async throws -> KPIDashboardPage {
    let data = try await KPIData.load(for: req)
    let report = WorkOrderKPIs.report(
      data.facts, unitID: nil, period: DateInterval(start: data.start, end: data.end), customers: data.customers, asOf: data.asOf)
    let l = req.application.localizer
    let locale = req.locale
    func figure(_ key: String, _ measure: KPIMeasure, value: String? = nil, note: String? = nil) -> Figure {
      let m = data.members(measure)
      let shown = value ?? (measure.isRate ? m.rate.value.map { DisplayFormat.percent($0) } ?? "—" : String(m.counted.count))
      return Figure(
        labelKey: key, measure: measure.rawValue, value: shown, counted: m.counted.count,
        countedHref: data.drillDown(measure, .counted), base: m.base?.count, baseHref: m.base.map { _ in data.drillDown(measure, .base) },
        note: note)
    }
    let figures: [Figure] = [
      figure("kpi.volume", .volume),
      figure(
        "kpi.complaints_per_10k", .countedComplaints, value: report.complaintsPer10k.map { String(format: "%.2f", $0) } ?? "—",
        note: l.text("kpi.customers", locale: locale, args: [String(data.customers)])),
      figure("kpi.dispatch_timeliness", .dispatchTimeliness), figure("kpi.first_day_contact", .firstDayContact),
      figure("kpi.timely_reply", .timelyReply), figure("kpi.return_visit", .returnVisit),
      figure("kpi.return_visit_satisfaction", .returnVisitSatisfaction), figure("kpi.first_time_resolution", .firstTimeResolution),
      figure("kpi.timely_closure", .timelyClosure), figure("kpi.overdue", .overdue),
      figure(
        "kpi.mean_handling", .handled, value: report.meanHandlingSeconds.map { String(format: "%.1f", $0 / 3600) } ?? "—",
        note: l.text("kpi.hours", locale: locale)),
    ]
    let noData = l.text("kpi.no_data", locale: locale)
    let types = OrderType.allCases.filter { (report.volumeByType[$0] ?? 0) > 0 }
    let volumeChart = ChartView(
      BarChart(
        title: l.text("kpi.chart.volume", locale: locale),
        categories: types.map { l.text("workorder.type.\($0.rawValue)", locale: locale) },
        series: [
          ChartSeries(
            name: l.text("kpi.volume", locale: locale), values: types.map { Double(report.volumeByType[$0] ?? 0) },
            links: types.map { data.drillDown(.countedVolume, .counted, type: $0) })
        ], valueFormat: .integer, noDataText: noData
      ))
    let english = locale == "en"
    let categories = Taxonomy.complaintsV1.categories
    let categoryChart = ChartView(
      BarChart(
        title: l.text("kpi.chart.categories", locale: locale),
        categories: categories.map { english ? $0.englishName : $0.chineseName },
        series: [
          ChartSeries(
            name: l.text("kpi.verified_complaints", locale: locale),
            values: categories.map { Double(report.complaintsByCategory[$0.code] ?? 0) },
            links: categories.map { data.drillDown(.countedComplaints, .counted, category: $0.code) })
        ],
        valueFormat: .integer, noDataText: noData
      ))
    let trendMonths = (0..<6).map { KPIData.shift(data.month, by: $0 - 5) }
    let trend = try await WorkOrderFacts.monthlyCounts(
      units: data.subtree.compactMap(\.id),
      months: trendMonths.compactMap { month -> (start: Date, end: Date)? in
        guard let start = KPIData.monthStart(month), let end = KPIData.monthStart(KPIData.shift(month, by: 1)) else { return nil }
        return (start: start, end: end)
      },
      on: req.db)
    let trendChart = ChartView(
      LineChart(
        title: l.text("kpi.chart.trend", locale: locale), xLabels: trendMonths,
        series: [
          ChartSeries(name: l.text("kpi.volume", locale: locale), values: trend.map { Double($0.orders) }),
          ChartSeries(name: l.text("kpi.verified_complaints", locale: locale), values: trend.map { Double($0.complaints) }),
        ], valueFormat: .integer, includesZero: true, noDataText: noData
      ))
    let children = data.subtree.filter { $0.$parent.id == data.root.id }
    let volume = Set(data.members(.volume).counted)
    let unitChart = ChartView(
      BarChart(
        title: l.text("kpi.chart.units", locale: locale), categories: children.map(\.name),
        series: [
          ChartSeries(
            name: l.text("kpi.volume", locale: locale),
            values: children.map { child in
              let ids = Set(data.subtree.filter { child.unitPath.contains($0.unitPath) }.compactMap { $0.id?.uuidString })
              return Double(data.inMonth.filter { volume.contains($0.orderID) && ids.contains($0.unitID ?? "") }.count)
            },
            links: try children.map { Paths.kpi.link() + "?unitId=\(try $0.requireID().uuidString)&month=\(data.month)" })
        ], valueFormat: .integer, noDataText: noData
      ))
    let thisMonth = KPIData.monthOf(req.now)
    return KPIDashboardPage(
      chrome: try await .make(for: req, titleKey: "kpi.title"), unitName: data.root.name,
      bulletinHref: Paths.bulletin.link() + "?unitId=\(try data.root.requireID().uuidString)&month=\(data.month)", month: data.month,
      months: (0..<12).map { KPIData.shift(thisMonth, by: -$0) }.map { Choice(value: $0, label: $0, selected: $0 == data.month) },
      units: try data.visible.filter { $0.unitKind != .hall && $0.unitKind != .team }.map {
        Choice(value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: $0.id == data.root.id)
      },
      figures: figures, volumeChart: volumeChart, categoryChart: categoryChart, trendChart: trendChart, unitChart: unitChart)
  }
}
