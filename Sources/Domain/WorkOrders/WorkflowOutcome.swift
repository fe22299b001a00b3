import Foundation

/// What a clock should do as a result of a move. The app keeps StageClockRecords from these.
public enum ClockEffect: Hashable, Sendable {
  /// Start (or restart) a stage under the named rule; `due` is the deadline before pauses.
  case start(StageClock, ruleCode: String, due: Date)
  /// The stage's own milestone was reached: done.
  case stop(StageClock)
  /// The order ended (closed, merged, handed to discipline inspection) before the stage was done.
  case end(StageClock)
  case pause(StageClock)
  /// Resumed; `due` is the deadline moved by the pause.
  case resume(StageClock, due: Date)
  /// An approved extension moved the deadline.
  case extend(StageClock, due: Date)
}

/// Who must be told what.
public enum WorkflowNotification: Hashable, Sendable {
  /// Serious/major event: the unit reports to Marketing before `dueBy` (24:00 that day).
  case sameDayReportDue(dueBy: Date)
  case sameDayReportToMarketing(summary: String)
  case intakeAwaitingReview
  case orderDispatched(unitID: UUID)
  case orderReturned(unitID: UUID?, reason: String)
  case extensionAwaitingApproval
  case extensionDecided(approved: Bool)
  case replyAwaitingReview
  case replySentBack(reason: String)
  case returnVisitDue
  case disciplineInspectionTransfer(reason: String)
  case mergedIntoParent(parentID: UUID)
}

public enum WorkflowEffect: Hashable, Sendable {
  case clock(ClockEffect)
  case notify(WorkflowNotification)
  case flag(WorkOrderFlag)
}

/// One audit-trail row per accepted move (WO-TIMELINE: every move is audited).
public struct WorkflowAuditEntry: Hashable, Codable, Sendable {
  public var orderID: UUID
  public var action: WorkOrderActionKind
  public var from: WorkOrderState
  public var to: WorkOrderState
  public var roles: [Role]
  public var at: Date
  /// The reason, summary or note given with the move.
  public var note: String?

  public init(
    orderID: UUID, action: WorkOrderActionKind, from: WorkOrderState, to: WorkOrderState, roles: [Role],
    at: Date, note: String?
  ) {
    self.orderID = orderID
    self.action = action
    self.from = from
    self.to = to
    self.roles = roles
    self.at = at
    self.note = note
  }
}

public struct WorkflowOutcome: Hashable, Sendable {
  public var snapshot: WorkflowSnapshot
  public var milestones: [Milestone]
  public var effects: [WorkflowEffect]
  public var audit: WorkflowAuditEntry

  public var state: WorkOrderState { snapshot.state }

  public var clockEffects: [ClockEffect] {
    effects.compactMap { if case .clock(let c) = $0 { c } else { nil } }
  }

  public var notifications: [WorkflowNotification] {
    effects.compactMap { if case .notify(let n) = $0 { n } else { nil } }
  }

  public var flags: [WorkOrderFlag] {
    effects.compactMap { if case .flag(let f) = $0 { f } else { nil } }
  }
}

/// Why a move is refused.
public enum WorkflowError: Error, Equatable, Sendable {
  case wrongState(WorkOrderActionKind, WorkOrderState)
  case roleNotAllowed(WorkOrderActionKind, allowed: Set<Role>)
  case notForOrderType(WorkOrderActionKind, OrderType)
  case missingReason(WorkOrderActionKind)
  /// 退单 after the unit's return window (1 working day after dispatch by default).
  case returnWindowClosed(endedAt: Date)
  case extensionAlreadyPending
  case noPendingExtension
  case customerNotInformed
  case noDeadlineToExtend
  /// The requested deadline is not after the one in force (given).
  case extensionNotLater(Date)
  /// The requested deadline is past the latest allowed (given).
  case extensionTooLong(Date)
  /// Requested after the deadline: a late extension cannot cure a breach.
  case extensionAfterDeadline(Date)
  case severityNotHigher
  case notSeriousEvent
  case sameDayReportAlreadyFiled
  /// A serious or major complaint needs its investigation record complete (every field).
  case investigationIncomplete
  /// A serious or major complaint closes only once the same-day report is filed.
  case sameDayReportMissing
  case cannotMergeIntoSelf
  case parentNotOpen
  case parentTypeMismatch
  case calendar(CalendarError)
}
