import Domain
import Fluent
import Foundation

/// A unit of the supply organisation (company, city, county, station, hall, team).
final class OrgUnit: Model, @unchecked Sendable {
  static let schema = "units"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

  // MARK: fields
  @Field(key: "code") var code: String
  @Field(key: "name") var name: String
  @EnumField(key: "kind") var kind: UnitKind
  /// "/<root id>/…/<own id>/": the subtree is a prefix match.
  @Field(key: "path") var path: String
  /// Customers served directly by this unit (not its subtree), for complaints per 10,000
  /// customers.
  @Field(key: "customer_count") var customerCount: Int
  /// The duty phone (值班电话) that SMS 催办 for this unit go to.
  @OptionalField(key: "duty_phone") var dutyPhone: String?
  /// Urban or rural for the DL/T 836 indices (rule REL-URBAN-RURAL); nil: neither.
  @OptionalEnumField(key: "supply_area") var supplyArea: SupplyArea?

  // MARK: relations
  @OptionalParent(key: "parent_id") var parent: OrgUnit?

  init() {}

  init(id: UUID = UUID(), code: String, name: String, kind: UnitKind, parent: OrgUnit?) {
    self.id = id
    self.code = code
    self.name = name
    self.kind = kind
    self.customerCount = 0
    self.$parent.id = parent?.id
    self.path = (parent.map { UnitPath(value: $0.path).child(id: id) } ?? UnitPath.root(id: id)).value
  }

  var unitPath: UnitPath { UnitPath(value: path) }
}

extension OrgUnit {
  /// The units an actor may see: their own subtree, or everything for admins.
  static func visible(to actor: Actor, on db: any Database) async throws -> [OrgUnit] {
    let query = OrgUnit.query(on: db)
    if !actor.isAdmin { query.filter(\.$path =~ actor.unitPath.value) }
    return try await query.sort(\.$code).all()
  }

  /// One unit, refused with 404 when missing and 403 when outside the actor's subtree.
  static func findVisible(_ id: UUID?, for actor: Actor, on db: any Database) async throws -> OrgUnit {
    guard let id, let unit = try await OrgUnit.find(id, on: db) else { throw AppError.notFound("entity.unit") }
    try actor.requireVisible(unit.unitPath)
    return unit
  }

  static func children(of id: UUID, on db: any Database) async throws -> [OrgUnit] {
    try await OrgUnit.query(on: db).filter(\.$parent.$id == id).sort(\.$code).all()
  }
}
