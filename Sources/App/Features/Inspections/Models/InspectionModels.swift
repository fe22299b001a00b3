import Domain
import Fluent
import Foundation

/// One line of the checklist (INSP-CHECKLIST). Items are data: a company adds, renames or retires them.
final class ChecklistItemRow: Model, @unchecked Sendable {
  static let schema = "inspection_checklist_items"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "code") var code: String
  @Field(key: "name") var name: String
  @Field(key: "position") var position: Int
  @Field(key: "active") var active: Bool

  init() {}

  init(code: String, name: String, position: Int) {
    self.code = code
    self.name = name
    self.position = position
    self.active = true
  }
}

/// A visit to a station (明查暗访) with the result of each checklist item.
final class Inspection: Model, @unchecked Sendable {
  static let schema = "inspections"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?

  // MARK: fields
  @Field(key: "visited_on") var visitedOn: String
  @EnumField(key: "method") var method: InspectionMethod
  @Field(key: "inspector_id") var inspectorID: UUID
  @Field(key: "inspector_name") var inspectorName: String
  @Field(key: "summary") var summary: String

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit
  @Children(for: \.$inspection) var checks: [InspectionCheck]
  @Children(for: \.$inspection) var findings: [InspectionFinding]

  init() {}

  var visitDay: CivilDate? { CivilDate(iso: visitedOn) }
}

/// Whether one checklist item was met on one inspection.
final class InspectionCheck: Model, @unchecked Sendable {
  static let schema = "inspection_checks"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "passed") var passed: Bool

  // MARK: relations
  @Parent(key: "inspection_id") var inspection: Inspection
  @Parent(key: "item_id") var item: ChecklistItemRow

  init() {}
}

/// Something an inspection found wrong, to be rectified by the responsible unit (and person) by the deadline
/// (INSP-FINDING).
final class InspectionFinding: Model, @unchecked Sendable {
  static let schema = "inspection_findings"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Field(key: "version") var version: Int

  // MARK: fields
  @Field(key: "description") var description: String
  @Field(key: "deadline") var deadline: String
  @EnumField(key: "state") var state: FindingState
  @OptionalField(key: "responsible_user_id") var responsibleUserID: UUID?
  @OptionalField(key: "responsible_name") var responsibleName: String?
  @OptionalField(key: "evidence") var evidence: String?
  @OptionalField(key: "rectified_at") var rectifiedAt: Date?
  @OptionalField(key: "reopen_reason") var reopenReason: String?
  @OptionalField(key: "closed_at") var closedAt: Date?
  @OptionalField(key: "closed_by_name") var closedByName: String?
  @OptionalField(key: "reminded_on") var remindedOn: String?

  // MARK: relations
  @Parent(key: "inspection_id") var inspection: Inspection
  @OptionalParent(key: "item_id") var item: ChecklistItemRow?
  /// The responsible unit: the inspected station unless the inspector named another unit in its subtree.
  @Parent(key: "unit_id") var unit: OrgUnit
  @Children(for: \.$finding) var photos: [FindingPhoto]

  init() {}

  var deadlineDay: CivilDate? { CivilDate(iso: deadline) }
}

/// A photo of a finding (taken at the visit) or of its rectification, stored once by its checksum.
final class FindingPhoto: Model, @unchecked Sendable {
  static let schema = "inspection_finding_photos"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "file_name") var fileName: String
  @Field(key: "content_type") var contentType: String
  @Field(key: "size") var size: Int
  @Field(key: "sha256") var sha256: String
  @Field(key: "storage_path") var storagePath: String
  @Field(key: "uploaded_by") var uploadedBy: String
  @Field(key: "uploaded_at") var uploadedAt: Date

  // MARK: relations
  @Parent(key: "finding_id") var finding: InspectionFinding

  init() {}
}
