import Domain
import Fluent
import Foundation

/// An accountability case (考核事项) opened for one verified complaint (ACC-CASE-OPEN).
final class AccountabilityCase: Model, @unchecked Sendable {
  static let schema = "accountability_cases"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date
  @Field(key: "updated_at") var updatedAt: Date
  /// Optimistic locking (ARCH-OPTIMISTIC-LOCK): every move names the version it read.
  @Field(key: "version") var version: Int

  // MARK: fields
  @Field(key: "work_order_id") var workOrderID: UUID
  @Field(key: "work_order_number") var workOrderNumber: String
  @Field(key: "rule_version") var ruleVersion: Int
  @Field(key: "cause_framework") var causeFramework: String
  @Field(key: "cause_code") var causeCode: String
  @Field(key: "severity") var severity: String
  /// A channel code of the penalty rules; nil: the company's own channels.
  @OptionalField(key: "outside_channel") var outsideChannel: String?
  @Field(key: "state") var state: String
  /// "2026H1": the half-year batch the case belongs to (ACC-BATCH).
  @Field(key: "half_year") var halfYear: String
  @Field(key: "verified_at") var verifiedAt: Date
  /// "YYYY-MM": the first month deducted, set at approval.
  @OptionalField(key: "deduction_month") var deductionMonth: String?
  /// `FourDonts` as JSON.
  @Field(key: "four_donts") var fourDontsJSON: String
  /// Why it was last sent back or withdrawn.
  @OptionalField(key: "reason") var reason: String?

  // MARK: relations
  /// The unit the complaint was about: scoping and batches.
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}

extension AccountabilityCase {
  var caseState: CaseState { get throws { try .stored(state, table: Self.schema, column: "state") } }
  var caseSeverity: Severity { get throws { try .stored(severity, table: Self.schema, column: "severity") } }
  var cause: CaseCause {
    get throws { CaseCause(framework: try .stored(causeFramework, table: Self.schema, column: "cause_framework"), code: causeCode) }
  }
  var fourDonts: FourDonts {
    get throws {
      do {
        return try JSONCoding.decode(FourDonts.self, fourDontsJSON)
      } catch {
        throw UnknownStoredValue(table: Self.schema, column: "four_donts", value: fourDontsJSON)
      }
    }
  }
}

/// One proposed penalty of a case: a person (or the unit, ACC-UNIT-FALSE-REPLY), their part, the
/// range the rules gave and the amount and sanction proposed.
final class AccountabilityLine: Model, @unchecked Sendable {
  static let schema = "accountability_lines"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "position") var position: Int
  @Field(key: "role") var role: String
  @OptionalField(key: "person_id") var personID: UUID?
  @OptionalField(key: "unit_id") var unitID: UUID?
  @Field(key: "min_fen") var minFen: Int
  @OptionalField(key: "max_fen") var maxFen: Int?
  @Field(key: "amount_fen") var amountFen: Int
  @OptionalField(key: "sanction") var sanction: String?
  /// "YYYY-MM-DD": the retraining exam passed, for a cause that requires one (ACC-GENERAL-CAUSES).
  @OptionalField(key: "exam_passed_on") var examPassedOn: String?

  // MARK: relations
  @Parent(key: "case_id") var accountabilityCase: AccountabilityCase

  init() {}
}

extension AccountabilityLine {
  var responsibility: ResponsibilityRole { get throws { try .stored(role, table: Self.schema, column: "role") } }
  var sanctionValue: Sanction? { get throws { try sanction.map { try .stored($0, table: Self.schema, column: "sanction") } } }
}
