import Domain
import Fluent
import Vapor

/// A KPI drill-down on the queue page: `kpi=<measure>&part=counted|base` with the dashboard's
/// `unitId` and `month`, optionally narrowed to one bar (`type`, `category`). It lists exactly the
/// orders the figure counted, by the same `KPIData` selection.
struct KPIDrill {
  let measure: KPIMeasure
  let part: KPIData.Part

  static func parse(_ req: Request) throws -> KPIDrill? {
    guard let raw = req.query[String.self, at: "kpi"], !raw.isEmpty else { return nil }
    guard let measure = KPIMeasure(rawValue: raw) else {
      throw AppError(.badRequest, code: "invalid_field", key: "validation.choice", field: "kpi")
    }
    let rawPart = req.query[String.self, at: "part"] ?? KPIData.Part.counted.rawValue
    guard let part = KPIData.Part(rawValue: rawPart), part == .counted || measure.isRate else {
      throw AppError(.badRequest, code: "invalid_field", key: "validation.choice", field: "part")
    }
    return KPIDrill(measure: measure, part: part)
  }

  func queryItems(_ req: Request) -> [URLQueryItem] {
    [URLQueryItem(name: "kpi", value: measure.rawValue), URLQueryItem(name: "part", value: part.rawValue)]
      + (req.query[String.self, at: "month"].map { [URLQueryItem(name: "month", value: $0)] } ?? [])
  }

  /// The listed orders' facts, newest first (the queue's order).
  func facts(_ data: KPIData, filter: WorkOrderQueries.Filter) -> [OrderFacts] {
    let ids = Set(data.ids(measure, part, type: filter.type, category: filter.category))
    return data.inMonth.filter { ids.contains($0.orderID) }.sorted { a, b in
      a.acceptedAt != b.acceptedAt ? a.acceptedAt > b.acceptedAt : a.orderID > b.orderID
    }
  }

  func count(_ data: KPIData, filter: WorkOrderQueries.Filter) -> Int { facts(data, filter: filter).count }

  /// One page of them, keyset-paginated on (acceptedAt, id) like the queues.
  func page(_ data: KPIData, filter: WorkOrderQueries.Filter, on db: any Database) async throws -> ([WorkOrder], String?) {
    var listed = facts(data, filter: filter)
    if let (at, id) = filter.cursor {
      listed = listed.filter { $0.acceptedAt < at || ($0.acceptedAt == at && $0.orderID < id.uuidString) }
    }
    let page = Array(listed.prefix(filter.limit))
    let ids = page.compactMap { UUID(uuidString: $0.orderID) }
    let found = ids.isEmpty ? [] : try await WorkOrder.query(on: db).filter(\.$id ~~ ids).all()
    let byID = Dictionary(found.map { ($0.id!, $0) }) { a, _ in a }
    let orders = ids.compactMap { byID[$0] }
    let next = listed.count > filter.limit ? orders.last.map { WorkOrderQueries.encodeCursor($0.acceptedAt, $0.id!) } : nil
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
    case .overdue: "kpi.overdue"
    case .handled: "kpi.mean_handling"
    }
  }
}
