import Foundation

/// An approved amount one person owes for one case line, deducted from performance pay from
/// `firstMonth` on (ACC-DEDUCTION).
public struct Charge: Hashable, Sendable {
  public var id: UUID
  public var amountFen: Int
  public var firstMonth: YearMonth

  public init(id: UUID, amountFen: Int, firstMonth: YearMonth) {
    self.id = id
    self.amountFen = amountFen
    self.firstMonth = firstMonth
  }
}

public enum LedgerRowKind: String, Codable, Sendable, CaseIterable {
  case deduction
  /// A withdrawn case: what was deducted is paid back and what was still owed is dropped.
  case refund
}

/// One append-only row of the ledger (ACC-LEDGER): for a charge and a month, what was due
/// (`chargedFen`: the charge itself, or what the previous month carried), what the month's pay
/// covered, and what moves to the next month. Rows are never edited.
public struct LedgerRow: Hashable, Sendable {
  public var chargeID: UUID
  public var month: YearMonth
  public var kind: LedgerRowKind
  public var chargedFen: Int
  public var deductedFen: Int
  public var carriedFen: Int

  public init(chargeID: UUID, month: YearMonth, kind: LedgerRowKind, chargedFen: Int, deductedFen: Int, carriedFen: Int) {
    self.chargeID = chargeID
    self.month = month
    self.kind = kind
    self.chargedFen = chargedFen
    self.deductedFen = deductedFen
    self.carriedFen = carriedFen
  }
}

/// The carry-over arithmetic of one person's deductions (ACC-DEDUCTION, ACC-LEDGER,
/// ACC-REFUND). Pure: the caller stores the rows it returns.
public enum DeductionLedger {
  /// What a charge still owes after its rows: its amount before any row, then the last row's
  /// carry; nil once refunded.
  public static func owed(_ charge: Charge, rows: [LedgerRow]) -> Int? {
    let own = rows.filter { $0.chargeID == charge.id }
    if own.contains(where: { $0.kind == .refund }) { return nil }
    guard let last = own.max(by: { $0.month < $1.month }) else { return charge.amountFen }
    return last.carriedFen
  }

  /// The rows a month adds for one person: each charge due by then (oldest first, then in the
  /// given order) that has no row for the month and still owes something takes what is left of
  /// the month's pay; the rest carries into the next month. Pay already used by the month's
  /// earlier rows is not used twice.
  public static func rows(month: YearMonth, payFen: Int, charges: [Charge], history: [LedgerRow]) -> [LedgerRow] {
    let usedThisMonth = history.filter { $0.month == month && $0.kind == .deduction }.reduce(0) { $0 + $1.deductedFen }
    var available = max(0, payFen - usedThisMonth)
    var rows: [LedgerRow] = []
    let due = charges.enumerated().filter { $0.element.firstMonth <= month }
      .sorted { ($0.element.firstMonth, $0.offset) < ($1.element.firstMonth, $1.offset) }.map(\.element)
    for charge in due {
      guard !history.contains(where: { $0.chargeID == charge.id && $0.month >= month }),
        let owed = owed(charge, rows: history), owed > 0
      else { continue }
      let deducted = min(owed, available)
      available -= deducted
      rows.append(
        LedgerRow(chargeID: charge.id, month: month, kind: .deduction, chargedFen: owed, deductedFen: deducted, carriedFen: owed - deducted)
      )
    }
    return rows
  }

  /// The row that undoes a withdrawn charge in `month`: minus everything deducted so far (paid
  /// back) and minus what was still owed; nil when no row was ever written or it was already
  /// refunded (nothing to undo).
  public static func refund(_ charge: Charge, month: YearMonth, history: [LedgerRow]) -> LedgerRow? {
    let own = history.filter { $0.chargeID == charge.id }
    guard !own.isEmpty, let owed = owed(charge, rows: history) else { return nil }
    let deducted = own.reduce(0) { $0 + $1.deductedFen }
    return LedgerRow(chargeID: charge.id, month: month, kind: .refund, chargedFen: -owed, deductedFen: -deducted, carriedFen: 0)
  }

  /// Whether a charge is fully deducted.
  public static func isSettled(_ charge: Charge, rows: [LedgerRow]) -> Bool { owed(charge, rows: rows) == 0 }
}
