import Charts
import Domain
import Fluent
import Vapor

/// The KPI dashboard of one unit's subtree for one month (issue 3 §7): volumes, complaint rate
/// per 10,000 customers, timeliness rates, and charts; every figure links to its orders.
struct KPIDashboardPage: Encodable {
  struct Figure: Encodable {
    let labelKey: String
    let value: String
    let detail: String
    let href: String
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
    let actor = try req.actor
    let now = req.now
    let visible = try await OrgUnit.visible(to: actor, on: req.db)
    let requested = req.query[String.self, at: "unitId"].flatMap(UUID.init(uuidString:))
    guard let root = visible.first(where: { $0.id == (requested ?? actor.unitID) }) ?? visible.first(where: { $0.id == actor.unitID })
    else {
      throw AppError.forbidden
    }
    let subtree = visible.filter { root.unitPath.contains($0.unitPath) }
    let thisMonth = String(BusinessTime.civilDate(of: now).description.prefix(7))
    let month = req.query[String.self, at: "month"].flatMap { Self.monthStart($0) == nil ? nil : $0 } ?? thisMonth
    let start = Self.monthStart(month)!
    let end = Self.monthStart(Self.shift(month, by: 1))!
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    // This month's orders and 30 days after for repeat contacts; the trend only counts (below),
    // so the months before are never loaded.
    let orders = try await WorkOrder.query(on: req.db).filter(\.$unit.$id ~~ subtree.compactMap(\.id))
      .filter(\.$acceptedAt >= start).filter(\.$acceptedAt < end.addingTimeInterval(30 * 86_400)).all()
    let asOf = min(now, end)
    let facts = try orders.map { try WorkOrderFacts.facts($0, calendar: workflow.calendar, now: asOf) }
    let customers = subtree.map(\.customerCount).reduce(0, +)
    let report = WorkOrderKPIs.report(facts, unitID: nil, period: DateInterval(start: start, end: end), customers: customers, asOf: asOf)
    let l = req.application.localizer
    let locale = req.locale
    // Every figure links to the orders behind it: this unit's subtree, this month, all states.
    let lastDay = BusinessTime.civilDate(of: end.addingTimeInterval(-1)).description
    let period = "&from=\(month)-01&to=\(lastDay)"
    let listBase = Paths.workOrders.link() + "?view=all&unitId=\(root.id!.uuidString)" + period
    func rate(_ key: String, _ r: KPIRate) -> Figure {
      Figure(
        labelKey: key, value: r.value.map { DisplayFormat.percent($0) } ?? "—", detail: "\(r.numerator) / \(r.denominator)",
        href: listBase)
    }
    // Intake volume counts every order accepted in the month; the by-type chart follows the
    // statistics rule (complaints only once verified as the supply side's).
    let total = facts.filter { $0.acceptedAt >= start && $0.acceptedAt < end && !$0.isMergedDuplicate }.count
    let figures: [Figure] = [
      Figure(
        labelKey: "kpi.volume", value: String(total), detail: "",
        href: Paths.workOrders.link() + "?view=closed&unitId=\(root.id!.uuidString)"),
      Figure(
        labelKey: "kpi.complaints_per_10k", value: report.complaintsPer10k.map { String(format: "%.2f", $0) } ?? "—",
        detail: l.text("kpi.customers", locale: locale, args: [String(customers)]), href: listBase + "&type=complaint"),
      rate("kpi.dispatch_timeliness", report.dispatchTimeliness), rate("kpi.first_day_contact", report.firstDayContact),
      rate("kpi.timely_reply", report.timelyReply), rate("kpi.return_visit", report.returnVisit),
      rate("kpi.return_visit_satisfaction", report.returnVisitSatisfaction), rate("kpi.first_time_resolution", report.firstTimeResolution),
      rate("kpi.timely_closure", report.timelyClosure),
      Figure(
        labelKey: "kpi.overdue", value: String(report.overdueCount), detail: "",
        href: Paths.workOrders.link() + "?view=overdue&unitId=\(root.id!.uuidString)"),
      Figure(
        labelKey: "kpi.mean_handling", value: report.meanHandlingSeconds.map { String(format: "%.1f", $0 / 3600) } ?? "—",
        detail: l.text("kpi.hours", locale: locale), href: listBase),
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
            links: types.map { listBase + "&type=\($0.rawValue)" })
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
            values: categories.map { Double(report.complaintsByCategory[$0.code] ?? 0) })
        ],
        valueFormat: .integer, noDataText: noData
      ))
    let trendMonths = (0..<6).map { Self.shift(month, by: $0 - 5) }
    let trend = try await WorkOrderFacts.monthlyCounts(
      units: subtree.compactMap(\.id), months: trendMonths.map { (Self.monthStart($0)!, Self.monthStart(Self.shift($0, by: 1))!) },
      on: req.db)
    let trendChart = ChartView(
      LineChart(
        title: l.text("kpi.chart.trend", locale: locale), xLabels: trendMonths,
        series: [
          ChartSeries(name: l.text("kpi.volume", locale: locale), values: trend.map { Double($0.orders) }),
          ChartSeries(name: l.text("kpi.verified_complaints", locale: locale), values: trend.map { Double($0.complaints) }),
        ], valueFormat: .integer, includesZero: true, noDataText: noData
      ))
    let children = subtree.filter { $0.$parent.id == root.id }
    let inMonth = facts.filter { $0.acceptedAt >= start && $0.acceptedAt < end }
    let unitChart = ChartView(
      BarChart(
        title: l.text("kpi.chart.units", locale: locale), categories: children.map(\.name),
        series: [
          ChartSeries(
            name: l.text("kpi.volume", locale: locale),
            values: children.map { child in
              let ids = Set(subtree.filter { child.unitPath.contains($0.unitPath) }.compactMap { $0.id?.uuidString })
              return Double(inMonth.filter { ids.contains($0.unitID ?? "") }.count)
            },
            links: children.map { Paths.kpi.link() + "?unitId=\($0.id!.uuidString)&month=\(month)" })
        ], valueFormat: .integer, noDataText: noData
      ))
    return KPIDashboardPage(
      chrome: .make(for: req, titleKey: "kpi.title"), unitName: root.name,
      bulletinHref: Paths.bulletin.link() + "?unitId=\(root.id!.uuidString)&month=\(month)", month: month,
      months: (0..<12).map { Self.shift(thisMonth, by: -$0) }.map { Choice(value: $0, label: $0, selected: $0 == month) },
      units: visible.filter { $0.unitKind != .hall && $0.unitKind != .team }.map {
        Choice(value: $0.id!.uuidString, label: "\($0.name) (\($0.code))", selected: $0.id == root.id)
      },
      figures: figures, volumeChart: volumeChart, categoryChart: categoryChart, trendChart: trendChart, unitChart: unitChart)
  }

  /// 00:00 Beijing time on the first of "YYYY-MM".
  static func monthStart(_ month: String) -> Date? {
    CivilDate(iso: month + "-01").map(BusinessTime.startOfDay)
  }

  static func shift(_ month: String, by months: Int) -> String {
    guard let d = CivilDate(iso: month + "-01") else { return month }
    let index = d.year * 12 + (d.month - 1) + months
    return String(format: "%04d-%02d", index / 12, index % 12 + 1)
  }

  static func monthOf(_ date: Date) -> String { String(BusinessTime.civilDate(of: date).description.prefix(7)) }
}
