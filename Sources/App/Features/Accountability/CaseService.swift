import Domain
import Fluent
import Foundation

/// Moving and correcting cases: authorisation by role and unit, the state machine, optimistic
/// locking and the audit, each change in one transaction (ACC-CASE-STATES, ACC-CASE-ROLES).
/// Lengths of what people type about a case.
enum CaseLimits {
  static let text = 2000
  static let lines = 50
}

enum CaseService {
  /// Roles that see every case of their unit subtree; everyone else sees only their own lines
  /// (ACC-SCOPE).
  static let overseers: Set<Role> = [.admin, .reviewer, .leader, .hr, .lead]

  static func canOversee(_ actor: Actor) -> Bool { !overseers.isDisjoint(with: actor.roles) }

  /// Whether the actor may take `action`: its role, or admin.
  static func requireRole(_ action: CaseAction, _ actor: Actor) throws {
    guard let role = action.role, actor.has(role) || actor.isAdmin else { throw AppError.forbidden }
  }

  static func requireReviewer(_ actor: Actor) throws {
    guard actor.has(.reviewer) || actor.isAdmin else { throw AppError.forbidden }
  }

  static func stale(_ record: AccountabilityCase) -> AppError {
    AppError(.conflict, code: .staleVersion, key: "accountability.error.stale", args: [record.workOrderNumber], field: "version")
  }

  /// The case if the actor may see it: overseers by unit subtree, others only with a line of theirs.
  static func findVisible(_ id: UUID, for actor: Actor, on db: any Database) async throws -> AccountabilityCase {
    guard let record = try await AccountabilityCase.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
      throw AppError.notFound("entity.accountability_case")
    }
    if canOversee(actor), actor.canSee(record.unit.unitPath) { return record }
    let own = try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id == id).filter(\.$personID == actor.userID).count()
    guard own > 0 else { throw AppError.notFound("entity.accountability_case") }
    return record
  }

  /// Saves a move: claims the version read, stores, audits — one transaction.
  static func save(
    _ record: AccountabilityCase, expected: Int, before: CaseSnapshot, actor: Actor?, on db: any Database, now: Date,
    extra: @escaping @Sendable (any Database) async throws -> Void = { _ in }
  ) async throws {
    try await db.transaction { tx in
      try await OptimisticLock.claim(
        AccountabilityCase.schema, id: try record.requireID(), expected: expected, on: tx, stale: stale(record))
      record.version = expected + 1
      record.updatedAt = now
      try await record.save(on: tx)
      try await extra(tx)
      try await AuditLog.record(
        .stateChange, entity: .accountabilityCase, id: try record.requireID().uuidString, actor: actor, before: before,
        after: try CaseSnapshot(record), on: tx, at: now)
    }
  }

  /// A case move that is not an approval (approvals go by batch, `BatchService`).
  static func act(
    _ record: AccountabilityCase, action: CaseAction, expected: Int, reason: String?, deductionMonth: String? = nil, actor: Actor,
    on db: any Database, now: Date
  ) async throws {
    try requireRole(action, actor)
    guard record.version == expected else { throw stale(record) }
    if action == .approve {
      let month = try BatchService.deductionMonth(deductionMonth, now: now)
      return try await BatchService.approve(cases: [record], expected: [expected], month: month, actor: actor, on: db, now: now)
    }
    if action == .withdraw {
      return try await withdraw(record, reason: reason ?? "", actor: actor, on: db, now: now, expected: expected)
    }
    let trimmed = try reasonText(reason)
    let fullyDeducted = try await LedgerService.fullyDeducted(caseID: try record.requireID(), on: db)
    let next = try refusalChecked(
      CaseWorkflow.next(record.state, action, fourDonts: try record.fourDonts, fullyDeducted: fullyDeducted, reason: trimmed))
    if action == .submit { try await requireLinesValid(record, on: db) }
    let before = try CaseSnapshot(record)
    record.state = next
    if action == .sendBack { record.reason = trimmed }
    try await save(record, expected: expected, before: before, actor: actor, on: db, now: now)
  }

  /// Withdraws a case (verification overturned): ACC-REFUND rows for what was deducted.
  static func withdraw(
    _ record: AccountabilityCase, reason: String, actor: Actor?, on db: any Database, now: Date, expected: Int? = nil
  ) async throws {
    let trimmed = try reasonText(reason)
    let next = try refusalChecked(
      CaseWorkflow.next(record.state, .withdraw, fourDonts: FourDonts(), fullyDeducted: false, reason: trimmed))
    let before = try CaseSnapshot(record)
    record.state = next
    record.reason = trimmed
    let caseID = try record.requireID()
    try await save(record, expected: expected ?? record.version, before: before, actor: actor, on: db, now: now) { tx in
      try await LedgerService.refund(caseID: caseID, on: tx, now: now)
    }
  }

  /// Records the four don'ts (ACC-FOUR-DONTS); allowed until the case is final.
  static func recordFourDonts(
    _ record: AccountabilityCase, _ fourDonts: FourDonts, expected: Int, actor: Actor, on db: any Database, now: Date
  ) async throws {
    try requireReviewer(actor)
    guard record.version == expected else { throw stale(record) }
    guard !(record.state.isFinal) else { throw AppError.invalid("action", "accountability.error.final") }
    var errors = FieldErrors()
    for (field, value) in zip(
      FourDonts.fields, [fourDonts.causeEstablished, fourDonts.personEducated, fourDonts.correctiveMeasure, fourDonts.personDealtWith])
    where value.count > CaseLimits.text {
      errors.add("fourDonts.\(field)", "validation.too_long", String(CaseLimits.text))
    }
    guard errors.isEmpty else { throw ValidationFailure(errors: errors) }
    let before = try CaseSnapshot(record)
    record.fourDontsJSON = try JSONCoding.encode(fourDonts)
    try await save(record, expected: expected, before: before, actor: actor, on: db, now: now)
  }

  /// Records the day a person passed the retraining exam their line requires (abusive conduct,
  /// ACC-GENERAL-CAUSES): not in the future, not on a withdrawn case.
  static func recordExam(
    _ record: AccountabilityCase, line index: Int, passedOn raw: String?, expected: Int, actor: Actor, on db: any Database, now: Date
  ) async throws {
    try requireReviewer(actor)
    guard record.version == expected else { throw stale(record) }
    guard record.state != .withdrawn else { throw AppError.invalid("action", "accountability.error.final") }
    let lines = try await CaseQueries.lines(of: record, on: db)
    guard lines.indices.contains(index) else { throw AppError.invalid("line", "validation.choice") }
    let line = lines[index]
    let rules = try await rules(of: record, on: db)
    let question = LineQuestion(
      cause: record.cause, severity: record.severity, role: line.role, outsideChannel: record.outsideChannel)
    guard case .success(let range) = rules.range(for: question), range.examRequired else {
      throw AppError.invalid("line", "accountability.error.no_exam")
    }
    guard let day = CivilDate(iso: raw ?? ""), day <= BusinessTime.civilDate(of: now) else {
      throw AppError.invalid("examPassedOn", "accountability.error.exam_date")
    }
    let before = try CaseSnapshot(record)
    line.examPassedOn = day.description
    try await save(record, expected: expected, before: before, actor: actor, on: db, now: now) { tx in try await line.save(on: tx) }
  }

  /// A reason as typed, trimmed; longer than the limit is refused, never cut.
  static func reasonText(_ reason: String?) throws -> String {
    let trimmed = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count <= CaseLimits.text else { throw AppError.invalid("reason", "validation.too_long", String(CaseLimits.text)) }
    return trimmed
  }

  static func refusalChecked(_ result: Result<CaseState, CaseRefusal>) throws -> CaseState {
    switch result {
    case .success(let state): return state
    case .failure(.notAllowedInState(let state, let action)):
      throw AppError.invalid(
        "action", "accountability.error.not_in_state", "accountability.action.\(action.rawValue)", "accountability.state.\(state.rawValue)")
    case .failure(.fourDontsMissing(let fields)):
      let first = fields.first ?? ""
      throw AppError.invalid("fourDonts.\(first)", "accountability.error.four_donts", "accountability.four_donts.\(first)")
    case .failure(.notFullyDeducted): throw AppError.invalid("action", "accountability.error.not_deducted")
    case .failure(.reasonRequired): throw AppError.invalid("reason", "validation.required")
    }
  }

  /// Every line still fits the rules of the case's version (they may have been proposed under
  /// another severity).
  static func requireLinesValid(_ record: AccountabilityCase, on db: any Database) async throws {
    let lines = try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id == record.requireID()).sort(\.$position).all()
    guard !lines.isEmpty else { throw AppError.invalid("lines", "accountability.error.no_lines") }
    let rules = try await rules(of: record, on: db)
    for (index, line) in lines.enumerated() {
      let question = LineQuestion(
        cause: record.cause, severity: record.severity, role: line.role, outsideChannel: record.outsideChannel)
      if case .failure(let error) = rules.check(question, amountFen: line.amountFen, sanction: line.sanction) {
        throw AppError.invalid("lines[\(index)].\(error.field)", "accountability.error.\(error.reason.rawValue)")
      }
    }
  }

  static func rules(of record: AccountabilityCase, on db: any Database) async throws -> PenaltyRuleSet {
    guard let version = try await PenaltyRulesService.version(record.ruleVersion, on: db) else {
      throw UnknownStoredValue(table: AccountabilityCase.schema, column: "rule_version", value: String(record.ruleVersion))
    }
    return version.rules
  }
}
