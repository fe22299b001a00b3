/// The configurable parts of the workflow: who may do what, which order types take which steps.
/// Defaults follow WO-PERMISSIONS, WO-EXTENSION and WO-CLOSURE-GATE.
public struct WorkflowRules: Hashable, Codable, Sendable {
  public var permissions: [WorkOrderActionKind: Set<Role>]
  /// Answered and closed during the call (WO-ANSWER-AT-INTAKE).
  public var answeredAtIntake: Set<OrderType>
  /// The team lead reviews the intake before dispatch (WO-INTAKE-REVIEW: 传递至班长审核).
  public var intakeReview: Set<OrderType>
  /// Marketing reviews the reply before return visit and archive (WO-REPLY-REVIEW).
  public var replyReview: Set<OrderType>
  /// Return-visited after handling (WO-RETURN-VISIT: complaints 100 %).
  public var returnVisit: Set<OrderType>
  /// A unit may return an order it is not responsible for within this many working days of
  /// dispatch (WO-RETURN).
  public var unitReturnWorkingDays: Int
  /// Types whose serious and major events close only with the investigation record complete and
  /// the same-day report filed (WO-CLOSURE-GATE).
  public var closureGate: Set<OrderType>
  /// How far past the deadline in force an extension may reach.
  public var maxExtension: ClockDuration
  /// Who each state waits on (see `WaitingOn`).
  public var queue: QueueRules

  public init(
    permissions: [WorkOrderActionKind: Set<Role>], answeredAtIntake: Set<OrderType>,
    intakeReview: Set<OrderType>, replyReview: Set<OrderType>, returnVisit: Set<OrderType>,
    unitReturnWorkingDays: Int, closureGate: Set<OrderType> = [.complaint],
    maxExtension: ClockDuration = .workingDays(10), queue: QueueRules = .default
  ) {
    self.permissions = permissions
    self.answeredAtIntake = answeredAtIntake
    self.intakeReview = intakeReview
    self.replyReview = replyReview
    self.returnVisit = returnVisit
    self.unitReturnWorkingDays = unitReturnWorkingDays
    self.closureGate = closureGate
    self.maxExtension = maxExtension
    self.queue = queue
  }

  public static let `default` = WorkflowRules(
    permissions: [
      .accept: [.agent],
      .answerAtIntake: [.agent],
      .approveIntake: [.lead],
      .sendBackToAgent: [.lead],
      // The 95598 team passes the order on (WO-DISPATCH); the lead may do it after review too.
      .dispatch: [.agent, .lead],
      .returnByUnit: [.handler],
      .recordFirstContact: [.handler],
      .recordArrival: [.handler],
      .recordRestoration: [.handler],
      .pauseForCustomer: [.handler],
      .resumeFromCustomer: [.handler],
      .requestExtension: [.handler],
      .withdrawExtension: [.handler],
      // 报公司同意: Marketing's reviewer or the 95598 lead.
      .approveExtension: [.reviewer, .lead],
      .rejectExtension: [.reviewer, .lead],
      .reply: [.handler],
      .approveReply: [.reviewer],
      .sendBackReply: [.reviewer],
      .recordReturnVisit: [.agent],
      .transferToDiscipline: [.reviewer, .lead],
      .concludeInspection: [.reviewer],
      .raiseSeverity: [.handler, .lead, .reviewer],
      .fileSameDayReport: [.handler, .lead],
      .mergeInto: [.agent, .lead],
      // Whoever may restore an outage in the register (OUT-ROLES) moves its grouped calls.
      .restoreWithOutage: [.admin, .lead, .handler, .staff],
    ],
    answeredAtIntake: [.consultation, .query, .praise],
    intakeReview: [.complaint, .report],
    replyReview: [.complaint, .report],
    returnVisit: [.complaint, .report, .faultRepair, .serviceRequest],
    unitReturnWorkingDays: 1)

  public func allowedRoles(_ action: WorkOrderActionKind) -> Set<Role> { permissions[action] ?? [] }
}
