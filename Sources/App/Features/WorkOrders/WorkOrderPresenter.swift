import Domain
import Fluent
import Vapor

/// Turns stored orders into what people and clients see: clocks read at "now", the actions the
/// viewer may take next, and personal data masked for those who need not see it.
enum WorkOrderPresenter {
  static func clocks(_ order: WorkOrder, calendar: WorkingCalendar, now: Date) throws -> [ClockDTO] {
    let ledger = try order.ledger
    let records = ledger.finished + ledger.running.values.sorted { $0.startedAt < $1.startedAt }
    return try records.map { record in
      let reading = try record.reading(at: now, calendar: calendar)
      return ClockDTO(
        stage: record.stage, startedAt: record.startedAt, dueAt: reading.due, pausedSeconds: reading.pausedSeconds,
        breached: reading.isBreached, stopped: reading.isStopped, done: reading.isDone, provisional: reading.isProvisional,
        elapsedFraction: reading.elapsedFraction)
    }
  }

  /// The actions the viewer could take now: each kind is tried on the Domain workflow with
  /// representative details that pass its checks of what is typed (a complete investigation
  /// record, an unsatisfied visit's note), so the rule lives in one place.
  /// `snapshot`: the order's, when the caller asks for several people at once (decoded once).
  static func allowedActions(
    _ order: WorkOrder, snapshot known: WorkflowSnapshot? = nil, workflow: Workflow, actor: Actor, now: Date
  ) -> [WorkOrderActionKind] {
    guard let snapshot = known ?? (try? order.snapshot) else { return [] }
    return WorkOrderActionKind.allCases.filter { kind in
      guard let action = sample(kind, order: order, now: now) else { return false }
      return (try? workflow.apply(action, to: snapshot, by: actor.roles, at: now)) != nil
    }
  }

  static func sample(_ kind: WorkOrderActionKind, order: WorkOrder, now: Date) -> WorkOrderAction? {
    switch kind {
    case .accept: .accept
    case .answerAtIntake: .answerAtIntake(answer: "-")
    case .approveIntake: .approveIntake
    case .sendBackToAgent: .sendBackToAgent(reason: "-")
    case .dispatch: .dispatch(unitID: order.$unit.id)
    case .returnByUnit: .returnByUnit(reason: "-")
    case .recordFirstContact: .recordFirstContact
    case .recordArrival: .recordArrival
    case .recordRestoration: .recordRestoration
    case .pauseForCustomer: .pauseForCustomer(reason: "-")
    case .resumeFromCustomer: .resumeFromCustomer
    case .requestExtension: nil  // needs a date the person chooses; offered with reply
    case .withdrawExtension: .withdrawExtension
    case .approveExtension: .approveExtension
    case .rejectExtension: .rejectExtension(reason: "-")
    case .reply: .reply(summary: "-", investigation: sampleInvestigation)
    case .approveReply: .approveReply
    case .sendBackReply: .sendBackReply(reason: "-")
    // Unsatisfied: offered even while a closing gate would refuse a satisfied verdict.
    case .recordReturnVisit: .recordReturnVisit(satisfied: false, note: "-")
    case .transferToDiscipline: .transferToDiscipline(reason: "-")
    case .concludeInspection: .concludeInspection(finding: "-")
    case .raiseSeverity: .raiseSeverity(to: .major, reason: "-")
    case .fileSameDayReport: .fileSameDayReport(summary: "-")
    case .mergeInto: nil  // needs a parent order
    case .restoreWithOutage: nil  // done from the outage register
    }
  }

  static let sampleInvestigation = ComplaintInvestigation(
    course: "-", handling: "-", cause: "-", responsibility: "-", correctiveAction: "-", personnelOutcome: "-")

  static func dto(_ order: WorkOrder, actor: Actor, workflow: Workflow, now: Date, maskPhone: Bool) throws -> WorkOrderDTO {
    let hideReporter = ReportSecrecy.hidesCustomer(of: order, from: actor)
    let phone = hideReporter ? "***" : maskPhone ? DisplayFormat.maskedPhone(order.customerPhone) : order.customerPhone
    let isClassified = order.categoryCode != nil
    return WorkOrderDTO(
      id: try order.requireID(), number: order.number, type: order.type, serviceKind: order.serviceKind, channel: order.channel,
      area: order.area, state: order.state, severity: order.severity, version: order.version, unitId: order.$unit.id,
      parentId: order.$parent.id,
      customer: .init(
        account: hideReporter ? "***" : order.customerAccount, name: hideReporter ? "***" : order.customerName,
        phone: phone, address: hideReporter ? "***" : order.address),
      content: order.content,
      complaint: isClassified
        ? .init(
          taxonomyVersion: order.taxonomyVersion, category: order.categoryCode, item: order.itemCode, attitude: order.attitude,
          verified: order.verified, supplyResponsibility: order.supplyResponsibility, investigation: order.investigation) : nil,
      acceptedAt: order.acceptedAt, appointmentAt: order.appointmentAt, closedAt: order.closedAt,
      clocks: try clocks(order, calendar: workflow.calendar, now: now),
      allowedActions: allowedActions(order, workflow: workflow, actor: actor, now: now))
  }

  /// The order's taxonomy item by name, in the viewer's language (nil when it has none).
  static func itemName(_ order: WorkOrder, locale: String) -> String? {
    let taxonomy: Taxonomy = order.type == .report ? .misconductV1 : .complaintsV1
    let item = order.categoryCode.flatMap(taxonomy.category)?.items.first { $0.code == order.itemCode }
    return item.map { locale == "en" ? $0.englishName : $0.chineseName }
  }
}
