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
  let volumeChart: String
  let categoryChart: String
  let trendChart: String
  let unitChart: String

  static func build(for req: Request) async throws -> KPIDashboardPage {
    let actor = try req.actor
    let now = req.now
    let visible = try await OrgUnit.visible(to: actor, on: req.db)
    let requested = try req.query(Self.unitParameter)
    guard let root = visible.first(where: { $0.id == (requested ?? actor.unitID) }) ?? visible.first(where: { $0.id == actor.unitID })
    else {
      throw AppError.forbidden
    }
    let subtree = visible.filter { root.unitPath.contains($0.unitPath) }
    let thisMonth = YearMonth(BusinessTime.civilDate(of: now))
    let requestedMonth = try req.query(Self.monthParameter) ?? thisMonth
    let (start, end) = try Self.bounds(requestedMonth)
    let month = requestedMonth.description
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
    let listBase = Paths.workOrders.link() + "?view=all&unitId=\(try root.requireID().uuidString)" + period
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
        href: Paths.workOrders.link() + "?view=closed&unitId=\(try root.requireID().uuidString)"),
      Figure(
        labelKey: "kpi.complaints_per_10k", value: report.complaintsPer10k.map { String(format: "%.2f", $0) } ?? "—",
        detail: l.text("kpi.customers", locale: locale, args: [String(customers)]), href: listBase + "&type=complaint"),
      rate("kpi.dispatch_timeliness", report.dispatchTimeliness), rate("kpi.first_day_contact", report.firstDayContact),
      rate("kpi.timely_reply", report.timelyReply), rate("kpi.return_visit", report.returnVisit),
      rate("kpi.return_visit_satisfaction", report.returnVisitSatisfaction), rate("kpi.first_time_resolution", report.firstTimeResolution),
      rate("kpi.timely_closure", report.timelyClosure),
      Figure(
        labelKey: "kpi.overdue", value: String(report.overdueCount), detail: "",
        href: Paths.workOrders.link() + "?view=overdue&unitId=\(try root.requireID().uuidString)"),
      Figure(
        labelKey: "kpi.mean_handling", value: report.meanHandlingSeconds.map { String(format: "%.1f", $0 / 3600) } ?? "—",
        detail: l.text("kpi.hours", locale: locale), href: listBase),
    ]
    let noData = l.text("kpi.no_data", locale: locale)
    let types = OrderType.allCases.filter { (report.volumeByType[$0] ?? 0) > 0 }
    let volumeChart = BarChart(
      title: l.text("kpi.chart.volume", locale: locale),
      categories: types.map { l.text("workorder.type.\($0.rawValue)", locale: locale) },
      series: [
        ChartSeries(
          name: l.text("kpi.volume", locale: locale), values: types.map { Double(report.volumeByType[$0] ?? 0) },
          links: types.map { listBase + "&type=\($0.rawValue)" })
      ], valueFormat: .integer, noDataText: noData
    ).svg()
    let english = locale == "en"
    let categories = Taxonomy.complaintsV1.categories
    let categoryChart = BarChart(
      title: l.text("kpi.chart.categories", locale: locale),
      categories: categories.map { english ? $0.englishName : $0.chineseName },
      series: [
        ChartSeries(
          name: l.text("kpi.verified_complaints", locale: locale),
          values: categories.map { Double(report.complaintsByCategory[$0.code] ?? 0) })
      ],
      valueFormat: .integer, noDataText: noData
    ).svg()
    let trendMonths = (0..<6).compactMap { requestedMonth.adding(months: $0 - 5) }
    let trend = try await WorkOrderFacts.monthlyCounts(
      units: subtree.compactMap(\.id), months: trendMonths.map { try Self.bounds($0) }, on: req.db)
    let trendChart = LineChart(
      title: l.text("kpi.chart.trend", locale: locale), xLabels: trendMonths.map(\.description),
      series: [
        ChartSeries(name: l.text("kpi.volume", locale: locale), values: trend.map { Double($0.orders) }),
        ChartSeries(name: l.text("kpi.verified_complaints", locale: locale), values: trend.map { Double($0.complaints) }),
      ], valueFormat: .integer, includesZero: true, noDataText: noData
    ).svg()
    let children = subtree.filter { $0.$parent.id == root.id }
    let inMonth = facts.filter { $0.acceptedAt >= start && $0.acceptedAt < end }
    let unitChart = BarChart(
      title: l.text("kpi.chart.units", locale: locale), categories: children.map(\.name),
      series: [
        ChartSeries(
          name: l.text("kpi.volume", locale: locale),
          values: children.map { child in
            let ids = Set(subtree.filter { child.unitPath.contains($0.unitPath) }.compactMap { $0.id?.uuidString })
            return Double(inMonth.filter { ids.contains($0.unitID ?? "") }.count)
          },
          links: try children.map { Paths.kpi.link() + "?unitId=\(try $0.requireID().uuidString)&month=\(month)" })
      ], valueFormat: .integer, noDataText: noData
    ).svg()
    return KPIDashboardPage(
      chrome: .make(for: req, titleKey: "kpi.title"), unitName: root.name,
      bulletinHref: Paths.bulletin.link() + "?unitId=\(try root.requireID().uuidString)&month=\(month)", month: month,
      months: (0..<12).compactMap { thisMonth.adding(months: -$0)?.description }.map {
        Choice(value: $0, label: $0, selected: $0 == month)
      },
      units: try visible.filter { $0.unitKind != .hall && $0.unitKind != .team }.map {
        Choice(value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: $0.id == root.id)
      },
      figures: figures, volumeChart: volumeChart, categoryChart: categoryChart, trendChart: trendChart, unitChart: unitChart)
  }

  /// The query parameters of the dashboard and the bulletin: the unit whose subtree is shown and
  /// the month (this month when not given).
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let monthParameter = QueryParameter<YearMonth>.month("month")

  /// 00:00 Beijing time on the first of the month and on the first of the next.
  static func bounds(_ month: YearMonth) throws -> (start: Date, end: Date) {
    guard let next = month.adding(months: 1) else { throw AppError.invalid("month", "validation.month") }
    return (BusinessTime.startOfDay(month.firstDay), BusinessTime.startOfDay(next.firstDay))
  }
}
