import Domain
import Fluent
import Vapor

struct UnitRow: Encodable {
  let id: String
  let href: String
  let code: String
  let name: String
  let kindKey: String
  let depth: Int
  let customerCount: Int

  init(_ unit: OrgUnit, depth: Int = 0) throws {
    id = try unit.requireID().uuidString
    href = Paths.unit.link(try unit.requireID())
    code = unit.code
    name = unit.name
    kindKey = "unit.kind.\(unit.kind.rawValue)"
    self.depth = depth
    customerCount = unit.customerCount
  }
}

struct UnitsPage: Encodable {
  let chrome: Chrome
  let rows: [UnitRow]
  let canEdit: Bool
  let newHref: String

  /// The visible units as an indented tree: each unit under its parent, siblings by code.
  static func build(for req: Request) async throws -> UnitsPage {
    let actor = try req.actor
    let units = try await OrgUnit.visible(to: actor, on: req.db)
    let ids = Set(units.compactMap(\.id))
    var children: [UUID?: [OrgUnit]] = [:]
    for unit in units {
      // A unit whose parent is outside the visible set is a root of this view.
      let parent = unit.$parent.id.flatMap { ids.contains($0) ? $0 : nil }
      children[parent, default: []].append(unit)
    }
    var rows: [UnitRow] = []
    func walk(_ parent: UUID?, depth: Int) throws {
      for unit in (children[parent] ?? []).sorted(by: { $0.code < $1.code }) {
        rows.append(try UnitRow(unit, depth: depth))
        try walk(unit.id, depth: depth + 1)
      }
    }
    try walk(nil, depth: 0)
    return UnitsPage(
      chrome: try await .make(for: req, titleKey: "units.title"), rows: rows, canEdit: actor.isAdmin,
      newHref: Paths.unitNew.link())
  }
}

struct UnitPage: Encodable {
  struct Member: Encodable {
    let displayName: String
    let username: String
    let roleKeys: [String]
  }
  let chrome: Chrome
  let unit: UnitRow
  let parent: UnitRow?
  let children: [UnitRow]
  let members: [Member]
  let canEdit: Bool
  let editHref: String
  let deleteAction: String
  let errors: [String: String]
  var hasChildren: Bool { !children.isEmpty }
  var hasMembers: Bool { !members.isEmpty }

  enum CodingKeys: String, CodingKey {
    case chrome, unit, parent, children, members, canEdit, editHref, deleteAction, errors, hasChildren, hasMembers
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(chrome, forKey: .chrome)
    try c.encode(unit, forKey: .unit)
    try c.encodeIfPresent(parent, forKey: .parent)
    try c.encode(children, forKey: .children)
    try c.encode(members, forKey: .members)
    try c.encode(canEdit, forKey: .canEdit)
    try c.encode(editHref, forKey: .editHref)
    try c.encode(deleteAction, forKey: .deleteAction)
    try c.encode(errors, forKey: .errors)
    try c.encode(hasChildren, forKey: .hasChildren)
    try c.encode(hasMembers, forKey: .hasMembers)
  }

  static func build(for req: Request, id: UUID, errors: FieldErrors = .init()) async throws -> UnitPage {
    let actor = try req.actor
    let unit = try await OrgUnit.findVisible(id, for: actor, on: req.db)
    let parent = try await unit.$parent.get(on: req.db)
    let users = try await User.query(on: req.db).filter(\.$unit.$id == id).sort(\.$username).all()
    return UnitPage(
      chrome: try await .make(for: req, titleKey: "units.detail"),
      unit: try UnitRow(unit),
      parent: try parent.flatMap { actor.canSee($0.unitPath) ? try UnitRow($0) : nil },
      children: try await OrgUnit.children(of: id, on: req.db).map { try UnitRow($0) },
      members: users.map { Member(displayName: $0.displayName, username: $0.username, roleKeys: $0.roles.map { "role.\($0)" }) },
      canEdit: actor.isAdmin, editHref: Paths.unitEdit.link(id), deleteAction: Paths.unitDelete.link(id),
      errors: errors.localized(req.application.localizer, req.locale))
  }
}

struct UnitFormPage: Encodable {
  struct Values: Encodable {
    var code = ""
    var name = ""
    var kind = ""
    var parentId = ""
    var customerCount = ""
    var dutyPhone = ""
    var supplyArea = ""
  }
  let chrome: Chrome
  let isNew: Bool
  let action: String
  let values: Values
  let errors: [String: String]
  let kinds: [Choice]
  let parents: [Choice]
  let areas: [Choice]

  static func build(for req: Request, unit: OrgUnit?, values: Values, errors: FieldErrors = .init()) async throws -> UnitFormPage {
    let all = try await OrgUnit.query(on: req.db).sort(\.$code).all()
    let candidates = all.filter { candidate in
      guard let unit else { return true }
      return !unit.unitPath.contains(candidate.unitPath)
    }
    return UnitFormPage(
      chrome: try await .make(for: req, titleKey: unit == nil ? "units.new" : "units.edit"),
      isNew: unit == nil,
      action: try unit.map { Paths.unitEdit.link(try $0.requireID()) } ?? Paths.unitNew.link(),
      values: values,
      errors: errors.localized(req.application.localizer, req.locale),
      kinds: UnitKind.allCases.map {
        Choice(value: $0.rawValue, labelKey: "unit.kind.\($0.rawValue)", selected: $0.rawValue == values.kind)
      },
      parents: try candidates.map {
        Choice(
          value: try $0.requireID().uuidString, label: "\($0.name) (\($0.code))", selected: try $0.requireID().uuidString == values.parentId
        )
      },
      areas: [Choice(value: "", labelKey: "unit.supply_area.none", selected: values.supplyArea.isEmpty)]
        + SupplyArea.allCases.map {
          Choice(value: $0.rawValue, labelKey: "unit.supply_area.\($0.rawValue)", selected: $0.rawValue == values.supplyArea)
        })
  }
}
