import Domain
import Fluent
import SQLKit
import Vapor

/// Moves an order through the Domain workflow: loads the rules with the administrators'
/// calendar, applies an action, keeps the clocks, and records the move in the timeline and the
/// audit log. Optimistic locking refuses a move made on a stale version.
enum WorkOrderFlow {
  static func workflow(on db: any Database) async throws -> Workflow {
    Workflow(calendar: try await WorkingCalendar.load(on: db))
  }

  /// Applies the action, turning a refusal into a clear 422 naming why.
  static func run(
    _ workflow: Workflow, _ action: WorkOrderAction, on snapshot: WorkflowSnapshot, actor: Actor, at: Date
  ) throws
    -> WorkflowOutcome
  {
    do {
      return try workflow.apply(action, to: snapshot, by: actor.roles, person: actor.userID, at: at)
    } catch {
      throw WorkflowRefusal(error: error)
    }
  }

  /// Applies an action to a stored order whose version the caller read.
  static func apply(
    _ action: WorkOrderAction, to order: WorkOrder, expectedVersion: Int, details: ActionDetails, actor: Actor, on db: any Database,
    now: Date, observers: ComplaintObservers? = nil
  )
    async throws
  {
    guard order.version == expectedVersion else { throw staleVersion(order) }
    let wasVerified = order.isVerifiedComplaint
    let workflow = try await workflow(on: db)
    let before = try order.snapshot
    var ledger = try order.ledger
    let outcome = try run(workflow, action, on: try inForce(before, ledger, workflow: workflow, now: now), actor: actor, at: now)
    try ledger.apply(outcome.clockEffects, at: now, policy: workflow.sla, appointment: order.appointmentAt)
    try order.store(
      snapshot: outcome.snapshot, ledger: ledger, workflow: workflow, now: now,
      sent: try await SLAAlert.sent(for: order.requireID(), ledger: ledger, on: db))
    if outcome.state.isTerminal { order.closedAt = now }
    if case .recordReturnVisit(let satisfied, _) = action {
      order.returnVisitedAt = now
      order.returnVisitSatisfied = satisfied
    }
    if let verified = details.verified { order.verified = verified }
    if let responsible = details.supplyResponsibility { order.supplyResponsibility = responsible }
    if case .reply(_, let investigation?) = action, !investigation.isEmpty { order.investigation = investigation }
    let notice = try await notice(outcome, order: order, actor: actor, workflow: workflow, on: db)
    try await db.transaction { tx in
      // The version check and bump in one statement: of two simultaneous moves one wins.
      try await claimVersion(order, expected: expectedVersion, on: tx)
      order.version = expectedVersion + 1
      try await order.save(on: tx)
      try await record(outcome, notice: notice, order: order, actor: actor, before: before, on: tx)
      try await announceFinding(order, was: wasVerified, actor: actor, observers: observers, on: tx, now: now)
    }
  }

  /// Tells the observers when a complaint becomes verified with supply-side responsibility, or
  /// stops being so (rule WO-VERIFIED-COMPLAINT).
  static func announceFinding(
    _ order: WorkOrder, was: Bool, actor: Actor, observers: ComplaintObservers?, on db: any Database, now: Date
  ) async throws {
    guard let observers, was != order.isVerifiedComplaint else { return }
    let id = try order.requireID()
    guard order.isVerifiedComplaint else {
      return try await observers.overturned(orderID: id, number: order.number, on: db, now: now)
    }
    let outside: String? =
      switch order.channel {
      case .hotline12398: "12398"
      case .hotline12345: "12345"
      default: nil
      }
    try await observers.verified(
      VerifiedComplaint(
        orderID: id, number: order.number, unitID: order.$unit.id, handlerIDs: [actor.userID],
        severity: order.severity, outsideChannel: outside, verifiedAt: now),
      on: db)
  }

  /// What some actions record on the order besides the move (investigation findings).
  struct ActionDetails {
    var verified: Bool?
    var supplyResponsibility: Bool?
  }

  /// The snapshot with the deadlines in force read from the clocks (the workflow judges
  /// extensions and late replies against them): pauses, extensions and a calendar year imported
  /// since the last move all count. Paused clocks keep theirs; resuming moves them.
  static func inForce(_ snapshot: WorkflowSnapshot, _ ledger: ClockLedger, workflow: Workflow, now: Date) throws -> WorkflowSnapshot {
    var current = snapshot
    for (stage, record) in ledger.running where record.pausedSince == nil {
      current.deadlines[stage] = try record.reading(at: now, calendar: workflow.calendar).due
    }
    return current
  }

  static func claimVersion(_ order: WorkOrder, expected: Int, on db: any Database) async throws {
    try await OptimisticLock.claim(WorkOrder.schema, id: order.requireID(), expected: expected, on: db, stale: staleVersion(order))
  }

  static func staleVersion(_ order: WorkOrder) -> AppError {
    AppError(.conflict, code: .staleVersion, key: "workorder.error.stale", args: [order.number], field: "version")
  }

  /// What a move tells people: the timeline note and who acts next. Read before the move's
  /// transaction, so on SQLite the write lock is held only for the writes.
  struct Announcement {
    let note: String?
    let recipients: [UUID]
  }

  /// `unit`: the order's unit when the caller has it already.
  static func notice(
    _ outcome: WorkflowOutcome, order: WorkOrder, unit: OrgUnit? = nil, actor: Actor, workflow: Workflow, on db: any Database
  ) async throws -> Announcement {
    var note = outcome.audit.note
    // A dispatch names its unit by id; people read the unit's name.
    if outcome.audit.action == .dispatch, let id = outcome.snapshot.unitID {
      note = try await OrgUnit.find(id, on: db)?.name ?? note
    }
    let recipients = try await WorkOrderRecipients.waitingOn(order, unit: unit, workflow: workflow, except: actor.userID, on: db)
    return Announcement(note: note, recipients: recipients)
  }

  /// The timeline entry, the audit record and the inbox notices of one move.
  static func record(
    _ outcome: WorkflowOutcome, notice: Announcement, order: WorkOrder, actor: Actor, before: WorkflowSnapshot?, on db: any Database
  ) async throws {
    let entry = outcome.audit
    // The date an extension asked for (or that was decided), and a return visit's verdict.
    let dueAt: Date? =
      switch entry.action {
      case .requestExtension: outcome.snapshot.pendingExtension?.newDue
      case .approveExtension, .rejectExtension, .withdrawExtension: before?.pendingExtension?.newDue
      default: nil
      }
    let result: ReturnVisitResult? =
      entry.action == .recordReturnVisit ? (outcome.milestones.contains(.returnVisitUnsatisfied) ? .unsatisfied : .satisfied) : nil
    try await WorkOrderEvent(
      orderID: order.requireID(), at: entry.at, action: entry.action, from: entry.from, to: entry.to,
      actorName: actor.displayName, note: notice.note, dueAt: dueAt, result: result
    ).insert(on: db, now: entry.at)
    try await AuditLog.record(
      before == nil ? .create : .stateChange, entity: .workOrder, id: order.requireID().uuidString, actor: actor,
      before: before.map { AuditState(state: $0.state.rawValue, flags: $0.flags.map(\.rawValue).sorted()) },
      after: AuditState(
        state: outcome.state.rawValue, flags: outcome.snapshot.flags.map(\.rawValue).sorted(), action: entry.action.rawValue),
      on: db, at: entry.at)
    // Whoever acts next hears of it in their inbox; an extension request names its date.
    let message: (key: String, args: [String]) =
      if entry.action == .requestExtension, let due = dueAt {
        ("inbox.extension_request", [order.number, DisplayFormat.dateTime(due)])
      } else {
        ("inbox.queue", [order.number, "workorder.state.\(outcome.state.rawValue)"])
      }
    try await Notifications.deliver(
      Notice(kind: .queue, messageKey: message.key, args: message.args, link: Paths.workOrder.link(order.requireID())),
      to: notice.recipients, at: entry.at, on: db)
  }

  struct AuditState: Encodable {
    var state: String
    var flags: [String]
    var action: String?
  }
}

/// A workflow refusal (wrong state, wrong role, missing reason…), reported as 422 with the
/// reason in the user's language.
struct WorkflowRefusal: AppErrorConvertible {
  let error: WorkflowError

  var appError: AppError {
    switch error {
    case .wrongState(let action, let state):
      return AppError(
        .unprocessableEntity, code: .illegalAction, key: "workorder.refused.wrong_state",
        args: ["workorder.action.\(action.rawValue)", "workorder.state.\(state.rawValue)"], field: "action")
    case .roleNotAllowed(let action, _):
      return AppError(
        .forbidden, code: .forbidden, key: "workorder.refused.role", args: ["workorder.action.\(action.rawValue)"], field: "action")
    case .notForOrderType(let action, let type):
      return AppError(
        .unprocessableEntity, code: .illegalAction, key: "workorder.refused.type",
        args: ["workorder.action.\(action.rawValue)", "workorder.type.\(type.rawValue)"], field: "action")
    case .missingReason:
      return AppError(.unprocessableEntity, code: .invalidField, key: "validation.required", field: "reason")
    case .returnWindowClosed(let ended):
      return AppError(
        .unprocessableEntity, code: .illegalAction, key: "workorder.refused.return_window", args: [DisplayFormat.dateTime(ended)],
        field: "action")
    case .customerNotInformed:
      return AppError(
        .unprocessableEntity, code: .invalidField, key: "workorder.refused.customer_not_informed", field: "customerInformed")
    case .extensionNotLater(let due):
      return AppError(
        .unprocessableEntity, code: .invalidField, key: "workorder.refused.extension_not_later", args: [DisplayFormat.dateTime(due)],
        field: "newDue")
    case .extensionTooLong(let latest):
      return AppError(
        .unprocessableEntity, code: .invalidField, key: "workorder.refused.extension_too_long", args: [DisplayFormat.dateTime(latest)],
        field: "newDue")
    case .extensionAfterDeadline(let due):
      return AppError(
        .unprocessableEntity, code: .invalidField, key: "workorder.refused.extension_late", args: [DisplayFormat.dateTime(due)],
        field: "newDue")
    case .noDeadlineToExtend:
      return AppError(.unprocessableEntity, code: .illegalAction, key: "workorder.refused.extension_no_deadline", field: "action")
    case .investigationIncomplete:
      return AppError(
        .unprocessableEntity, code: .invalidField, key: "workorder.refused.investigation_incomplete", field: "investigation")
    case .calendar(let e):
      return AppErrorMiddleware.calendarError(e)
    default:
      return AppError(.unprocessableEntity, code: .illegalAction, key: "workorder.refused.\(Self.key(error))", field: "action")
    }
  }

  static func key(_ error: WorkflowError) -> String {
    switch error {
    case .extensionAlreadyPending: "extension_pending"
    case .noPendingExtension: "no_extension"
    case .severityNotHigher: "severity_not_higher"
    case .notSeriousEvent: "not_serious"
    case .sameDayReportAlreadyFiled: "same_day_filed"
    case .sameDayReportMissing: "same_day_missing"
    case .cannotMergeIntoSelf: "merge_self"
    case .parentNotOpen: "merge_parent_closed"
    case .parentTypeMismatch: "merge_type"
    default: "generic"
    }
  }
}
