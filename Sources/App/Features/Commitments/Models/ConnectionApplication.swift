import Domain
import Fluent
import Foundation

/// A connection application (业扩报装, rule COM-APPLICATION): the customer, what is asked for, who
/// accepts it (COM-ACCEPTANCE-LEVEL) and the commitment version it is judged by (COM-EDITIONS).
final class ConnectionApplication: Model, @unchecked Sendable {
  static let schema = "connection_applications"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "version") var version: Int
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "number") var number: String
  /// The application's id in the marketing system, for its daily import (COM-IMPORT).
  @OptionalField(key: "external_id") var externalID: String?
  @EnumField(key: "kind") var kind: ApplicationKind
  @Field(key: "customer_account") var customerAccount: String
  @Field(key: "customer_name") var customerName: String
  @OptionalField(key: "customer_phone") var customerPhone: String?
  @EnumField(key: "connection_class") var connectionClass: ConnectionClass
  @EnumField(key: "voltage") var voltage: VoltageClass
  @Field(key: "capacity_kw") var capacityKW: Double
  @EnumField(key: "acceptance_level") var acceptanceLevel: AcceptanceLevel
  /// The commitment rule version in force on the day the application was accepted.
  @Field(key: "rule_version") var ruleVersion: Int
  @Field(key: "created_by") var createdBy: String

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}

/// One stage of an application with its start and finish as recorded.
final class ConnectionStageRecord: Model, @unchecked Sendable {
  static let schema = "connection_stages"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "recorded_at") var recordedAt: Date

  // MARK: fields
  @Field(key: "application_id") var applicationID: UUID
  @EnumField(key: "stage") var stage: CommitmentStage
  @OptionalField(key: "started_at") var startedAt: Date?
  @OptionalField(key: "finished_at") var finishedAt: Date?
  @Field(key: "recorded_by") var recordedBy: String

  init() {}
}

/// A wait the customer caused (COM-PAUSE): it moves the application's running clocks.
final class ConnectionWait: Model, @unchecked Sendable {
  static let schema = "connection_waits"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "application_id") var applicationID: UUID
  @Field(key: "started_at") var startedAt: Date
  @OptionalField(key: "ended_at") var endedAt: Date?
  @Field(key: "reason") var reason: String
  @Field(key: "recorded_by") var recordedBy: String

  init() {}
}
