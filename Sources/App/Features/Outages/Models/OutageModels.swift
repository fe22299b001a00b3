import Domain
import Fluent
import Foundation

/// An outage in the register (OUT-REGISTER): its type, cause, grid object, times, state and the
/// customers it affects. People edit it concurrently, so every action claims its `version`.
final class Outage: Model, @unchecked Sendable {
  static let schema = "outages"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "version") var version: Int
  @Field(key: "registered_at") var registeredAt: Date

  // MARK: fields
  @EnumField(key: "type") var type: OutageType
  @Field(key: "cause") var cause: String
  @EnumField(key: "state") var state: OutageState
  /// The planned start, or the actual start of an outage registered once under way.
  @Field(key: "start_at") var startAt: Date
  @Field(key: "announced_restoration_at") var announcedRestorationAt: Date
  @OptionalField(key: "actual_start_at") var actualStartAt: Date?
  @OptionalField(key: "restored_at") var restoredAt: Date?
  @Field(key: "registered_by") var registeredBy: String
  @Field(key: "customers_affected") var customersAffected: Int
  /// Registered after its notice deadline: a commitment breach (OUT-NOTICE-LIMITS).
  @Field(key: "notice_breach") var noticeBreach: Bool
  @OptionalField(key: "cancel_reason") var cancelReason: String?

  // MARK: relations
  @Parent(key: "grid_object_id") var gridObject: GridObject
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}

/// One affected customer of an outage, copied from the customer file when the outage was
/// registered (the record keeps who was affected), with the notice sent and the restoration.
final class OutageCustomer: Model, @unchecked Sendable {
  static let schema = "outage_customers"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "outage_id") var outageID: UUID
  @Field(key: "customer_id") var customerID: UUID
  @Field(key: "account") var account: String
  @Field(key: "name") var name: String
  @OptionalField(key: "phone") var phone: String?
  @OptionalEnumField(key: "important_class") var importantClass: ImportantClass?
  @OptionalField(key: "transformer_area_id") var transformerAreaID: UUID?
  /// Back in supply: earlier than the outage for a step restoration (OUT-STEP-RESTORE).
  @OptionalField(key: "restored_at") var restoredAt: Date?
  /// The outbox SMS of the notice (OUT-NOTICES) and when it was queued.
  @OptionalField(key: "notice_message_id") var noticeMessageID: UUID?
  @OptionalField(key: "notice_queued_at") var noticeQueuedAt: Date?
  /// Whether that notice was queued by the limit that applies (OUT-NOTICE-RATE).
  @Field(key: "notice_in_time") var noticeInTime: Bool
  /// The latest follow-up SMS (a delayed restoration, OUT-FOLLOW-UP).
  @OptionalField(key: "followup_message_id") var followupMessageID: UUID?
  /// Important customers are also called (OUT-NOTICES): when the call was made.
  @OptionalField(key: "called_at") var calledAt: Date?

  init() {}
}

/// A step restoration: the customers of one transformer area back before the rest (OUT-STEP-RESTORE).
final class OutageRestorationStep: Model, @unchecked Sendable {
  static let schema = "outage_restoration_steps"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "outage_id") var outageID: UUID
  @Field(key: "grid_object_id") var gridObjectID: UUID
  @Field(key: "restored_at") var restoredAt: Date
  @Field(key: "customers") var customers: Int
  @Field(key: "recorded_by") var recordedBy: String

  init() {}
}

/// A fault-repair order taken for a customer under the outage (OUT-GROUPED-CALLS).
final class OutageRepairOrder: Model, @unchecked Sendable {
  static let schema = "outage_repair_orders"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "outage_id") var outageID: UUID
  @Field(key: "work_order_id") var workOrderID: UUID
  @Field(key: "number") var number: String
  @Field(key: "attached_at") var attachedAt: Date

  init() {}
}
