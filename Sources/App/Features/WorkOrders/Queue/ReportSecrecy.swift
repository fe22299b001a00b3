import Domain
import Fluent

/// A reporter's (举报人) identity is confidential (ORG-MASK-REPORTER, WO-REPORT-SECRECY). Any list
/// that ties orders to a customer would name one: the customer's other orders would list the
/// report, the report would list them, the intake lookup would say the phone has filed a report. So
/// for everyone not cleared to see reporters, reports are left out of every list by this one rule,
/// at the query.
enum ReportSecrecy {
  /// Roles that see a reporter's identity; configuration with this default.
  static let clearedRoles: Set<Role> = [.admin]

  static func isCleared(_ actor: Actor) -> Bool { !actor.roles.isDisjoint(with: clearedRoles) }

  enum Mode {
    /// The viewer's own queue: a report waiting on them is their work (shown without identity).
    case unrestricted
    /// Other queues: a report appears only while it waits on the viewer.
    case whenWaitingOn
    /// Customer links, lookups, merge candidates and exports: never.
    case never
  }

  static func restrict(_ q: QueryBuilder<WorkOrder>, for actor: Actor, mode: Mode) {
    guard !isCleared(actor) else { return }
    switch mode {
    case .unrestricted: return
    case .never: q.filter(\.$type != OrderType.report)
    case .whenWaitingOn:
      q.group(.or) { or in
        or.filter(\.$type != OrderType.report)
        or.group(.and) { WorkOrderQueries.waitingOn(actor, $0) }
      }
    }
  }

  /// Whether the viewer may see who filed this order (a report's customer).
  static func hidesCustomer(of order: WorkOrder, from actor: Actor) -> Bool {
    order.type == .report && !isCleared(actor)
  }
}
