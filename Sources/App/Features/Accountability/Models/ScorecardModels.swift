import Domain
import Fluent
import Foundation

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
