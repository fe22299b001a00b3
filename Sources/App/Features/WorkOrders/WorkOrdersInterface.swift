import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

// What WorkOrders offers other features, and all of it they may name (FeatureBoundaryTests):
// `WorkOrderSummaries` and the plain values it returns, `VerifiedComplaint` and
// `ComplaintObservers` (`app.complaintObservers`), `KnownOutage`, `RepairObservers` and
// `GroupedRepairCalls`. No order model leaves this feature.

/// Facts about work orders as plain values, for features that show or use them.
enum WorkOrderSummaries {
  /// Customer accounts with a complaint still open, for features that must leave those
  /// customers alone (the survey sample excludes them, rule SV-SAMPLE-EXCLUSIONS).
  static func accountsWithOpenComplaints(on db: any Database) async throws -> Set<String> {
    let orders = try await WorkOrder.query(on: db)
      .filter(\.$type == OrderType.complaint)
      .filter(\.$state != WorkOrderState.closed).filter(\.$state != WorkOrderState.merged)
      .field(\.$customerAccount).all()
    return Set(orders.map(\.customerAccount))
  }

  struct ReturnVisit: Sendable {
    let unitID: UUID
    let satisfied: Bool
  }

  /// Return visits recorded in a calendar year (Beijing time): the customer's verdict on how
  /// the order was handled, which the satisfaction results show as their own channel.
  static func returnVisits(year: Int, on db: any Database) async throws -> [ReturnVisit] {
    guard let start = BusinessTime.parseInstant("\(year)-01-01T00:00:00+08:00"),
      let end = BusinessTime.parseInstant("\(year + 1)-01-01T00:00:00+08:00")
    else { return [] }
    return try await WorkOrder.query(on: db)
      .filter(\.$returnVisitedAt >= start).filter(\.$returnVisitedAt < end).filter(\.$returnVisitSatisfied != nil)
      .field(\.$unit.$id).field(\.$returnVisitSatisfied).all()
      .map { ReturnVisit(unitID: $0.$unit.id, satisfied: $0.returnVisitSatisfied ?? false) }
  }

  /// One count of a person's open work, with the queue that lists what it counts.
  struct Count: Sendable {
    let labelKey: String
    let count: Int
    let href: String
    /// Something to act on (overdue, due soon, chased): shown as a warning when not zero.
    let urgent: Bool
  }

  /// Orders waiting on this person, those due soon and overdue, overdue orders in the unit
  /// subtree, and the 催办 raised on its open orders.
  static func openWork(for actor: Actor, on db: any Database, now: Date) async throws -> [Count] {
    func count(_ view: QueueView, overdue: Bool = false) async throws -> Int {
      var filter = WorkOrderQueries.Filter()
      filter.view = view
      filter.overdue = overdue
      return try await WorkOrderQueries.count(filter, for: actor, on: db, now: now)
    }
    let mine = try await count(.mine)
    let due = try await count(.due)
    let overdue = try await count(.overdue)
    let watchedOverdue = try await count(.watching, overdue: true)
    let chases = try await SLAAlert.openChases(visibleTo: actor, on: db)
    let base = Paths.workOrders.link()
    return [
      .init(labelKey: "home.orders_waiting", count: mine, href: base + "?view=mine", urgent: false),
      .init(labelKey: "home.orders_due", count: due, href: base + "?view=due", urgent: true),
      .init(labelKey: "home.orders_mine_overdue", count: overdue, href: base + "?view=overdue", urgent: true),
      .init(labelKey: "home.orders_overdue", count: watchedOverdue, href: base + "?view=watching&overdue=true", urgent: true),
      .init(labelKey: "home.chases", count: chases, href: base + "?view=watching&overdue=true", urgent: true),
    ]
  }
}

extension WorkOrderSummaries {
  /// A fact about an order a person handled, for the scorecards (ACC-SCORE-EVIDENCE).
  struct HandledFact: Sendable {
    enum Kind: Sendable { case unsatisfiedReturnVisit, overdueStage }
    let kind: Kind
    let handlerID: UUID
    let orderID: UUID
    let number: String
    /// When it happened: the return visit, or the deadline the stage missed.
    let at: Date
    let href: String
  }

  /// Unsatisfied return visits and stages of the handler's own (first contact, reply, repair
  /// arrival and restoration, completing a service request) past their deadline, in `[from, to)`,
  /// of the orders whose handler (the person who took the order at the unit) is one of `handlers`.
  static func handledFacts(handlers: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [HandledFact] {
    guard !handlers.isEmpty else { return [] }
    var facts: [HandledFact] = []
    let visited = try await WorkOrder.query(on: db)
      .filter(\.$returnVisitedAt >= from).filter(\.$returnVisitedAt < to).filter(\.$returnVisitSatisfied == false).all()
    for order in visited {
      guard let handler = try order.snapshot.handler, handlers.contains(handler), let at = order.returnVisitedAt else { continue }
      let id = try order.requireID()
      facts.append(
        .init(kind: .unsatisfiedReturnVisit, handlerID: handler, orderID: id, number: order.number, at: at, href: Paths.workOrder.link(id)))
    }
    // Only the stages the handler runs: not dispatch, the return visit or the same-day report.
    let handlerStages: [Domain.StageClock] = [.firstContact, .reply, .repairArrival, .repairRestoration, .serviceCompletion]
    let breaches = try await SLAAlert.query(on: db).filter(\.$level == .breached).filter(\.$stage ~~ handlerStages)
      .filter(\.$dueAt >= from).filter(\.$dueAt < to).with(\.$order).all()
    var seen = Set<String>()
    for alert in breaches {
      let order = alert.order
      guard let handler = try order.snapshot.handler, handlers.contains(handler) else { continue }
      let id = try order.requireID()
      guard seen.insert("\(id)|\(alert.stage.rawValue)|\(alert.clockStartedAt.timeIntervalSince1970)").inserted else { continue }
      facts.append(
        .init(kind: .overdueStage, handlerID: handler, orderID: id, number: order.number, at: alert.dueAt, href: Paths.workOrder.link(id)))
    }
    return facts
  }

  /// The page of an order, for features that link to one they know by id.
  static func href(orderID: UUID) -> String { Paths.workOrder.link(orderID) }
}

/// A complaint just verified as the supply side's responsibility (rule WO-VERIFIED-COMPLAINT), as
/// plain values for the features that act on it.
struct VerifiedComplaint: Sendable {
  let orderID: UUID
  let number: String
  let unitID: UUID
  /// Who recorded the verified reply.
  let handlerIDs: [UUID]
  let severity: Severity
  /// The hotline of an outside supervisory channel the complaint came through ("12398",
  /// "12345"); nil for the company's own channels.
  let outsideChannel: String?
  let verifiedAt: Date
}

/// Who hears when a complaint is verified with supply-side responsibility, or when that finding
/// is overturned. Called inside the transaction that stores the finding, so what an observer
/// writes stands or falls with it.
final class ComplaintObservers: Sendable {
  typealias Verified = @Sendable (_ complaint: VerifiedComplaint, _ db: any Database) async throws -> Void
  typealias Overturned = @Sendable (_ orderID: UUID, _ number: String, _ db: any Database, _ now: Date) async throws -> Void
  private let verifiedHandlers = NIOLockedValueBox<[Verified]>([])
  private let overturnedHandlers = NIOLockedValueBox<[Overturned]>([])

  func onVerified(_ handler: @escaping Verified) { verifiedHandlers.withLockedValue { $0.append(handler) } }
  func onOverturned(_ handler: @escaping Overturned) { overturnedHandlers.withLockedValue { $0.append(handler) } }

  func verified(_ complaint: VerifiedComplaint, on db: any Database) async throws {
    for handler in verifiedHandlers.withLockedValue({ $0 }) { try await handler(complaint, db) }
  }

  func overturned(orderID: UUID, number: String, on db: any Database, now: Date) async throws {
    for handler in overturnedHandlers.withLockedValue({ $0 }) { try await handler(orderID, number, db, now) }
  }
}

struct ComplaintObserversKey: StorageKey {
  typealias Value = ComplaintObservers
}

extension Application {
  var complaintObservers: ComplaintObservers {
    if let existing = storage[ComplaintObserversKey.self] { return existing }
    let created = ComplaintObservers()
    storage[ComplaintObserversKey.self] = created
    return created
  }
}

/// An outage a fault-repair caller is under, as another feature knows it (rule OUT-GROUPED-CALLS):
/// the agent answers at once with its announced restoration, and the order is its child.
struct KnownOutage: Sendable {
  let outageID: UUID
  let announcedRestoration: Date
  let link: String
}

/// Who knows of outages that repair calls fall under. WorkOrders asks while the agent types the
/// account and at intake; the feature that keeps outages registers. The attachment runs inside
/// the intake's own transaction.
final class RepairObservers: Sendable {
  typealias Lookup = @Sendable (_ account: String, _ db: any Database) async throws -> KnownOutage?
  typealias Attach =
    @Sendable (_ outage: KnownOutage, _ orderID: UUID, _ number: String, _ db: any Database, _ now: Date) async throws
    -> Void
  private let lookups = NIOLockedValueBox<[Lookup]>([])
  private let attaches = NIOLockedValueBox<[Attach]>([])

  func onLookup(_ handler: @escaping Lookup) { lookups.withLockedValue { $0.append(handler) } }
  func onAttach(_ handler: @escaping Attach) { attaches.withLockedValue { $0.append(handler) } }

  func knownOutage(account: String, on db: any Database) async throws -> KnownOutage? {
    for handler in lookups.withLockedValue({ $0 }) {
      if let found = try await handler(account, db) { return found }
    }
    return nil
  }

  func attach(_ outage: KnownOutage, orderID: UUID, number: String, on db: any Database, now: Date) async throws {
    for handler in attaches.withLockedValue({ $0 }) { try await handler(outage, orderID, number, db, now) }
  }
}

struct RepairObserversKey: StorageKey {
  typealias Value = RepairObservers
}

extension Application {
  var repairObservers: RepairObservers {
    if let existing = storage[RepairObserversKey.self] { return existing }
    let created = RepairObservers()
    storage[RepairObserversKey.self] = created
    return created
  }
}

/// The fault-repair calls grouped under an outage, moved on when the outage is restored (rule
/// OUT-RESTORE-CHILDREN). The feature that keeps outages calls it after its own restoration.
enum GroupedRepairCalls {
  /// A repair order named for grouping under a new fault outage (OUT-MERGE-CALLS).
  struct Call: Sendable {
    let orderID: UUID
    let number: String
  }

  /// Why a named order cannot be grouped; the raw value ends the refusal's locale key.
  enum Refusal: String, Sendable, CaseIterable {
    case unknown, notRepair = "not_repair", finished
  }

  /// The fault-repair orders with these numbers that the actor may see and that are still being
  /// worked on, and every other number with why it cannot be grouped (an order outside the actor's
  /// units reads as unknown).
  static func mergeable(
    numbers: [String], actor: Actor, on db: any Database
  ) async throws -> (calls: [Call], refused: [(number: String, why: Refusal)]) {
    guard !numbers.isEmpty else { return ([], []) }
    let orders = try await WorkOrder.query(on: db).filter(\.$number ~~ numbers).with(\.$unit).all()
    let byNumber = Dictionary(orders.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    var calls: [Call] = []
    var refused: [(number: String, why: Refusal)] = []
    for number in numbers {
      guard let order = byNumber[number], actor.canSee(order.unit.unitPath), let id = order.id else {
        refused.append((number, .unknown))
        continue
      }
      if order.type != .faultRepair {
        refused.append((number, .notRepair))
      } else if !Workflow.restorableWithOutage.contains(order.state) {
        refused.append((number, .finished))
      } else {
        calls.append(Call(orderID: id, number: number))
      }
    }
    return (calls, refused)
  }

  /// An order's state, for pages that list grouped calls.
  static func states(of ids: [UUID], on db: any Database) async throws -> [UUID: WorkOrderState] {
    guard !ids.isEmpty else { return [:] }
    let orders = try await WorkOrder.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$state).all()
    return Dictionary(orders.compactMap { order in order.id.map { ($0, order.state) } }, uniquingKeysWith: { first, _ in first })
  }

  /// An internal note on each order still waiting for the restoration (a delayed outage,
  /// OUT-DELAY-CHILDREN), so that whoever opens the order or takes the customer's next call sees
  /// the new time. Returns the numbers noted.
  static func note(orderIDs: [UUID], text: String, actor: Actor, on db: any Database, now: Date) async throws -> [String] {
    guard !orderIDs.isEmpty else { return [] }
    let orders = try await WorkOrder.query(on: db).filter(\.$id ~~ orderIDs).filter(\.$type == .faultRepair)
      .filter(\.$state ~~ Array(Workflow.restorableWithOutage)).sort(\.$number).all()
    for order in orders {
      try await WorkOrderNote(orderID: try order.requireID(), authorID: actor.userID, authorName: actor.displayName, text: text, at: now)
        .create(on: db)
    }
    return orders.map(\.number)
  }

  /// Each order still open in a state the restoration moves goes on to its return visit, in a
  /// move of its own, timed at the restoration (never before the order's last dispatch or
  /// intake). An order moved or closed meanwhile is left as it is. Returns the numbers moved.
  static func restore(
    orderIDs: [UUID], outage: String, restoredAt: Date, actor: Actor, on db: any Database, logger: Logger
  ) async throws -> [String] {
    var moved: [String] = []
    for id in orderIDs {
      guard let order = try await WorkOrder.find(id, on: db), order.type == .faultRepair,
        Workflow.restorableWithOutage.contains(order.state)
      else { continue }
      let snapshot = try order.snapshot
      let at = max(restoredAt, order.acceptedAt, snapshot.lastDispatchedAt ?? order.acceptedAt)
      do {
        try await WorkOrderFlow.apply(
          .restoreWithOutage(outage: outage), to: order, expectedVersion: order.version, details: .init(), actor: actor, on: db,
          now: at)
        moved.append(order.number)
      } catch let error as AppError where error.code == .staleVersion {
        // Someone moved the order in the same instant; what they did stands.
        logger.info("grouped repair call \(order.number) moved meanwhile; left as it is")
      }
    }
    return moved
  }
}
