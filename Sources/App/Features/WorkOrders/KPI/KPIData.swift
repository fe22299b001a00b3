import Domain
import Fluent
import Vapor

/// One unit subtree and one month of orders as the KPI dashboard, its drill-downs and the
/// complaint bulletin read them: the same selection everywhere, so a figure and the list behind
/// it never disagree.
struct KPIData {
  let root: OrgUnit
  let subtree: [OrgUnit]
  let visible: [OrgUnit]
  let month: String
  let start: Date
  let end: Date
  /// Orders accepted in the month and 30 days after (repeat contacts), as facts.
  let facts: [OrderFacts]
  /// Stages still open are judged at this instant: the month's end, or now if earlier.
  let asOf: Date

  /// The month's orders (what the figures count).
  var inMonth: [OrderFacts] { WorkOrderKPIs.select(facts, unitID: nil, period: DateInterval(start: start, end: end)) }

  var customers: Int { subtree.map(\.customerCount).reduce(0, +) }

  /// The query parameters of the dashboard, the bulletin and a drill-down: the unit whose
  /// subtree is shown and the month.
  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let monthParameter = QueryParameter<CivilDate>.month("month")

  /// `unitId` (default the viewer's unit) and `month` (YYYY-MM, default this month) from the
  /// query; a month that does not exist, or lies outside the years a request may name, is
  /// refused on its field.
  static func load(for req: Request) async throws -> KPIData {
    let actor = try req.actor
    let now = req.now
    let visible = try await OrgUnit.visible(to: actor, on: req.db)
    let requested = try req.query(unitParameter)
    let today = BusinessTime.civilDate(of: now)
    let first = try req.query(monthParameter) ?? CivilDate(dayNumber: today.dayNumber - (today.day - 1))
    guard let root = visible.first(where: { $0.id == (requested ?? actor.unitID) }) ?? (requested == nil ? visible.first : nil)
    else { throw AppError.forbidden }
    let subtree = visible.filter { root.unitPath.contains($0.unitPath) }
    let start = BusinessTime.startOfDay(first)
    let end = BusinessTime.startOfDay(first.adding(days: CivilDate.daysIn(month: first.month, year: first.year)))
    let workflow = try await WorkOrderFlow.workflow(on: req.db)
    let orders = try await WorkOrder.query(on: req.db).filter(\.$unit.$id ~~ subtree.compactMap(\.id))
      .filter(\.$acceptedAt >= start).filter(\.$acceptedAt < end.addingTimeInterval(30 * 86_400)).all()
    let asOf = min(now, end)
    let facts = try orders.map { try WorkOrderFacts.facts($0, calendar: workflow.calendar, now: asOf) }
    return KPIData(
      root: root, subtree: subtree, visible: visible, month: String(first.description.prefix(7)), start: start, end: end, facts: facts,
      asOf: asOf)
  }

  func members(_ measure: KPIMeasure) -> KPIMembers {
    WorkOrderKPIs.members(measure, inMonth, allFacts: facts, asOf: asOf)
  }

  /// Which part of a figure a drill-down lists.
  enum Part: String, CaseIterable, Sendable {
    case counted, base
  }

  /// The queue page listing exactly the orders of a figure (or of one bar: a type or category).
  func drillDown(_ measure: KPIMeasure, _ part: Part, type: OrderType? = nil, category: String? = nil) -> String {
    var items = [
      URLQueryItem(name: "view", value: QueueView.all.rawValue), URLQueryItem(name: "kpi", value: measure.rawValue),
      URLQueryItem(name: "part", value: part.rawValue), URLQueryItem(name: "unitId", value: root.id?.uuidString),
      URLQueryItem(name: "month", value: month),
    ]
    if let type { items.append(URLQueryItem(name: "type", value: type.rawValue)) }
    if let category { items.append(URLQueryItem(name: "category", value: category)) }
    var query = URLComponents()
    query.queryItems = items
    return Paths.workOrders.link() + "?" + (query.percentEncodedQuery ?? "")
  }

  /// The order ids of one figure's part, narrowed to a type or category when a bar asks.
  func ids(_ measure: KPIMeasure, _ part: Part, type: OrderType?, category: String?) -> [UUID] {
    let m = members(measure)
    let listed = part == .base ? (m.base ?? m.counted) : m.counted
    guard type != nil || category != nil else { return listed }
    let byID = Dictionary(inMonth.map { ($0.orderID, $0) }) { a, _ in a }
    return listed.filter { id in
      guard let f = byID[id] else { return false }
      return (type.map { f.type == $0 } ?? true) && (category.map { f.categoryCode == $0 } ?? true)
    }
  }

  static func monthOf(_ date: Date) -> String { String(BusinessTime.civilDate(of: date).description.prefix(7)) }

  static func shift(_ month: String, by months: Int) -> String {
    guard let d = CivilDate(iso: month + "-01") else { return month }
    let index = d.year * 12 + (d.month - 1) + months
    return String(format: "%04d-%02d", index / 12, index % 12 + 1)
  }

  /// 00:00 Beijing time on the first of "YYYY-MM".
  static func monthStart(_ month: String) -> Date? {
    CivilDate(iso: month + "-01").map(BusinessTime.startOfDay)
  }
}
