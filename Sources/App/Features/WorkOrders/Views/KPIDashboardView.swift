import Charts
import Domain
import Foundation

/// The KPI dashboard's figures and charts from one month's data, in the reader's language: the
/// view-model step between `KPIData.load` and the template. Every number links to the orders it
/// counts.
struct KPIDashboardView {
  let data: KPIData
  let report: WorkOrderKPIReport
  let localizer: Localizer
  let locale: String

  init(data: KPIData, localizer: Localizer, locale: String) {
    self.data = data
    self.report = WorkOrderKPIs.report(
      data.facts, unitID: nil, period: DateInterval(start: data.start, end: data.end), customers: data.customers, asOf: data.asOf)
    self.localizer = localizer
    self.locale = locale
  }

  func text(_ key: String, _ args: String...) -> String { localizer.text(key, locale: locale, args: args) }
  var noData: String { text("kpi.no_data") }

  func figure(_ key: String, _ measure: KPIMeasure, value: String? = nil, note: String? = nil) -> KPIDashboardPage.Figure {
    let m = data.members(measure)
    let shown = value ?? (measure.isRate ? m.rate.value.map { DisplayFormat.percent($0) } ?? "—" : String(m.counted.count))
    return .init(
      labelKey: key, measure: measure.rawValue, value: shown, counted: m.counted.count,
      countedHref: data.drillDown(measure, .counted), base: m.base?.count, baseHref: m.base.map { _ in data.drillDown(measure, .base) },
      note: note)
  }

  func figures() -> [KPIDashboardPage.Figure] {
    [
      figure("kpi.volume", .volume),
      figure(
        "kpi.complaints_per_10k", .countedComplaints, value: report.complaintsPer10k.map { String(format: "%.2f", $0) } ?? "—",
        note: text("kpi.customers", String(data.customers))),
      figure("kpi.dispatch_timeliness", .dispatchTimeliness), figure("kpi.first_day_contact", .firstDayContact),
      figure("kpi.timely_reply", .timelyReply), figure("kpi.return_visit", .returnVisit),
      figure("kpi.return_visit_satisfaction", .returnVisitSatisfaction), figure("kpi.first_time_resolution", .firstTimeResolution),
      figure("kpi.timely_closure", .timelyClosure), figure("kpi.repair_arrival", .repairArrival),
      figure("kpi.repair_restoration", .repairRestoration), figure("kpi.overdue", .overdue),
      figure(
        "kpi.mean_handling", .handled, value: report.meanHandlingSeconds.map { String(format: "%.1f", $0 / 3600) } ?? "—",
        note: text("kpi.hours")),
    ]
  }

  func volumeChart() -> ChartView {
    let types = OrderType.allCases.filter { (report.volumeByType[$0] ?? 0) > 0 }
    return ChartView(
      BarChart(
        title: text("kpi.chart.volume"), categories: types.map { text("workorder.type.\($0.rawValue)") },
        series: [
          ChartSeries(
            name: text("kpi.volume"), values: types.map { Double(report.volumeByType[$0] ?? 0) },
            links: types.map { data.drillDown(.countedVolume, .counted, type: $0) })
        ], valueFormat: .integer, noDataText: noData))
  }

  func categoryChart() -> ChartView {
    let categories = Taxonomy.complaintsV1.categories
    return ChartView(
      BarChart(
        title: text("kpi.chart.categories"), categories: categories.map { locale == "en" ? $0.englishName : $0.chineseName },
        series: [
          ChartSeries(
            name: text("kpi.verified_complaints"), values: categories.map { Double(report.complaintsByCategory[$0.code] ?? 0) },
            links: categories.map { data.drillDown(.countedComplaints, .counted, category: $0.code) })
        ], valueFormat: .integer, noDataText: noData))
  }

  func trendChart(_ trend: [(month: String, orders: Int, complaints: Int)]) -> ChartView {
    ChartView(
      LineChart(
        title: text("kpi.chart.trend"), xLabels: trend.map(\.month),
        series: [
          ChartSeries(name: text("kpi.volume"), values: trend.map { Double($0.orders) }),
          ChartSeries(name: text("kpi.verified_complaints"), values: trend.map { Double($0.complaints) }),
        ], valueFormat: .integer, includesZero: true, noDataText: noData))
  }

  /// The month's volume per child unit of the one shown, each bar linking to that unit's dashboard.
  func unitChart() throws -> ChartView {
    let children = data.subtree.filter { $0.$parent.id == data.root.id }
    let volume = Set(data.members(.volume).counted)
    return ChartView(
      BarChart(
        title: text("kpi.chart.units"), categories: children.map(\.name),
        series: [
          ChartSeries(
            name: text("kpi.volume"),
            values: children.map { child in
              let ids = Set(data.subtree.filter { child.unitPath.contains($0.unitPath) }.compactMap(\.id))
              return Double(data.inMonth.filter { volume.contains($0.orderID) && $0.unitID.map(ids.contains) == true }.count)
            },
            links: try children.map { Paths.kpi.link() + "?unitId=\(try $0.requireID().uuidString)&month=\(data.month)" })
        ], valueFormat: .integer, noDataText: noData))
  }
}
