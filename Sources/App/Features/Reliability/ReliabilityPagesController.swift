import Charts
import Domain
import Fluent
import Foundation
import Vapor

/// `/reliability`: the indices of a unit and its subtree with the daily SAIDI chart, the trend by
/// month and the indices per unit; `/reliability/interruptions`: the records a count counts
/// (rules REL-…, KPI-DRILL-DOWN).
enum ReliabilityPagesController {
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let fromParameter = QueryParameter<CivilDate>.date("from")
  static let toParameter = QueryParameter<CivilDate>.date("to")
  static let measureParameter = QueryParameter<Measure>.choice("measure", Measure.self)
  static let areaParameter = QueryParameter<SupplyArea>.choice("area", SupplyArea.self)

  /// Which records a count counts.
  enum Measure: String, CaseIterable, Sendable {
    /// Sustained for IEEE (REL-SUSTAINED-IEEE), every day.
    case sustained
    /// Sustained, on days that are not Major Event Days (REL-MED).
    case sustainedWithoutMajor
    /// Sustained, on Major Event Days.
    case major
    /// Momentary (REL-MAIFI).
    case momentary
    /// Counted for DL/T 836 (REL-SUSTAINED-DLT).
    case dlt
    /// Grid faults (REL-FAULT-RESTORATION).
    case fault
  }

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.reliability.components, use: show).query(unitParameter, fromParameter, toParameter)
    pages.get(Paths.reliabilityInterruptions.components, use: interruptions)
      .query(unitParameter, fromParameter, toParameter, measureParameter, areaParameter)
    RuleVersionsPages<ReliabilitySettings>.register(
      pages,
      .init(
        show: Paths.reliabilitySettings, create: Paths.reliabilitySettingVersions, titleKey: "reliability.settings.title",
        introKey: "reliability.settings.intro"))
  }

  static func link(_ measure: Measure, unit: UUID, from: CivilDate, to: CivilDate, area: SupplyArea? = nil) -> String {
    Paths.reliabilityInterruptions.link() + "?unitId=\(unit.uuidString)&from=\(from)&to=\(to)&measure=\(measure.rawValue)"
      + (area.map { "&area=\($0.rawValue)" } ?? "")
  }

  static func load(_ req: Request) async throws -> ReliabilityService.Loaded {
    try await ReliabilityService.load(
      unitID: try req.query(unitParameter), from: try req.query(fromParameter), to: try req.query(toParameter), actor: try req.actor,
      sources: req.application.interruptionSources, on: req.db, now: req.now)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let loaded = try await load(req)
    let units = try await OrgUnit.visible(to: try req.actor, on: req.db)
    let page = try ReliabilityPage.make(
      req: req, chrome: try await .make(for: req, titleKey: "reliability.title"), loaded: loaded, units: units)
    return try await req.page("reliability/show", page)
  }

  @Sendable static func interruptions(req: Request) async throws -> Response {
    let loaded = try await load(req)
    let measure = try req.query(measureParameter) ?? .sustained
    let area = try req.query(areaParameter)
    let settings = loaded.settings
    let fromDay = loaded.from.dayNumber
    let toDay = loaded.to.dayNumber
    let major = Set(loaded.report.majorEventDays.map(\.dayNumber))
    let unitsByID = Dictionary(uniqueKeysWithValues: loaded.scope.subtree.compactMap { unit in unit.id.map { ($0, unit) } })
    let chosen = loaded.records.filter { record in
      let i = record.interruption
      let day = BusinessTime.dayNumber(of: i.start)
      guard day >= fromDay, day <= toDay, let unit = unitsByID[i.unitID] else { return false }
      if let area, unit.supplyArea != area { return false }
      switch measure {
      case .sustained: return settings.isSustainedIEEE(minutes: i.minutes)
      case .sustainedWithoutMajor: return settings.isSustainedIEEE(minutes: i.minutes) && !major.contains(day)
      case .major: return settings.isSustainedIEEE(minutes: i.minutes) && major.contains(day)
      case .momentary: return !settings.isSustainedIEEE(minutes: i.minutes)
      case .dlt: return settings.countsForDLT(minutes: i.minutes)
      case .fault: return i.type == .fault
      }
    }
    .sorted { ($0.interruption.start, $0.externalID ?? "") < ($1.interruption.start, $1.externalID ?? "") }
    let shown = chosen.prefix(ReliabilityInterruptionsPage.limit)
    let page = ReliabilityInterruptionsPage(
      chrome: try await .make(for: req, titleKey: "reliability.interruptions.title"),
      unitName: loaded.scope.unit.name, from: loaded.from.description, to: loaded.to.description,
      measureKey: "reliability.measure.\(measure.rawValue)", areaKey: area.map { "unit.supply_area.\($0.rawValue)" },
      total: chosen.count, customers: chosen.reduce(0) { $0 + $1.interruption.customers },
      truncated: chosen.count > shown.count,
      back: Paths.reliability.link() + "?unitId=\(try loaded.scope.unit.requireID().uuidString)&from=\(loaded.from)&to=\(loaded.to)",
      rows: shown.map { record in
        let i = record.interruption
        return .init(
          id: record.externalID ?? "—", unitName: unitsByID[i.unitID]?.name ?? "", typeKey: "outage.type.\(i.type.rawValue)",
          cause: record.cause, start: DisplayFormat.dateTime(i.start), end: DisplayFormat.dateTime(i.end),
          minutes: String(format: "%.0f", i.minutes), customers: i.customers,
          majorEvent: major.contains(BusinessTime.dayNumber(of: i.start)))
      })
    return try await req.page("reliability/interruptions", page)
  }
}

struct ReliabilityInterruptionsPage: Encodable {
  static let limit = 2_000
  struct Row: Encodable {
    let id: String
    let unitName: String
    let typeKey: String
    let cause: String
    let start: String
    let end: String
    let minutes: String
    let customers: Int
    let majorEvent: Bool
  }
  let chrome: Chrome
  let unitName: String
  let from: String
  let to: String
  let measureKey: String
  let areaKey: String?
  let total: Int
  let customers: Int
  let truncated: Bool
  let back: String
  let rows: [Row]
}
