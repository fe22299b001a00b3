import Foundation

/// Whose move an order waits on: the role (narrowed to one person where the order is theirs)
/// that takes it forward, and the approver of a request pending on it. This one rule makes the
/// "mine" queue, its due-soon and overdue subsets, and who hears of an order in their inbox.
public struct WaitingOn: Hashable, Codable, Sendable {
  /// The role whose move takes the order forward; nil once the order is closed or merged.
  public var role: Role?
  /// The person of that role the order belongs to (the agent who took the call, the handler who
  /// took the case); nil when anyone with the role may act.
  public var person: UUID?
  /// A pending extension also waits on this role's decision.
  public var approver: Role?

  public init(role: Role?, person: UUID? = nil, approver: Role? = nil) {
    self.role = role
    self.person = person
    self.approver = approver
  }

  public static let nobody = WaitingOn(role: nil)

  /// Whether someone with these roles (and this user id) is waited on. The unit scope (the order
  /// lies in the person's unit subtree) is checked by the caller, which knows the hierarchy.
  public func includes(roles: Set<Role>, person id: UUID) -> Bool {
    if let role, roles.contains(role), person == nil || person == id { return true }
    if let approver, roles.contains(approver) { return true }
    return false
  }
}

/// Who each state waits on: configuration, with the defaults of WO-QUEUE-MINE (the 95598 team
/// accepts, dispatches and visits; the lead reviews; the unit handles; Marketing reviews and
/// approves extensions and follows discipline cases).
public struct QueueRules: Hashable, Codable, Sendable {
  public var owners: [WorkOrderState: Role]
  /// Orders the lead reviewed at intake are dispatched, and re-dispatched, by this role.
  public var reviewedDispatcher: Role
  public var extensionApprover: Role

  public init(owners: [WorkOrderState: Role], reviewedDispatcher: Role, extensionApprover: Role) {
    self.owners = owners
    self.reviewedDispatcher = reviewedDispatcher
    self.extensionApprover = extensionApprover
  }

  public static let `default` = QueueRules(
    owners: [
      .intake: .agent, .pendingIntakeReview: .lead, .pendingDispatch: .agent, .returnedByUnit: .agent,
      .dispatched: .handler, .inProgress: .handler, .onSite: .handler, .waitingForCustomer: .handler,
      .pendingReplyReview: .reviewer, .pendingReturnVisit: .agent, .disciplineInspection: .reviewer,
    ],
    reviewedDispatcher: .lead, extensionApprover: .reviewer)
}

extension Workflow {
  /// States in which the unit's handler works the order.
  static let handlingStates: Set<WorkOrderState> = [.dispatched, .inProgress, .onSite, .waitingForCustomer]

  public func waitingOn(_ s: WorkflowSnapshot) -> WaitingOn {
    guard !s.state.isTerminal, var role = rules.queue.owners[s.state] else { return .nobody }
    if s.state == .pendingDispatch || s.state == .returnedByUnit, rules.intakeReview.contains(s.profile.type) {
      role = rules.queue.reviewedDispatcher
    }
    let person: UUID? =
      s.state == .intake ? s.intakeAgent : Self.handlingStates.contains(s.state) ? s.handler : nil
    return WaitingOn(
      role: role, person: person, approver: s.pendingExtension == nil ? nil : rules.queue.extensionApprover)
  }
}
