import Foundation
import Vapor

/// A unit as the API shows it (and as the audit log records it).
struct UnitDTO: Content, Equatable {
  let id: UUID
  let code: String
  let name: String
  let kind: String
  let parentId: UUID?

  init(_ unit: OrgUnit) {
    id = unit.id!
    code = unit.code
    name = unit.name
    kind = unit.kind
    parentId = unit.$parent.id
  }
}

struct UnitCreateRequest: Content {
  let code: String
  let name: String
  let kind: String
  let parentId: UUID?
}

struct UnitUpdateRequest: Content {
  let code: String?
  let name: String?
  let parentId: UUID?
}

struct ListResponse<Item: Content>: Content {
  let items: [Item]
}
