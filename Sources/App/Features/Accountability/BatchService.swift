import Domain
import Fluent
import Foundation

/// The leadership group's approval of a unit's half-yearly batch (ACC-BATCH): every submitted
/// case of it is approved with the month deductions start, then that month is deducted for the
/// people whose pay is in.
enum BatchService {
  /// The first deduction month as typed: `YYYY-MM`, not before the current month.
  static func deductionMonth(_ raw: String?, now: Date) throws -> YearMonth {
    guard let month = YearMonth(iso: raw ?? "") else { throw AppError.invalid("deductionMonth", "validation.month_format") }
    guard month >= YearMonth(BusinessTime.civilDate(of: now)) else {
      throw AppError.invalid("deductionMonth", "accountability.error.month_past")
    }
    return month
  }

  /// Approves the given cases (each at the version its approver read), all or none.
  static func approve(
    cases: [AccountabilityCase], expected: [Int], month: YearMonth, actor: Actor, on db: any Database, now: Date
  ) async throws {
    try CaseService.requireRole(.approve, actor)
    guard !cases.isEmpty else { throw AppError.conflict("batch", "accountability.error.batch_empty") }
    for record in cases {
      _ = try CaseService.refusalChecked(
        CaseWorkflow.next(record.state, .approve, fourDonts: try record.fourDonts, fullyDeducted: false))
      try await CaseService.requireLinesValid(record, on: db)
    }
    var involved = Set<UUID>()
    for record in cases {
      let lines = try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id == record.requireID()).all()
      involved.formUnion(lines.compactMap(\.personID))
    }
    let persons = Array(involved)
    try await db.transaction { tx in
      for (record, version) in zip(cases, expected) {
        let before = try CaseSnapshot(record)
        try await OptimisticLock.claim(
          AccountabilityCase.schema, id: try record.requireID(), expected: version, on: tx, stale: CaseService.stale(record))
        record.version = version + 1
        record.state = CaseState.approved
        record.deductionMonth = month.description
        record.reason = nil
        record.updatedAt = now
        try await record.save(on: tx)
        try await AuditLog.record(
          .stateChange, entity: .accountabilityCase, id: try record.requireID().uuidString, actor: actor, before: before,
          after: try CaseSnapshot(record), on: tx, at: now)
      }
      try await LedgerService.runMonth(month, persons: persons, on: tx, now: now)
    }
  }

  /// A unit's batch: its submitted cases of the half-year.
  static func submitted(unitID: UUID, halfYear: HalfYear, on db: any Database) async throws -> [AccountabilityCase] {
    try await AccountabilityCase.query(on: db).filter(\.$unit.$id == unitID).filter(\.$halfYear == halfYear.description)
      .filter(\.$state == .submitted).sort(\.$verifiedAt).all()
  }
}
