import Domain
import Fluent
import Foundation

/// Opens a case when a complaint is verified with supply-side responsibility, and withdraws it
/// when the finding is overturned (ACC-CASE-OPEN). Registered with `app.complaintObservers`; runs
/// inside the work order's own transaction.
enum CaseIntake {
  static func register(_ observers: ComplaintObservers) {
    observers.onVerified { complaint, db in try await open(complaint, on: db) }
    observers.onOverturned { orderID, number, db, now in try await overturned(orderID: orderID, number: number, on: db, now: now) }
  }

  /// A new proposed case under the rules in force on the day of verification, one line per
  /// person who handled the order as the main responsible, at the rule's default amount and
  /// mildest required sanction; Marketing corrects cause, severity and lines. A case withdrawn
  /// earlier is proposed again.
  static func open(_ complaint: VerifiedComplaint, on db: any Database) async throws {
    let day = BusinessTime.civilDate(of: complaint.verifiedAt)
    guard let version = try await PenaltyRulesService.inForce(on: day, db: db) else { return }
    let cause = CaseCause.general(.qualityError)
    let outside = complaint.outsideChannel.flatMap { version.rules.channel($0) == nil ? nil : $0 }
    if let existing = try await AccountabilityCase.query(on: db).filter(\.$workOrderID == complaint.orderID).first() {
      guard existing.state == .withdrawn else { return }
      let before = try CaseSnapshot(existing)
      existing.state = CaseState.proposed
      existing.reason = nil
      existing.verifiedAt = complaint.verifiedAt
      existing.updatedAt = complaint.verifiedAt
      existing.version += 1
      try await existing.save(on: db)
      try await AuditLog.record(
        .stateChange, entity: .accountabilityCase, id: try existing.requireID().uuidString, actor: nil, before: before,
        after: try CaseSnapshot(existing), on: db, at: complaint.verifiedAt)
      return
    }
    let record = AccountabilityCase()
    record.createdAt = complaint.verifiedAt
    record.updatedAt = complaint.verifiedAt
    record.version = 1
    record.workOrderID = complaint.orderID
    record.workOrderNumber = complaint.number
    record.ruleVersion = version.number
    record.causeFramework = cause.framework
    record.causeCode = cause.code
    record.severity = complaint.severity
    record.outsideChannel = outside
    record.state = CaseState.proposed
    record.halfYear = HalfYear(day).description
    record.verifiedAt = complaint.verifiedAt
    record.fourDontsJSON = try JSONCoding.encode(FourDonts())
    record.$unit.id = complaint.unitID
    try await record.create(on: db)
    for (index, person) in complaint.handlerIDs.enumerated() {
      let question = LineQuestion(cause: cause, severity: complaint.severity, role: .main, outsideChannel: outside)
      guard case .success(let range) = version.rules.range(for: question) else { continue }
      let line = AccountabilityLine()
      line.$accountabilityCase.id = try record.requireID()
      line.position = index
      line.role = ResponsibilityRole.main
      line.personID = person
      line.minFen = range.minFen
      line.maxFen = range.maxFen
      line.amountFen = range.defaultFen
      line.sanction = range.sanctions.isRequired ? range.sanctions.choices.first : nil
      try await line.create(on: db)
    }
    try await AuditLog.record(
      .create, entity: .accountabilityCase, id: try record.requireID().uuidString, actor: nil, before: NoSnapshot?.none,
      after: try CaseSnapshot(record), on: db, at: complaint.verifiedAt)
  }

  /// The verification was overturned: a case not yet settled is withdrawn (ACC-REFUND pays back
  /// what was deducted).
  static func overturned(orderID: UUID, number: String, on db: any Database, now: Date) async throws {
    guard let existing = try await AccountabilityCase.query(on: db).filter(\.$workOrderID == orderID).first(),
      !(existing.state.isFinal)
    else { return }
    try await CaseService.withdraw(existing, reason: "核实结论已撤销（工单 \(number)）", actor: nil, on: db, now: now)
  }
}

/// What the audit log keeps of a case at each move.
struct CaseSnapshot: Encodable {
  let state: CaseState
  let version: Int
  let causeFramework: CauseFramework
  let cause: String
  let severity: Severity
  let outsideChannel: String?
  let reason: String?
  let deductionMonth: String?

  init(_ record: AccountabilityCase) throws {
    state = record.state
    version = record.version
    causeFramework = record.causeFramework
    cause = record.causeCode
    severity = record.severity
    outsideChannel = record.outsideChannel
    reason = record.reason
    deductionMonth = record.deductionMonth
  }
}
