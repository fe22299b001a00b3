import Domain
import Vapor

/// The action forms of the order page: which fields each action asks for, and — after a
/// refused submission — what was typed and each error beside its field.
extension WorkOrderPage {
  struct ActionForm: Encodable {
    let action: String
    let labelKey: String
    let needsReason: Bool
    let needsSummary: Bool
    let needsNote: Bool
    let needsUnit: Bool
    let needsSatisfaction: Bool
    let needsSeverity: Bool
    let needsFindings: Bool
    /// Complaint replies carry the investigation record for the monthly bulletin.
    let needsInvestigation: Bool
    let needsNewDue: Bool
    /// Merging names the order this one duplicates.
    let needsParent: Bool
    /// Destructive: a checkbox stating the consequence must be ticked (the shared contract).
    let confirmKey: String?
    let danger: Bool
    /// What was typed into this form when it was refused, and the errors by field.
    let values: [String: String]
    let errors: [String: String]
    let units: [Choice]
    let severities: [Choice]
    let parents: [Choice]
    let investigation: [InvestigationField]
    let open: Bool
  }

  /// A submission that was refused: its action, what was typed, the errors by field.
  struct Refused {
    let action: String
    let values: [String: String]
    let errors: [String: String]
  }

  static let reasonActions: Set<WorkOrderActionKind> = [
    .sendBackToAgent, .returnByUnit, .pauseForCustomer, .rejectExtension, .sendBackReply, .transferToDiscipline, .raiseSeverity,
    .requestExtension,
  ]
  static let summaryActions: Set<WorkOrderActionKind> = [.answerAtIntake, .reply, .concludeInspection, .fileSameDayReport]
  /// Moves that cannot be taken back: 退单, transfer to discipline inspection, merge.
  static let confirmedActions: Set<WorkOrderActionKind> = [.returnByUnit, .transferToDiscipline, .mergeInto]

  static func form(
    _ kind: WorkOrderActionKind, type: OrderType, units: [Choice], parents: [Choice], refused: Refused?
  ) -> ActionForm {
    let mine = refused?.action == kind.rawValue ? refused : nil
    let values = mine?.values ?? [:]
    let errors = mine?.errors ?? [:]
    let chosenUnit = values["unitId"]
    return ActionForm(
      action: kind.rawValue, labelKey: "workorder.action.\(kind.rawValue)", needsReason: reasonActions.contains(kind),
      needsSummary: summaryActions.contains(kind), needsNote: kind == .recordReturnVisit, needsUnit: kind == .dispatch,
      needsSatisfaction: kind == .recordReturnVisit, needsSeverity: kind == .raiseSeverity, needsFindings: kind == .reply,
      needsInvestigation: kind == .reply && type == .complaint, needsNewDue: kind == .requestExtension,
      needsParent: kind == .mergeInto,
      confirmKey: confirmedActions.contains(kind) ? "workorder.confirm.\(kind.rawValue)" : nil,
      danger: [.returnByUnit, .sendBackToAgent, .sendBackReply, .transferToDiscipline, .rejectExtension, .withdrawExtension, .mergeInto]
        .contains(kind),
      values: values, errors: errors,
      units: units.map { c in
        Choice(value: c.value, label: c.label, selected: chosenUnit.map { c.value.lowercased() == $0.lowercased() } ?? c.selected)
      },
      severities: [Severity.serious, .major].map {
        Choice(value: $0.rawValue, labelKey: "workorder.severity.\($0.rawValue)", selected: values["severity"] == $0.rawValue)
      },
      parents: parents.map {
        Choice(value: $0.value, label: $0.label, selected: values["parentId"]?.lowercased() == $0.value.lowercased())
      },
      investigation: ComplaintInvestigation.fields.map {
        InvestigationField(name: $0, labelKey: "workorder.investigation.\($0)", text: values[$0] ?? "", error: errors[$0])
      },
      open: mine != nil)
  }
}
