import Domain
import Fluent
import Vapor

/// A KPI drill-down on the queue page: `kpi=<measure>&part=counted|base` with the dashboard's
/// `unitId` and `month`, optionally narrowed to one bar (`type`, `category`). It lists exactly the
/// orders the figure counted, by the same `KPIData` selection.
struct KPIDrill {
  let measure: KPIMeasure
  let part: KPIData.Part

  static let measureParameter = QueryParameter<KPIMeasure>(
    info: .init(name: "kpi", kind: .choice, choices: KPIMeasure.allCases.map(\.rawValue))
  ) {
    guard let measure = KPIMeasure(rawValue: $0) else {
      throw AppError(.badRequest, code: .invalidField, key: "validation.choice", field: "kpi")
    }
    return measure
  }
  static let partParameter = QueryParameter<KPIData.Part>(
    info: .init(name: "part", kind: .choice, choices: KPIData.Part.allCases.map(\.rawValue))
  ) {
    guard let part = KPIData.Part(rawValue: $0) else {
      throw AppError(.badRequest, code: .invalidField, key: "validation.choice", field: "part")
    }
    return part
  }
  /// What a drill-down reads: the figure and its part, with the dashboard's unit and month.
  static let parameters: [any DeclaredQueryParameter] = [
    measureParameter, partParameter, KPIData.unitParameter, KPIData.monthParameter,
  ]

  static func parse(_ req: Request) throws -> KPIDrill? {
    let part = try req.query(partParameter) ?? .counted
    // A month is checked even without a figure: a bad value is never quietly ignored.
    _ = try req.query(KPIData.monthParameter)
    guard let measure = try req.query(measureParameter) else { return nil }
    guard part == .counted || measure.isRate else {
      throw AppError(.badRequest, code: .invalidField, key: "validation.choice", field: "part")
    }
    return KPIDrill(measure: measure, part: part)
  }

  func queryItems(_ req: Request) throws -> [URLQueryItem] {
    [URLQueryItem(name: "kpi", value: measure.rawValue), URLQueryItem(name: "part", value: part.rawValue)]
      + (try req.query(KPIData.monthParameter).map { [URLQueryItem(name: "month", value: String($0.description.prefix(7)))] } ?? [])
  }

  /// The listed orders' facts, newest first (the queue's order).
  func facts(_ data: KPIData, filter: WorkOrderQueries.Filter) -> [OrderFacts] {
    let ids = Set(data.ids(measure, part, type: filter.type, category: filter.category))
    return data.inMonth.filter { ids.contains($0.orderID) }.sorted { a, b in
      a.acceptedAt != b.acceptedAt ? a.acceptedAt > b.acceptedAt : a.orderID.uuidString > b.orderID.uuidString
    }
  }

  func count(_ data: KPIData, filter: WorkOrderQueries.Filter) -> Int { facts(data, filter: filter).count }

  /// One page of them, keyset-paginated on (acceptedAt, id) like the queues.
  func page(_ data: KPIData, filter: WorkOrderQueries.Filter, on db: any Database) async throws -> ([WorkOrder], String?) {
    var listed = facts(data, filter: filter)
    if let (at, id) = filter.cursor {
      listed = listed.filter { $0.acceptedAt < at || ($0.acceptedAt == at && $0.orderID.uuidString < id.uuidString) }
    }
    let page = Array(listed.prefix(filter.limit))
    let ids = page.map(\.orderID)
    let found = ids.isEmpty ? [] : try await WorkOrder.query(on: db).filter(\.$id ~~ ids).all()
    let byID = Dictionary(try found.map { (try $0.requireID(), $0) }) { a, _ in a }
    let orders = ids.compactMap { byID[$0] }
    let next = listed.count > filter.limit ? try orders.last.map { WorkOrderQueries.encodeCursor($0.acceptedAt, try $0.requireID()) } : nil
    return (orders, next)
  }
}

extension KPIMeasure {
  /// The dashboard label of the figure.
  var labelKey: String {
    switch self {
    case .volume: "kpi.volume"
    case .countedVolume: "kpi.chart.volume"
    case .countedComplaints: "kpi.verified_complaints"
    case .dispatchTimeliness: "kpi.dispatch_timeliness"
    case .firstDayContact: "kpi.first_day_contact"
    case .timelyReply: "kpi.timely_reply"
    case .returnVisit: "kpi.return_visit"
    case .returnVisitSatisfaction: "kpi.return_visit_satisfaction"
    case .firstTimeResolution: "kpi.first_time_resolution"
    case .timelyClosure: "kpi.timely_closure"
    case .repairArrival: "kpi.repair_arrival"
    case .repairRestoration: "kpi.repair_restoration"
    case .overdue: "kpi.overdue"
    case .handled: "kpi.mean_handling"
    }
  }
}
