import Domain
import Foundation
import Vapor

/// A unit as the API shows it (and as the audit log records it).
struct UnitDTO: Content, Equatable {
  let id: UUID
  let code: String
  let name: String
  let kind: UnitKind
  let parentId: UUID?
  let customerCount: Int
  let dutyPhone: String?
  /// REL-URBAN-RURAL.
  let supplyArea: SupplyArea?

  init(_ unit: OrgUnit) throws {
    id = try unit.requireID()
    code = unit.code
    name = unit.name
    kind = unit.kind
    parentId = unit.$parent.id
    customerCount = unit.customerCount
    dutyPhone = unit.dutyPhone
    supplyArea = unit.supplyArea
  }

  /// `parentId` is always present, `null` for a root, so clients see every documented field.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(code, forKey: .code)
    try c.encode(name, forKey: .name)
    try c.encode(kind, forKey: .kind)
    try c.encode(parentId, forKey: .parentId)
    try c.encode(customerCount, forKey: .customerCount)
    try c.encode(dutyPhone, forKey: .dutyPhone)
    try c.encode(supplyArea, forKey: .supplyArea)
  }
}

struct UnitCreateRequest: Content {
  let code: String
  let name: String
  let kind: String
  let parentId: UUID?
  let customerCount: Int?
  let dutyPhone: String?
  let supplyArea: String?
}

struct UnitUpdateRequest: Content {
  let code: String?
  let name: String?
  let parentId: UUID?
  let customerCount: Int?
  let dutyPhone: String?
  let supplyArea: String?
}
