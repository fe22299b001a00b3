import Domain
import Fluent
import Foundation

/// What a grid object is, rule OUT-GRID: a feeder (馈线), a transformer area (台区) on a feeder,
/// or a line (线路).
enum GridObjectKind: String, Codable, Sendable, CaseIterable {
  case feeder
  case transformerArea = "transformer_area"
  case line
}

/// A piece of the grid that an outage can switch off, with the customers it serves (OUT-GRID).
/// Grid objects are data, imported with the customer file.
final class GridObject: Model, @unchecked Sendable {
  static let schema = "grid_objects"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @EnumField(key: "kind") var kind: GridObjectKind
  /// The name the marketing system gives it ("10kV城关线", "城关1号台区").
  @Field(key: "code") var code: String
  /// The feeder a transformer area hangs on; nil for a feeder.
  @OptionalField(key: "feeder_id") var feederID: UUID?

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}

  init(id: UUID = UUID(), kind: GridObjectKind, code: String, unitID: UUID, feederID: UUID?) {
    self.id = id
    self.kind = kind
    self.code = code
    self.$unit.id = unitID
    self.feederID = feederID
  }
}

/// A customer of the marketing system's file and where it hangs on the grid (OUT-GRID).
final class GridCustomer: Model, @unchecked Sendable {
  static let schema = "grid_customers"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?

  // MARK: fields
  @Field(key: "account") var account: String
  @Field(key: "name") var name: String
  @OptionalField(key: "phone") var phone: String?
  @Field(key: "feeder_id") var feederID: UUID
  @OptionalField(key: "transformer_area_id") var transformerAreaID: UUID?
  @OptionalEnumField(key: "important_class") var importantClass: ImportantClass?

  // MARK: relations
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}
}
