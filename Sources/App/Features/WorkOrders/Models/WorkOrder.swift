import Domain
import Fluent
import Foundation

/// A 95598 customer request moving through the closed loop. The workflow snapshot and the stage
/// clocks are kept as JSON (they are Domain values); what lists, filters and the SLA sweep query
/// is kept in columns of its own.
final class WorkOrder: Model, @unchecked Sendable {
  static let schema = "work_orders"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
  /// Optimistic locking: every change must name the version it read.
  @Field(key: "version") var version: Int

  // MARK: fields
  @Field(key: "number") var number: String
  @EnumField(key: "type") var type: OrderType
  @OptionalEnumField(key: "service_kind") var serviceKind: ServiceRequestKind?
  @EnumField(key: "channel") var channel: Domain.Channel
  @EnumField(key: "area") var area: AreaClass
  @EnumField(key: "state") var state: WorkOrderState
  @EnumField(key: "severity") var severity: Severity
  @Field(key: "customer_account") var customerAccount: String
  @Field(key: "customer_name") var customerName: String
  @Field(key: "customer_phone") var customerPhone: String
  @Field(key: "address") var address: String
  @Field(key: "content") var content: String
  @OptionalField(key: "category_code") var categoryCode: String?
  @OptionalField(key: "item_code") var itemCode: String?
  @OptionalField(key: "taxonomy_version") var taxonomyVersion: Int?
  @OptionalEnumField(key: "attitude") var attitude: CustomerAttitude?
  @OptionalField(key: "verified") var verified: Bool?
  @OptionalField(key: "supply_responsibility") var supplyResponsibility: Bool?
  @Field(key: "accepted_at") var acceptedAt: Date
  @OptionalField(key: "appointment_at") var appointmentAt: Date?
  @OptionalField(key: "closed_at") var closedAt: Date?
  @OptionalField(key: "return_visited_at") var returnVisitedAt: Date?
  @OptionalField(key: "return_visit_satisfied") var returnVisitSatisfied: Bool?
  /// The complaint investigation record (ComplaintInvestigation as JSON), set with the reply.
  @OptionalField(key: "investigation") var investigationJSON: String?
  /// The earliest instant at which a warning or breach of a running clock falls due; the SLA
  /// sweep reads only orders whose value has come (indexed).
  @OptionalField(key: "next_due_at") var nextDueAt: Date?
  /// Who the order waits on (`WaitingOn`), kept in columns so that "mine" is one query.
  @OptionalEnumField(key: "waiting_role") var waitingRole: Role?
  @OptionalField(key: "waiting_person") var waitingPerson: UUID?
  @OptionalEnumField(key: "approval_role") var approvalRole: Role?
  /// The earliest deadline of a running, unpaused clock (the overdue queue), and when the first
  /// of them enters its warning window (the due-soon queue).
  @OptionalField(key: "deadline_at") var deadlineAt: Date?
  @OptionalField(key: "warning_at") var warningAt: Date?
  @Field(key: "snapshot") var snapshotJSON: String
  @Field(key: "clocks") var clocksJSON: String

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit
  @Parent(key: "created_by") var createdBy: User
  @OptionalParent(key: "parent_id") var parent: WorkOrder?

  init() {}
}

extension WorkOrder: DirectlyInserted {
  var storedProperties: [any AnyDatabaseProperty] {
    [
      $id, $createdAt, $updatedAt, $version, $number, $type, $serviceKind, $channel, $area, $state, $severity,
      $customerAccount, $customerName, $customerPhone, $address, $content, $categoryCode, $itemCode, $taxonomyVersion,
      $attitude, $verified, $supplyResponsibility, $acceptedAt, $appointmentAt, $closedAt, $returnVisitedAt,
      $returnVisitSatisfied, $investigationJSON, $nextDueAt, $waitingRole, $waitingPerson, $approvalRole, $deadlineAt, $warningAt,
      $snapshotJSON, $clocksJSON, $unit, $createdBy, $parent,
    ]
  }
}

extension WorkOrder {
  /// A complaint verified as the supply side's responsibility (rule WO-VERIFIED-COMPLAINT).
  var isVerifiedComplaint: Bool { type == .complaint && verified == true && supplyResponsibility == true }

  var snapshot: WorkflowSnapshot {
    get throws { try JSONCoding.decode(WorkflowSnapshot.self, snapshotJSON) }
  }

  var ledger: ClockLedger {
    get throws { try JSONCoding.decode(ClockLedger.self, clocksJSON) }
  }

  /// Keeps the snapshot and clocks, and every column derived from them: state, who the order
  /// waits on, its deadlines and when the SLA sweep needs it next.
  func store(
    snapshot: WorkflowSnapshot, ledger: ClockLedger, workflow: Workflow, now: Date, sent: [Domain.StageClock: Set<WarningLevel>] = [:]
  ) throws {
    snapshotJSON = try JSONCoding.encode(snapshot)
    clocksJSON = try JSONCoding.encode(ledger)
    state = snapshot.state
    severity = snapshot.severity
    if let unitID = snapshot.unitID { $unit.id = unitID }
    $parent.id = snapshot.parentID
    let waiting = workflow.waitingOn(snapshot)
    waitingRole = waiting.role
    waitingPerson = waiting.person
    approvalRole = waiting.approver
    try storeDeadlines(ledger, workflow: workflow, now: now, sent: sent)
  }

  /// The deadline columns alone (a calendar change moves them without a move on the order).
  func storeDeadlines(
    _ ledger: ClockLedger, workflow: Workflow, now: Date, sent: [Domain.StageClock: Set<WarningLevel>] = [:]
  ) throws {
    var deadline: Date?
    var warning: Date?
    for record in ledger.running.values {
      let reading = try record.reading(at: now, calendar: workflow.calendar)
      guard !reading.isPaused else { continue }
      deadline = min(deadline ?? reading.due, reading.due)
      if let start = try WarningPolicy.default.windowStart(record, at: now, calendar: workflow.calendar) {
        warning = min(warning ?? start, start)
      }
    }
    deadlineAt = deadline
    warningAt = warning
    nextDueAt = try ledger.nextDueAt(at: now, sent: sent, calendar: workflow.calendar)
  }
}

extension WorkOrder {
  var investigation: ComplaintInvestigation? {
    get { investigationJSON.flatMap { try? JSONCoding.decode(ComplaintInvestigation.self, $0) } }
    set { investigationJSON = newValue.flatMap { try? JSONCoding.encode($0) } }
  }
}
