import Domain
import Fluent
import Foundation

/// One import of a county company's customer roster (客户资料清单). Re-importing makes a new
/// version; only the current one is sampled from.
final class RosterVersion: Model, @unchecked Sendable {
  static let schema = "roster_versions"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  // MARK: fields
  @Field(key: "version") var version: Int
  @Field(key: "is_current") var isCurrent: Bool
  @Field(key: "file_name") var fileName: String
  @Field(key: "total_rows") var totalRows: Int
  @Field(key: "valid_rows") var validRows: Int
  @Field(key: "complete_rows") var completeRows: Int
  /// Every rejected line as JSON `[{"line","field","reason"}]`, so the report can be shown again.
  @Field(key: "rejected") var rejectedJSON: String
  @Field(key: "imported_by") var importedBy: String

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}

/// A customer on a roster version: what sampling draws from and interviewers call.
final class RosterCustomer: Model, @unchecked Sendable {
  static let schema = "roster_customers"

  // MARK: id
  @ID(custom: .id, generatedBy: .database) var id: Int?

  // MARK: fields
  @Field(key: "account") var account: String
  @Field(key: "name") var name: String
  @Field(key: "phone") var phone: String
  @OptionalField(key: "address") var address: String?
  @EnumField(key: "segment") var segment: CustomerSegment
  @OptionalEnumField(key: "voltage_class") var voltageClass: VoltageClass?
  @OptionalEnumField(key: "area_class") var areaClass: AreaClass?
  @Field(key: "is_complete") var isComplete: Bool

  // MARK: relations
  @Parent(key: "roster_version_id") var rosterVersion: RosterVersion
  /// The unit the customer belongs to (the county or one of its stations).
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}
