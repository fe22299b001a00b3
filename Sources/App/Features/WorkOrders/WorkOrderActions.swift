import Domain
import Fluent
import Vapor

/// Reads an action request (API body or form) into a Domain action, naming the field that is
/// missing or wrong.
enum WorkOrderActions {
  struct Fields {
    var action: String?
    var reason: String?
    var note: String?
    var summary: String?
    var unitID: UUID?
    var satisfied: Bool?
    var newDue: Date?
    var customerInformed: Bool?
    var severity: String?
    var parentID: UUID?
    /// A complaint reply's investigation record.
    var investigation: ComplaintInvestigation?
  }

  static func parse(_ f: Fields, order: WorkOrder, actor: Actor, on db: any Database) async throws -> WorkOrderAction {
    guard let kind = WorkOrderActionKind(rawValue: f.action ?? "") else {
      throw AppError.invalid("action", "validation.choice")
    }
    func text(_ value: String?, _ field: String) throws -> String {
      var errors = FieldErrors()
      let t = Validate.text(value, field: field, max: WorkOrderLimits.note, into: &errors)
      try errors.throwIfAny()
      return t
    }
    switch kind {
    case .accept: return .accept
    case .answerAtIntake: return .answerAtIntake(answer: try text(f.summary, "summary"))
    case .approveIntake: return .approveIntake
    case .sendBackToAgent: return .sendBackToAgent(reason: try text(f.reason, "reason"))
    case .dispatch:
      let target = f.unitID ?? order.$unit.id
      guard let unit = try await OrgUnit.find(target, on: db), actor.canSee(unit.unitPath) else {
        throw AppError.invalid("unitId", "validation.unknown_reference")
      }
      return .dispatch(unitID: try unit.requireID())
    case .returnByUnit: return .returnByUnit(reason: try text(f.reason, "reason"))
    case .recordFirstContact: return .recordFirstContact
    case .recordArrival: return .recordArrival
    case .recordRestoration: return .recordRestoration
    case .pauseForCustomer: return .pauseForCustomer(reason: try text(f.reason, "reason"))
    case .resumeFromCustomer: return .resumeFromCustomer
    case .requestExtension:
      guard let due = f.newDue else { throw AppError.invalid("newDue", "validation.required") }
      return .requestExtension(reason: try text(f.reason, "reason"), newDue: due, customerInformed: f.customerInformed ?? false)
    case .withdrawExtension: return .withdrawExtension
    case .approveExtension: return .approveExtension
    case .rejectExtension: return .rejectExtension(reason: try text(f.reason, "reason"))
    case .reply: return .reply(summary: try text(f.summary, "summary"), investigation: f.investigation)
    case .approveReply: return .approveReply
    case .sendBackReply: return .sendBackReply(reason: try text(f.reason, "reason"))
    case .recordReturnVisit:
      guard let satisfied = f.satisfied else { throw AppError.invalid("satisfied", "validation.select") }
      return .recordReturnVisit(satisfied: satisfied, note: satisfied ? (f.note ?? "") : try text(f.note, "note"))
    case .transferToDiscipline: return .transferToDiscipline(reason: try text(f.reason, "reason"))
    case .concludeInspection: return .concludeInspection(finding: try text(f.summary, "summary"))
    case .raiseSeverity:
      guard let severity = Severity(rawValue: f.severity ?? "") else { throw AppError.invalid("severity", "validation.choice") }
      return .raiseSeverity(to: severity, reason: try text(f.reason, "reason"))
    case .fileSameDayReport: return .fileSameDayReport(summary: try text(f.summary, "summary"))
    case .mergeInto:
      guard let id = f.parentID, let parent = try await WorkOrder.find(id, on: db),
        let unit = try await OrgUnit.find(parent.$unit.id, on: db), actor.canSee(unit.unitPath)
      else { throw AppError.invalid("parentId", "validation.unknown_reference") }
      return .mergeInto(parent: MergeParent(orderID: id, type: parent.type, state: parent.state))
    case .restoreWithOutage:
      // Done by restoring the outage in the register, never on the order itself.
      throw AppError.invalid("action", "validation.choice")
    }
  }
}
