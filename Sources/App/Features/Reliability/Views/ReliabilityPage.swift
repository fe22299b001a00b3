import Charts
import Domain
import Foundation
import Vapor

/// The reliability page's view model (rules REL-…): every count links to its records.
struct ReliabilityPage: Encodable {
  struct UnitOption: Encodable {
    let id: String
    let name: String
    let selected: Bool
  }
  /// One index with and without Major Event Days.
  struct IndexRow: Encodable {
    let labelKey: String
    let all: String
    let withoutMajor: String
  }
  struct CountRow: Encodable {
    let labelKey: String
    let all: Int
    let allHref: String
    let withoutMajor: Int?
    let withoutMajorHref: String?
  }
  struct AreaColumn: Encodable {
    let labelKey: String
    let customers: Int
    let rs1: String
    let rs3: String
    let aihc: String
    let aitc: String
    let interruptions: Int
    let href: String
    let target: String?
    let meetsTarget: Bool?
  }
  struct Month: Encodable {
    let month: String
    let saidi: String
    let saifi: String
    let saidiWithoutMajor: String
    let majorDays: Int
    let interruptions: Int
    let href: String
    /// The month's repair arrival and restoration on time, on the KPI dashboard (KPI-REPAIR-TIMELINESS).
    let repairHref: String
  }
  struct UnitRow: Encodable {
    let name: String
    let href: String
    let customers: Int
    let saifi: String
    let saidi: String
    let saidiWithoutMajor: String
    let rs1: String
    let interruptions: Int
    let interruptionsHref: String
  }

  let chrome: Chrome
  let action: String
  let settingsHref: String
  let units: [UnitOption]
  let from: String
  let to: String
  let unitName: String
  let customersServed: Int
  let threshold: String?
  let historyDays: Int
  let majorDays: [String]
  let majorHref: String
  let ieee: [IndexRow]
  let counts: [CountRow]
  let areas: [AreaColumn]
  let faults: Int
  let faultsHref: String
  let faultMinutes: String
  let chart: ChartView
  let months: [Month]
  let children: [UnitRow]

  static func make(req: Request, chrome: Chrome, loaded: ReliabilityService.Loaded, units: [OrgUnit]) throws -> ReliabilityPage {
    let report = loaded.report
    let unitID = try loaded.scope.unit.requireID()
    let from = loaded.from
    let to = loaded.to
    func link(
      _ m: ReliabilityPagesController.Measure, _ area: SupplyArea? = nil, unit: UUID? = nil, from f: CivilDate? = nil,
      to t: CivilDate? = nil
    )
      -> String
    {
      ReliabilityPagesController.link(m, unit: unit ?? unitID, from: f ?? from, to: t ?? to, area: area)
    }
    let all = report.ieee
    let kept = report.withoutMajorEvents
    let ieee: [IndexRow] = [
      .init(labelKey: "reliability.saifi", all: DisplayFormat.index(all.saifi), withoutMajor: DisplayFormat.index(kept.saifi)),
      .init(labelKey: "reliability.saidi", all: DisplayFormat.index(all.saidi), withoutMajor: DisplayFormat.index(kept.saidi)),
      .init(labelKey: "reliability.caidi", all: DisplayFormat.index(all.caidi), withoutMajor: DisplayFormat.index(kept.caidi)),
      .init(labelKey: "reliability.asai", all: DisplayFormat.reliability(all.asai), withoutMajor: DisplayFormat.reliability(kept.asai)),
      .init(labelKey: "reliability.caifi", all: DisplayFormat.index(all.caifi), withoutMajor: DisplayFormat.index(kept.caifi)),
      .init(labelKey: "reliability.ctaidi", all: DisplayFormat.index(all.ctaidi), withoutMajor: DisplayFormat.index(kept.ctaidi)),
      .init(labelKey: "reliability.maifi", all: DisplayFormat.index(all.maifi), withoutMajor: DisplayFormat.index(kept.maifi)),
    ]
    let counts: [CountRow] = [
      .init(
        labelKey: "reliability.count.sustained", all: all.sustainedInterruptions, allHref: link(.sustained),
        withoutMajor: kept.sustainedInterruptions, withoutMajorHref: link(.sustainedWithoutMajor)),
      .init(
        labelKey: "reliability.count.momentary", all: all.momentaryInterruptions, allHref: link(.momentary),
        withoutMajor: kept.momentaryInterruptions, withoutMajorHref: nil),
    ]
    func area(_ key: String, _ d: DLTIndices, _ a: SupplyArea?) -> AreaColumn {
      AreaColumn(
        labelKey: key, customers: d.customersServed, rs1: DisplayFormat.reliability(d.rs1), rs3: DisplayFormat.reliability(d.rs3),
        aihc: DisplayFormat.index(d.aihc), aitc: DisplayFormat.index(d.aitc), interruptions: d.interruptions, href: link(.dlt, a),
        target: d.target.map(DisplayFormat.reliability), meetsTarget: d.meetsTarget)
    }
    let localizer = req.application.localizer
    let locale = req.locale
    func text(_ key: String, _ args: String...) -> String { localizer.text(key, locale: locale, args: args) }

    // Months of the period (REL-START-DAY: the days' sums are additive).
    var months: [Month] = []
    var index = 0
    let daily = report.daily
    while index < daily.count {
      let first = daily[index].date
      var saidi = 0.0
      var saifi = 0.0
      var kept = 0.0
      var major = 0
      var records = 0
      var last = first
      while index < daily.count, daily[index].date.year == first.year, daily[index].date.month == first.month {
        let day = daily[index]
        saidi += day.saidi
        saifi += day.saifi
        records += day.interruptions
        if day.isMajorEvent { major += 1 } else { kept += day.saidi }
        last = day.date
        index += 1
      }
      months.append(
        Month(
          month: String(first.description.prefix(7)), saidi: DisplayFormat.index(saidi), saifi: DisplayFormat.index(saifi),
          saidiWithoutMajor: DisplayFormat.index(kept), majorDays: major, interruptions: records,
          href: link(.sustained, from: first, to: last),
          repairHref: Paths.kpi.link() + "?unitId=\(unitID)&month=\(first.description.prefix(7))#figure-repairArrival"))
    }

    let chart = DailyChart(
      title: text("reliability.chart.daily"),
      days: daily.map { day in
        DailyChart.Day(
          label: day.date.description, value: day.saidi, flagged: day.isMajorEvent,
          monthLabel: day.date.day == 1 || day.date == from ? String(day.date.description.prefix(7)) : nil,
          link: day.interruptions > 0 ? link(.sustained, from: day.date, to: day.date) : nil)
      }, valueFormat: .twoDecimals, threshold: report.majorEventThreshold, thresholdLabel: text("reliability.chart.threshold"),
      seriesName: text("reliability.saidi"), flaggedName: text("reliability.major_event_day"), noDataText: text("reliability.chart.none"))

    // Each child unit with its own subtree.
    let records = loaded.records.map(\.interruption)
    let children = try loaded.scope.subtree.filter { $0.$parent.id == unitID }.map { child -> UnitRow in
      let narrowed = loaded.scope.narrowed(to: child)
      let r = ReliabilityIndices.compute(interruptions: records, units: narrowed.units, from: from, to: to)
      let id = try child.requireID()
      return UnitRow(
        name: child.name, href: Paths.reliability.link() + "?unitId=\(id.uuidString)&from=\(from)&to=\(to)",
        customers: r.customersServed, saifi: DisplayFormat.index(r.ieee.saifi), saidi: DisplayFormat.index(r.ieee.saidi),
        saidiWithoutMajor: DisplayFormat.index(r.withoutMajorEvents.saidi), rs1: DisplayFormat.reliability(r.dlt.rs1),
        interruptions: r.ieee.sustainedInterruptions, interruptionsHref: link(.sustained, unit: id))
    }

    return ReliabilityPage(
      chrome: chrome, action: Paths.reliability.link(), settingsHref: Paths.reliabilitySettings.link(),
      units: try units.map { .init(id: try $0.requireID().uuidString, name: $0.name, selected: $0.id == unitID) },
      from: from.description, to: to.description, unitName: loaded.scope.unit.name, customersServed: report.customersServed,
      threshold: report.majorEventThreshold.map { DisplayFormat.index($0) }, historyDays: report.majorEventHistoryDays,
      majorDays: report.majorEventDays.map(\.description), majorHref: link(.major), ieee: ieee, counts: counts,
      areas: [
        area("reliability.area.total", report.dlt, nil), area("unit.supply_area.urban", report.urban, .urban),
        area("unit.supply_area.rural", report.rural, .rural),
      ],
      faults: report.faultInterruptions, faultsHref: link(.fault),
      faultMinutes: DisplayFormat.index(report.averageFaultRestorationMinutes), chart: ChartView(chart), months: months,
      children: children)
  }
}

extension ChartView {
  init(_ chart: DailyChart) { self.init(title: chart.title, svg: chart.svg(width: 1040, height: Self.height)) }
}
