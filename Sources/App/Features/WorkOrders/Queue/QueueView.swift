import Vapor

/// The queues: *mine* (orders waiting on me), its *due soon* and *overdue* parts, *watching*
/// (my unit subtree's open orders, to follow, not to act on), *closed* and *all*.
enum QueueView: String, CaseIterable, Sendable {
  case mine, due, overdue, watching, closed, all

  /// Views made of the orders waiting on the viewer.
  var isMine: Bool { self == .mine || self == .due || self == .overdue }

  /// The `view` query parameter; an unknown one is refused, never silently replaced.
  static func parse(_ req: Request, default fallback: QueueView) throws -> QueueView {
    guard let raw = req.query[String.self, at: "view"], !raw.isEmpty else { return fallback }
    guard let view = QueueView(rawValue: raw) else {
      throw AppError(.badRequest, code: "invalid_field", key: "workorders.error.view", args: [raw], field: "view")
    }
    return view
  }
}
