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
  @EnumField(key: "cause_framework") var causeFramework: CauseFramework
  @Field(key: "cause_code") var causeCode: String
  @EnumField(key: "severity") var severity: Severity
  /// A channel code of the penalty rules; nil: the company's own channels.
  @OptionalField(key: "outside_channel") var outsideChannel: String?
  @EnumField(key: "state") var state: CaseState
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
  var cause: CaseCause { CaseCause(framework: causeFramework, code: causeCode) }
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
  @EnumField(key: "role") var role: ResponsibilityRole
  @OptionalField(key: "person_id") var personID: UUID?
  @OptionalField(key: "unit_id") var unitID: UUID?
  @Field(key: "min_fen") var minFen: Int
  @OptionalField(key: "max_fen") var maxFen: Int?
  @Field(key: "amount_fen") var amountFen: Int
  @OptionalEnumField(key: "sanction") var sanction: Sanction?
  /// "YYYY-MM-DD": the retraining exam passed, for a cause that requires one (ACC-GENERAL-CAUSES).
  @OptionalField(key: "exam_passed_on") var examPassedOn: String?

  // MARK: relations
  @Parent(key: "case_id") var accountabilityCase: AccountabilityCase

  init() {}
}
