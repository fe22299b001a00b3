import Fluent
import Foundation

/// Which model a saved run estimated.
enum AnalysisKind: String, Codable, Sendable, CaseIterable {
  case csi  // PLS path model with CSI index, quality measures and IPMA
  case ahp  // AHP judgment matrix: weights and consistency
}

/// One saved analysis: what went in (settings, a hash of the input bytes, where they came from),
/// what came out (the JSON `wanjia analyze … --json` prints) and the software that computed it.
/// Runs are never edited; a new estimate is a new run.
final class AnalysisRun: Model, @unchecked Sendable {
  static let schema = "analysis_runs"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  /// From the app's clock (tests use a fixed one).
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @EnumField(key: "kind") var kind: AnalysisKind
  @Field(key: "title") var title: String
  /// JSON object of the settings the run used.
  @Field(key: "settings") var settings: String
  /// SHA-256 (hex) of the input bytes: the uploaded CSV, the wave's item matrix as CSV, or the
  /// AHP input JSON.
  @Field(key: "input_hash") var inputHash: String
  /// File name or wave code.
  @Field(key: "input_description") var inputDescription: String
  @Field(key: "outputs") var outputs: String
  @Field(key: "software_version") var softwareVersion: String
  @Field(key: "created_by") var createdBy: String

  // MARK: relations
  /// The unit whose subtree the run read: people whose subtree holds it may see the run.
  @Parent(key: "scope_unit_id") var scopeUnit: OrgUnit

  init() {}

  init(
    kind: AnalysisKind, title: String, settings: String, inputHash: String, inputDescription: String, outputs: String,
    createdBy: String, createdAt: Date, scopeUnitID: UUID
  ) {
    self.kind = kind
    self.title = title
    self.settings = settings
    self.inputHash = inputHash
    self.inputDescription = inputDescription
    self.outputs = outputs
    self.softwareVersion = WanjiaVersion.current
    self.createdBy = createdBy
    self.createdAt = createdAt
    self.$scopeUnit.id = scopeUnitID
  }

}
