import Domain
import Fluent
import Foundation

/// Records inspections and moves findings (INSP-FINDING): validation, authorisation, one transaction, audit.
enum InspectionService {
  /// A visit as typed on the form (or sent to the API): each item's result, and for each failed item what was found.
  struct Input {
    var unitID: String?
    var visitedOn: String?
    var method: String?
    var summary: String?
    /// Item id → "pass" or "fail".
    var results: [UUID: String]
    /// Item id → what was found (required for a failed item), its deadline and the responsible person.
    var findings: [UUID: FindingInput]
  }

  struct FindingInput {
    var description: String?
    var deadline: String?
    var responsibleUserID: String?
  }

  static func record(
    _ input: Input, rules: InspectionRules, actor: Actor, on db: any Database, now: Date
  ) async throws -> Inspection {
    guard InspectionAccess.canRecord(actor) else { throw AppError.forbidden }
    var errors = FieldErrors()
    let unitID = Validate.uuid(input.unitID, field: "unitId", into: &errors)
    if (input.unitID ?? "").isEmpty { errors.add("unitId", "validation.required") }
    let today = BusinessTime.civilDate(of: now)
    let visit = visitDay(input.visitedOn, today: today, into: &errors)
    let method = InspectionMethod(rawValue: input.method ?? "")
    if method == nil { errors.add("method", "validation.choice") }
    let typedSummary = (input.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let summary = typedSummary.isEmpty ? "" : Validate.text(typedSummary, field: "summary", max: InspectionLimits.summary, into: &errors)
    let items = try await ChecklistItemRow.query(on: db).filter(\.$active == true).sort(\.$position).all()
    var checks: [(ChecklistItemRow, Bool)] = []
    for item in items {
      let id = try item.requireID()
      switch input.results[id] {
      case "pass": checks.append((item, true))
      case "fail": checks.append((item, false))
      default: errors.add("check_\(id)", "inspection.error.result_missing")
      }
    }
    var unit: OrgUnit?
    if let unitID { unit = try await OrgUnit.findVisible(unitID, for: actor, on: db) }
    if let unit, unit.kind != .station && unit.kind != .hall { errors.add("unitId", "inspection.error.not_station") }
    var findings: [(ChecklistItemRow, String, CivilDate, Actor?)] = []
    for (item, passed) in checks where !passed {
      let id = try item.requireID()
      let typed = input.findings[id] ?? FindingInput()
      let text = Validate.text(typed.description, field: "finding_\(id)", max: InspectionLimits.finding, into: &errors)
      let deadline = findingDeadline(typed.deadline, visit: visit, rules: rules, field: "deadline_\(id)", into: &errors)
      let person = try await responsible(typed.responsibleUserID, unit: unit, field: "responsible_\(id)", on: db, into: &errors)
      if let deadline { findings.append((item, text, deadline, person)) }
    }
    // Every problem at once, each on its field: the inspector fixes the form in one go.
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    guard let unit, let visit, let method else { throw ValidationFailure(errors: errors) }
    let (passedChecks, found) = (checks, findings)
    return try await db.transaction { tx in
      let inspection = Inspection()
      inspection.$unit.id = try unit.requireID()
      inspection.visitedOn = visit.description
      inspection.method = method
      inspection.inspectorID = actor.userID
      inspection.inspectorName = actor.displayName
      inspection.summary = summary
      try await inspection.create(on: tx)
      for (item, passed) in passedChecks {
        let check = InspectionCheck()
        check.$inspection.id = try inspection.requireID()
        check.$item.id = try item.requireID()
        check.passed = passed
        try await check.create(on: tx)
      }
      for (item, text, deadline, person) in found {
        let finding = InspectionFinding()
        finding.$inspection.id = try inspection.requireID()
        finding.$item.id = try item.requireID()
        finding.$unit.id = try unit.requireID()
        finding.description = text
        finding.deadline = deadline.description
        finding.state = .open
        finding.version = 1
        finding.responsibleUserID = person?.userID
        finding.responsibleName = person?.displayName
        try await finding.create(on: tx)
      }
      try await AuditLog.record(
        .create, entity: .inspection, id: try inspection.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: InspectionSnapshot(inspection, unitName: unit.name, failed: found.count), on: tx, at: now)
      return inspection
    }
  }

  /// Rectify, close or reopen a finding, claiming its version so that two people cannot move it at once.
  static func act(
    findingID: UUID, action: FindingAction, version: Int?, text: String?, actor: Actor, on db: any Database, now: Date
  ) async throws -> InspectionFinding {
    guard let finding = try await InspectionFinding.query(on: db).filter(\.$id == findingID).with(\.$unit).first() else {
      throw AppError.notFound("entity.inspection_finding")
    }
    try actor.requireVisible(finding.unit.unitPath)
    let facts = InspectionAccess.FindingFacts(unitPath: finding.unit.unitPath, responsibleUserID: finding.responsibleUserID)
    guard InspectionAccess.may(action, facts, actor: actor) else { throw AppError.forbidden }
    guard let expected = version else { throw AppError.invalid("version", "validation.required") }
    guard expected == finding.version else { throw stale() }
    guard let next = action.next(from: finding.state) else {
      throw AppError.conflict("action", "inspection.error.not_allowed_now", "inspection.finding_state.\(finding.state.rawValue)")
    }
    var errors = FieldErrors()
    let before = FindingSnapshot(finding)
    switch action {
    case .rectify:
      finding.evidence = Validate.text(text, field: "text", max: InspectionLimits.evidence, into: &errors)
      finding.rectifiedAt = now
    case .close:
      finding.closedAt = now
      finding.closedByName = actor.displayName
    case .reopen:
      finding.reopenReason = Validate.text(text, field: "text", max: InspectionLimits.reason, into: &errors)
      finding.rectifiedAt = nil
      // Open again: it is due a reminder again before its deadline (INSP-REMINDER).
      finding.remindedOn = nil
    }
    try errors.throwIfAny()
    finding.state = next
    return try await db.transaction { tx in
      try await OptimisticLock.claim(InspectionFinding.schema, id: findingID, expected: expected, on: tx, stale: stale())
      finding.version = expected + 1
      try await finding.save(on: tx)
      try await AuditLog.record(
        .stateChange, entity: .inspectionFinding, id: findingID.uuidString, actor: actor, before: before,
        after: FindingSnapshot(finding), on: tx, at: now)
      return finding
    }
  }

  static func stale() -> AppError {
    AppError(.conflict, code: .staleVersion, key: "inspection.error.stale", field: "version")
  }

  /// A visit is recorded on the day it happened: not in the future, and at most a year back.
  private static func visitDay(_ text: String?, today: CivilDate, into errors: inout FieldErrors) -> CivilDate? {
    guard let text, !text.isEmpty else {
      errors.add("visitedOn", "validation.required")
      return nil
    }
    guard let day = DateField.date(text, field: "visitedOn", into: &errors) else { return nil }
    if day > today {
      errors.add("visitedOn", "inspection.error.visit_future")
      return nil
    }
    if day < today.adding(days: -366) {
      errors.add("visitedOn", "inspection.error.visit_old")
      return nil
    }
    return day
  }

  private static func findingDeadline(
    _ text: String?, visit: CivilDate?, rules: InspectionRules, field: String, into errors: inout FieldErrors
  ) -> CivilDate? {
    var chosen: CivilDate?
    if let text, !text.isEmpty {
      guard let day = DateField.date(text, field: field, into: &errors) else { return nil }
      chosen = day
    }
    guard let visit else { return nil }
    switch rules.deadline(visit: visit, chosen: chosen) {
    case .success(let day): return day
    case .failure(.beforeVisit):
      errors.add(field, "inspection.error.deadline_before_visit")
    case .failure(.tooLate(let days)):
      errors.add(field, "inspection.error.deadline_too_late", String(days))
    }
    return nil
  }

  /// The responsible person, if named: someone active in the inspected unit's county subtree.
  private static func responsible(
    _ text: String?, unit: OrgUnit?, field: String, on db: any Database, into errors: inout FieldErrors
  ) async throws -> Actor? {
    guard let text, !text.isEmpty else { return nil }
    guard let id = Validate.uuid(text, field: field, into: &errors) else { return nil }
    guard let unit else { return nil }
    let people = try await InspectionQueries.people(near: unit, on: db)
    guard let person = people.first(where: { $0.userID == id }) else {
      errors.add(field, "inspection.error.person_unknown")
      return nil
    }
    return person
  }
}

/// What the audit log keeps of an inspection.
struct InspectionSnapshot: Encodable {
  let unit: String
  let visitedOn: String
  let method: String
  let summary: String
  let failedItems: Int

  init(_ inspection: Inspection, unitName: String, failed: Int) {
    unit = unitName
    visitedOn = inspection.visitedOn
    method = inspection.method.rawValue
    summary = inspection.summary
    failedItems = failed
  }
}

/// What the audit log keeps of a finding.
struct FindingSnapshot: Encodable {
  let state: String
  let deadline: String
  let evidence: String?
  let reopenReason: String?
  let version: Int

  init(_ finding: InspectionFinding) {
    state = finding.state.rawValue
    deadline = finding.deadline
    evidence = finding.evidence
    reopenReason = finding.reopenReason
    version = finding.version
  }
}
