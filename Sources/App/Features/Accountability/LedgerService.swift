import Domain
import Fluent
import Foundation

/// Writes the deduction ledger from approved lines and monthly pay (ACC-DEDUCTION, ACC-LEDGER,
/// ACC-REFUND); the arithmetic is `DeductionLedger`'s.
enum LedgerService {
  static let chargedStates: [CaseState] = [.approved, .deducting, .settled]

  /// A person's charges: their lines in approved cases, oldest approval month first.
  static func charges(of personID: UUID, on db: any Database) async throws -> [(charge: Charge, caseID: UUID)] {
    let lines = try await AccountabilityLine.query(on: db).filter(\.$personID == personID)
      .join(AccountabilityCase.self, on: \AccountabilityLine.$accountabilityCase.$id == \AccountabilityCase.$id)
      .filter(AccountabilityCase.self, \.$state ~~ chargedStates)
      .sort(AccountabilityCase.self, \.$deductionMonth).sort(AccountabilityCase.self, \.$verifiedAt).sort(\.$position).all()
    return try lines.compactMap { line in
      let record = try line.joined(AccountabilityCase.self)
      guard let raw = record.deductionMonth else { return nil }
      guard let month = YearMonth(iso: raw) else {
        throw UnknownStoredValue(table: AccountabilityCase.schema, column: "deduction_month", value: raw)
      }
      return (Charge(id: try line.requireID(), amountFen: line.amountFen, firstMonth: month), try record.requireID())
    }
  }

  static func history(of personID: UUID, on db: any Database) async throws -> [LedgerRow] {
    try await LedgerEntry.query(on: db).filter(\.$person.$id == personID).sort(\.$month).all().map { try $0.domain() }
  }

  /// Deducts `month` for each person who has pay recorded for it: writes the month's rows and
  /// moves cases with a first deduction to deducting. Idempotent: a month is written once per
  /// charge. Returns the rows written.
  @discardableResult
  static func runMonth(_ month: YearMonth, persons: [UUID]? = nil, on db: any Database, now: Date) async throws -> Int {
    var query = PerformancePay.query(on: db).filter(\.$month == month.description)
    if let persons { query = query.filter(\.$person.$id ~~ persons) }
    var written = 0
    var touched = Set<UUID>()
    for pay in try await query.all() {
      let personID = pay.$person.id
      let charges = try await charges(of: personID, on: db)
      let rows = DeductionLedger.rows(
        month: month, payFen: pay.amountFen, charges: charges.map(\.charge), history: try await history(of: personID, on: db))
      for row in rows {
        guard let caseID = charges.first(where: { $0.charge.id == row.chargeID })?.caseID else { continue }
        try await LedgerEntry(row, caseID: caseID, personID: personID, at: now).create(on: db)
        touched.insert(caseID)
        written += 1
      }
    }
    for caseID in touched {
      guard let record = try await AccountabilityCase.find(caseID, on: db), record.state == .approved else { continue }
      let before = try CaseSnapshot(record)
      record.state = CaseState.deducting
      record.updatedAt = now
      record.version += 1
      try await record.save(on: db)
      try await AuditLog.record(
        .stateChange, entity: .accountabilityCase, id: caseID.uuidString, actor: nil, before: before, after: try CaseSnapshot(record),
        on: db, at: now)
    }
    return written
  }

  /// Every person line of the case owes nothing any more (a case without person lines owes nothing).
  static func fullyDeducted(caseID: UUID, on db: any Database) async throws -> Bool {
    let lines = try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id == caseID).filter(\.$personID != nil).all()
    for line in lines {
      let rows = try await LedgerEntry.query(on: db).filter(\.$lineID == line.requireID()).all().map { try $0.domain() }
      guard let first = rows.first?.month else {
        if line.amountFen > 0 { return false }
        continue
      }
      guard DeductionLedger.isSettled(Charge(id: try line.requireID(), amountFen: line.amountFen, firstMonth: first), rows: rows) else {
        return false
      }
    }
    return true
  }

  /// ACC-REFUND: one row per line that had rows, in the current month.
  static func refund(caseID: UUID, on db: any Database, now: Date) async throws {
    let month = YearMonth(BusinessTime.civilDate(of: now))
    let lines = try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id == caseID).filter(\.$personID != nil).all()
    for line in lines {
      guard let personID = line.personID else { continue }
      let rows = try await LedgerEntry.query(on: db).filter(\.$lineID == line.requireID()).all().map { try $0.domain() }
      let charge = Charge(id: try line.requireID(), amountFen: line.amountFen, firstMonth: month)
      if let row = DeductionLedger.refund(charge, month: month, history: rows) {
        try await LedgerEntry(row, caseID: caseID, personID: personID, at: now).create(on: db)
      }
    }
  }
}
