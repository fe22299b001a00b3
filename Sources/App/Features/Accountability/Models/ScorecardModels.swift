import Domain
import Fluent
import Foundation

/// One stored version of the scorecard rules (ACC-SCORE-RULES): the rules are a Domain document
/// kept as JSON; number and effective day have columns.
final class ScorecardRuleVersionRecord: Model, @unchecked Sendable {
  static let schema = "scorecard_rule_versions"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "number") var number: Int
  /// "YYYY-MM-DD", Beijing civil date.
  @Field(key: "effective_from") var effectiveFrom: String
  /// `ScorecardRules` as JSON.
  @Field(key: "rules") var rulesJSON: String
  /// nil for the version the migration seeded.
  @OptionalField(key: "created_by") var createdBy: UUID?

  init() {}

  init(_ version: ScorecardRuleVersion, createdBy: UUID?, at time: Date) throws {
    number = version.number
    effectiveFrom = version.effectiveFrom.description
    rulesJSON = try JSONCoding.encode(version.rules)
    self.createdBy = createdBy
    createdAt = time
  }

  func domain() throws -> ScorecardRuleVersion {
    guard let day = CivilDate(iso: effectiveFrom) else {
      throw UnknownStoredValue(table: Self.schema, column: "effective_from", value: effectiveFrom)
    }
    let rules: ScorecardRules
    do {
      rules = try JSONCoding.decode(ScorecardRules.self, rulesJSON)
    } catch {
      throw UnknownStoredValue(table: Self.schema, column: "rules", value: "version \(number): \(error)")
    }
    return ScorecardRuleVersion(number: number, effectiveFrom: day, rules: rules)
  }
}

/// The kinds of result HR imports (ACC-SCORE-IMPORT).
enum ImportedScoreKind: String, Codable, Sendable, CaseIterable {
  case training, safety

  var evidence: ScoreEvidenceKind { self == .training ? .trainingResult : .safetyResult }
}

/// One imported training or safety result of a person (ACC-SCORE-IMPORT).
final class ImportedScore: Model, @unchecked Sendable {
  static let schema = "imported_scores"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "imported_at") var importedAt: Date

  // MARK: fields
  @EnumField(key: "kind") var kind: ImportedScoreKind
  /// "YYYY-MM-DD": the exam day, Beijing civil date.
  @Field(key: "exam_on") var examOn: String
  /// 0–1000: tenths of a point.
  @Field(key: "score_tenths") var scoreTenths: Int
  @Field(key: "title") var title: String
  /// The line of the imported file the row came from.
  @Field(key: "source_line") var sourceLine: Int
  @Field(key: "imported_by") var importedBy: UUID

  // MARK: relations
  @Parent(key: "person_id") var person: User

  init() {}
}
