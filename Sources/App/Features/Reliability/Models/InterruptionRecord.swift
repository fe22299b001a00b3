import Domain
import Fluent
import Foundation

/// One interruption of the imported history (rule REL-IMPORT): the record the reliability indices
/// count, kept as the file gave it.
final class InterruptionRecord: Model, @unchecked Sendable {
  static let schema = "interruption_records"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @OptionalField(key: "created_at") var createdAt: Date?

  // MARK: fields
  /// The id the exporting system gave the interruption; unique, so importing again adds nothing.
  @Field(key: "external_id") var externalID: String
  @EnumField(key: "type") var type: OutageType
  @Field(key: "cause") var cause: String
  @Field(key: "start_at") var startAt: Date
  @Field(key: "end_at") var endAt: Date
  @Field(key: "customers") var customers: Int

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}

  init(
    externalID: String, unitID: UUID, type: OutageType, cause: String, startAt: Date, endAt: Date, customers: Int, createdAt: Date
  ) {
    self.externalID = externalID
    self.$unit.id = unitID
    self.type = type
    self.cause = cause
    self.startAt = startAt
    self.endAt = endAt
    self.customers = customers
    self.createdAt = createdAt
  }

  var interruption: Interruption {
    Interruption(unitID: $unit.id, type: type, start: startAt, end: endAt, customers: customers)
  }
}
