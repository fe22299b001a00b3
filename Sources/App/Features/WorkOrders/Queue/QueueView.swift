import Vapor

/// The queues: *mine* (orders waiting on me), its *due soon* and *overdue* parts, *watching*
/// (my unit subtree's open orders, to follow, not to act on), *closed* and *all*.
enum QueueView: String, CaseIterable, Sendable {
  case mine, due, overdue, watching, closed, all

  /// Views made of the orders waiting on the viewer.
  var isMine: Bool { self == .mine || self == .due || self == .overdue }

  /// The `view` query parameter; an unknown one is refused, never silently replaced.
  static let parameter = QueryParameter<QueueView>(info: .init(name: "view", kind: .choice, choices: allCases.map(\.rawValue))) {
    raw in
    guard let view = QueueView(rawValue: raw) else {
      throw AppError(.badRequest, code: .invalidField, key: "workorders.error.view", args: [raw], field: "view")
    }
    return view
  }

  static func parse(_ req: Request, default fallback: QueueView) throws -> QueueView {
    try req.query(parameter) ?? fallback
  }
}
