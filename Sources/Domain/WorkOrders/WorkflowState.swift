import Foundation

/// States of a work order (see WORKFLOW.md for the diagram). Raw values are stable codes.
public enum WorkOrderState: String, Codable, Sendable, CaseIterable {
  case intake  // 受理中: the agent is recording the call
  case pendingIntakeReview  // 待班长审核
  case pendingDispatch  // 待派发
  case returnedByUnit  // 退单待重派
  case dispatched  // 已派发, unit not yet in contact
  case inProgress  // 处理中 (customer contacted)
  case onSite  // 抢修到达现场 (fault repair)
  case waitingForCustomer  // 等待客户 (clocks the policy names pause here)
  case pendingReplyReview  // 待营销部审核 (reply submitted)
  case pendingReturnVisit  // 待回访
  case disciplineInspection  // 移交纪检监察
  case closed  // 办结归档
  case merged  // 合并至主单 (closed as duplicate)

  public var isTerminal: Bool { self == .closed || self == .merged }
}

/// What a user does to an order. Reasons are required where the rules ask for one.
public enum WorkOrderAction: Hashable, Sendable {
  case accept
  /// Consultation, query and praise are answered during the call and closed.
  case answerAtIntake(answer: String)
  case approveIntake
  case sendBackToAgent(reason: String)
  case dispatch(unitID: UUID)
  /// 退单: the unit is not responsible; allowed within its return window.
  case returnByUnit(reason: String)
  case recordFirstContact
  case recordArrival
  case recordRestoration
  case pauseForCustomer(reason: String)
  case resumeFromCustomer
  case requestExtension(reason: String, newDue: Date, customerInformed: Bool)
  /// The handler takes back a request not yet decided.
  case withdrawExtension
  case approveExtension
  case rejectExtension(reason: String)
  /// A complaint's reply carries the investigation record (required in full for serious and
  /// major events, `WorkflowRules.investigationRequired`).
  case reply(summary: String, investigation: ComplaintInvestigation? = nil)
  case approveReply
  case sendBackReply(reason: String)
  case recordReturnVisit(satisfied: Bool, note: String)
  case transferToDiscipline(reason: String)
  case concludeInspection(finding: String)
  case raiseSeverity(to: Severity, reason: String)
  case fileSameDayReport(summary: String)
  case mergeInto(parent: MergeParent)
  /// The outage a fault-repair call was grouped under is restored (OUT-RESTORE-CHILDREN): the
  /// call's restoration is the outage's, and the order goes on to its return visit.
  case restoreWithOutage(outage: String)

  public var kind: WorkOrderActionKind {
    switch self {
    case .accept: .accept
    case .answerAtIntake: .answerAtIntake
    case .approveIntake: .approveIntake
    case .sendBackToAgent: .sendBackToAgent
    case .dispatch: .dispatch
    case .returnByUnit: .returnByUnit
    case .recordFirstContact: .recordFirstContact
    case .recordArrival: .recordArrival
    case .recordRestoration: .recordRestoration
    case .pauseForCustomer: .pauseForCustomer
    case .resumeFromCustomer: .resumeFromCustomer
    case .requestExtension: .requestExtension
    case .withdrawExtension: .withdrawExtension
    case .approveExtension: .approveExtension
    case .rejectExtension: .rejectExtension
    case .reply: .reply
    case .approveReply: .approveReply
    case .sendBackReply: .sendBackReply
    case .recordReturnVisit: .recordReturnVisit
    case .transferToDiscipline: .transferToDiscipline
    case .concludeInspection: .concludeInspection
    case .raiseSeverity: .raiseSeverity
    case .fileSameDayReport: .fileSameDayReport
    case .mergeInto: .mergeInto
    case .restoreWithOutage: .restoreWithOutage
    }
  }
}

/// Action codes, for permissions and the audit trail.
public enum WorkOrderActionKind: String, Codable, Sendable, CaseIterable {
  case accept, answerAtIntake, approveIntake, sendBackToAgent, dispatch, returnByUnit
  case recordFirstContact, recordArrival, recordRestoration, pauseForCustomer, resumeFromCustomer
  case requestExtension, withdrawExtension, approveExtension, rejectExtension, reply, approveReply, sendBackReply
  case recordReturnVisit, transferToDiscipline, concludeInspection, raiseSeverity
  case fileSameDayReport, mergeInto, restoreWithOutage
}

/// The open order a duplicate is merged under.
public struct MergeParent: Hashable, Codable, Sendable {
  public var orderID: UUID
  public var type: OrderType
  public var state: WorkOrderState

  public init(orderID: UUID, type: OrderType, state: WorkOrderState) {
    self.orderID = orderID
    self.type = type
    self.state = state
  }
}

/// Marks an order carries for KPIs and lists.
public enum WorkOrderFlag: String, Codable, Sendable, CaseIterable {
  case redispatched  // 重派 (after 退单 or unsatisfied visit): not a first-time resolution
  case returnedByUnit
  case repliedLate  // replied after the (extended) deadline
  case extended
  case sentBackByReview
  case reopenedAfterVisit
  case sameDayReportLate
  case transferredToDiscipline
}

public struct ExtensionRequest: Hashable, Codable, Sendable {
  public var reason: String
  public var newDue: Date
  public var requestedAt: Date

  public init(reason: String, newDue: Date, requestedAt: Date) {
    self.reason = reason
    self.newDue = newDue
    self.requestedAt = requestedAt
  }
}

/// The part of an order the workflow reads and writes.
public struct WorkflowSnapshot: Hashable, Codable, Sendable {
  public var orderID: UUID
  public var profile: OrderProfile
  public var severity: Severity
  public var state: WorkOrderState
  /// The state to return to when the customer wait ends.
  public var pausedFrom: WorkOrderState?
  public var pausedSince: Date?
  public var unitID: UUID?
  public var dispatchCount: Int
  public var lastDispatchedAt: Date?
  public var reopenedAfterVisit: Bool
  /// Current deadlines of running clocks (set when a clock starts, moved by pauses and
  /// extensions). The app may overwrite them from StageClockRecord readings.
  public var deadlines: [StageClock: Date]
  public var runningClocks: Set<StageClock>
  public var pendingExtension: ExtensionRequest?
  public var seriousSince: Date?
  public var sameDayReportFiled: Bool
  public var parentID: UUID?
  public var flags: Set<WorkOrderFlag>
  /// The agent who took the call: an order sent back to intake waits on this person.
  public var intakeAgent: UUID?
  /// The handler who took the case at the unit (first contact or arrival): the handling steps
  /// wait on this person until the order leaves the unit.
  public var handler: UUID?
  /// A complaint's investigation record has every field filled.
  public var investigationComplete: Bool

  public init(
    orderID: UUID, profile: OrderProfile, severity: Severity = .general,
    state: WorkOrderState = .intake
  ) {
    self.orderID = orderID
    self.profile = profile
    self.severity = severity
    self.state = state
    self.pausedFrom = nil
    self.pausedSince = nil
    self.unitID = nil
    self.dispatchCount = 0
    self.lastDispatchedAt = nil
    self.reopenedAfterVisit = false
    self.deadlines = [:]
    self.runningClocks = []
    self.pendingExtension = nil
    self.seriousSince = nil
    self.sameDayReportFiled = false
    self.parentID = nil
    self.flags = []
    self.intakeAgent = nil
    self.handler = nil
    self.investigationComplete = false
  }

  /// Snapshots stored before a field existed decode with its default.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    orderID = try c.decode(UUID.self, forKey: .orderID)
    profile = try c.decode(OrderProfile.self, forKey: .profile)
    severity = try c.decode(Severity.self, forKey: .severity)
    state = try c.decode(WorkOrderState.self, forKey: .state)
    pausedFrom = try c.decodeIfPresent(WorkOrderState.self, forKey: .pausedFrom)
    pausedSince = try c.decodeIfPresent(Date.self, forKey: .pausedSince)
    unitID = try c.decodeIfPresent(UUID.self, forKey: .unitID)
    dispatchCount = try c.decode(Int.self, forKey: .dispatchCount)
    lastDispatchedAt = try c.decodeIfPresent(Date.self, forKey: .lastDispatchedAt)
    reopenedAfterVisit = try c.decode(Bool.self, forKey: .reopenedAfterVisit)
    deadlines = try c.decode([StageClock: Date].self, forKey: .deadlines)
    runningClocks = try c.decode(Set<StageClock>.self, forKey: .runningClocks)
    pendingExtension = try c.decodeIfPresent(ExtensionRequest.self, forKey: .pendingExtension)
    seriousSince = try c.decodeIfPresent(Date.self, forKey: .seriousSince)
    sameDayReportFiled = try c.decode(Bool.self, forKey: .sameDayReportFiled)
    parentID = try c.decodeIfPresent(UUID.self, forKey: .parentID)
    flags = try c.decode(Set<WorkOrderFlag>.self, forKey: .flags)
    intakeAgent = try c.decodeIfPresent(UUID.self, forKey: .intakeAgent)
    handler = try c.decodeIfPresent(UUID.self, forKey: .handler)
    investigationComplete = try c.decodeIfPresent(Bool.self, forKey: .investigationComplete) ?? false
  }
}
