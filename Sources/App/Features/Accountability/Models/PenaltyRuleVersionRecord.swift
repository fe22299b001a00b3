import Domain
import Fluent
import Foundation

/// One stored version of the penalty rules (ACC-RULE-VERSIONS): the rule set is a Domain
/// document kept as JSON; what is looked up by (number, effective day) has columns.
final class PenaltyRuleVersionRecord: Model, @unchecked Sendable {
  static let schema = "penalty_rule_versions"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "number") var number: Int
  /// "YYYY-MM-DD", Beijing civil date.
  @Field(key: "effective_from") var effectiveFrom: String
  /// `PenaltyRuleSet` as JSON.
  @Field(key: "rules") var rulesJSON: String
  /// nil for the version the migration seeded.
  @OptionalField(key: "created_by") var createdBy: UUID?

  init() {}

  init(_ version: PenaltyRuleVersion, createdBy: UUID?, at time: Date) throws {
    number = version.number
    effectiveFrom = version.effectiveFrom.description
    rulesJSON = try JSONCoding.encode(version.rules)
    self.createdBy = createdBy
    createdAt = time
  }

  /// The Domain value; a stored value that does not read back is an error naming the table.
  func domain() throws -> PenaltyRuleVersion {
    guard let day = CivilDate(iso: effectiveFrom) else {
      throw UnknownStoredValue(table: Self.schema, column: "effective_from", value: effectiveFrom)
    }
    let rules: PenaltyRuleSet
    do {
      rules = try JSONCoding.decode(PenaltyRuleSet.self, rulesJSON)
    } catch {
      throw UnknownStoredValue(table: Self.schema, column: "rules", value: "version \(number): \(error)")
    }
    return PenaltyRuleVersion(number: number, effectiveFrom: day, rules: rules)
  }
}
