import Domain
import Fluent
import Foundation

/// A person's performance pay for one month (ACC-PAY), the pool deductions come from.
final class PerformancePay: Model, @unchecked Sendable {
  static let schema = "performance_pay"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "updated_at") var updatedAt: Date

  // MARK: fields
  /// "YYYY-MM".
  @Field(key: "month") var month: String
  @Field(key: "amount_fen") var amountFen: Int

  // MARK: relations
  @Parent(key: "person_id") var person: User

  init() {}
}

/// One append-only row of the deduction ledger (ACC-LEDGER): never updated or deleted (the
/// database refuses it).
final class LedgerEntry: Model, @unchecked Sendable {
  static let schema = "deduction_ledger"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "line_id") var lineID: UUID
  @Field(key: "case_id") var caseID: UUID
  @Field(key: "month") var month: String
  @EnumField(key: "kind") var kind: LedgerRowKind
  @Field(key: "charged_fen") var chargedFen: Int
  @Field(key: "deducted_fen") var deductedFen: Int
  @Field(key: "carried_fen") var carriedFen: Int

  // MARK: relations
  @Parent(key: "person_id") var person: User

  init() {}

  init(_ row: LedgerRow, caseID: UUID, personID: UUID, at time: Date) {
    lineID = row.chargeID
    self.caseID = caseID
    month = row.month.description
    kind = row.kind
    chargedFen = row.chargedFen
    deductedFen = row.deductedFen
    carriedFen = row.carriedFen
    $person.id = personID
    createdAt = time
  }

  func domain() throws -> LedgerRow {
    guard let month = YearMonth(iso: month) else { throw UnknownStoredValue(table: Self.schema, column: "month", value: self.month) }
    return LedgerRow(
      chargeID: lineID, month: month, kind: kind, chargedFen: chargedFen,
      deductedFen: deductedFen, carriedFen: carriedFen)
  }
}
