import Fluent
import Foundation
import Vapor

/// What happened to an entity.
enum AuditAction: String, Codable, Sendable, CaseIterable {
  case create
  case update
  case delete
  case stateChange = "state_change"
}

/// What kind of record an audit row is about, in the order the audit filter lists them.
enum AuditEntity: String, Codable, Sendable, CaseIterable {
  case workOrder = "work_order"
  case workOrderAttachment = "work_order_attachment"
  case workOrderNote = "work_order_note"
  case unit
  case department
  case user
  case apiToken = "api_token"
  case calendar
  case calendarYear = "calendar_year"
  case calendarDay = "calendar_day"
  case roster
  case surveyWave = "survey_wave"
  case surveyTarget = "survey_target"
  case surveySample = "survey_sample"
  case surveyResponse = "survey_response"
  case surveyResults = "survey_results"
  case analysisRun = "analysis_run"
  case penaltyRuleVersion = "penalty_rule_version"
  case accountabilityCase = "accountability_case"
  case performancePay = "performance_pay"
  case inspection
  case inspectionFinding = "inspection_finding"
  case inspectionFindingPhoto = "inspection_finding_photo"
  case scorecardRuleVersion = "scorecard_rule_version"
  case importedScores = "imported_scores"
  case interruptionHistory = "interruption_history"
  case gridCustomers = "grid_customers"
  case outage
  case reliabilitySettingVersion = "reliability_setting_version"
  case noticeLimitVersion = "notice_limit_version"
  case commitmentRuleVersion = "commitment_rule_version"
  case connectionApplication = "connection_application"
}

/// The append-only record of every create, update and state change. There is no code path that
/// updates or deletes it, and database triggers refuse both.
enum AuditLog {
  static func record<Before: Encodable, After: Encodable>(
    _ action: AuditAction, entity: AuditEntity, id: String, actor: Actor?, before: Before?, after: After?,
    on db: any Database, at time: Date
  ) async throws {
    let row = AuditRecord(
      at: time, actorID: actor?.userID, actorName: actor?.username ?? "system", action: action,
      entity: entity, entityID: id, before: try snapshot(before), after: try snapshot(after))
    try await row.insert(on: db, now: time)
  }

  static func snapshot<T: Encodable>(_ value: T?) throws -> String? {
    guard let value else { return nil }
    return try JSONCoding.encode(value)
  }
}

/// For audit calls that have no snapshot on one side.
struct NoSnapshot: Encodable {}

final class AuditRecord: Model, @unchecked Sendable {
  static let schema = "audit_records"

  @ID(key: .id) var id: UUID?
  @Field(key: "at") var at: Date
  @OptionalField(key: "actor_id") var actorID: UUID?
  @Field(key: "actor_name") var actorName: String
  @EnumField(key: "action") var action: AuditAction
  @EnumField(key: "entity") var entity: AuditEntity
  @Field(key: "entity_id") var entityID: String
  @OptionalField(key: "before") var before: String?
  @OptionalField(key: "after") var after: String?

  init() {}

  init(
    at: Date, actorID: UUID?, actorName: String, action: AuditAction, entity: AuditEntity, entityID: String, before: String?, after: String?
  ) {
    self.at = at
    self.actorID = actorID
    self.actorName = actorName
    self.action = action
    self.entity = entity
    self.entityID = entityID
    self.before = before
    self.after = after
  }
}

extension AuditRecord: DirectlyInserted {
  var storedProperties: [any AnyDatabaseProperty] { [$id, $at, $actorID, $actorName, $action, $entity, $entityID, $before, $after] }
}

struct CreateAuditRecords: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(AuditRecord.schema)
      .id()
      .field("at", .datetime, .required)
      .field("actor_id", .uuid)
      .field("actor_name", .string, .required)
      .field("action", .string, .required)
      .field("entity", .string, .required)
      .field("entity_id", .string, .required)
      .field("before", .string)
      .field("after", .string)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(AuditRecord.schema).delete()
  }
}
