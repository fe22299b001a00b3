import Domain
import Fluent
import Vapor

/// What pages and API share when units are created, changed or removed: validation, scope,
/// the audit record, all in one transaction.
enum UnitService {
  struct Input {
    var code: String?
    var name: String?
    var kind: String?
    var parentID: String?
    var customerCount: String?
    var dutyPhone: String?
    /// `urban`, `rural`, empty for none (rule REL-URBAN-RURAL); nil keeps the current value.
    var supplyArea: String? = nil
  }

  /// A supply area: empty clears it, nil keeps it.
  static func supplyArea(_ raw: String?, into errors: inout FieldErrors) -> SupplyArea?? {
    guard let raw = raw?.trimmingCharacters(in: .whitespaces) else { return .none }
    if raw.isEmpty { return .some(nil) }
    guard let area = SupplyArea(rawValue: raw) else {
      errors.add("supplyArea", "validation.choice")
      return .none
    }
    return .some(area)
  }

  /// An optional duty phone: empty clears it.
  static func dutyPhone(_ raw: String?, into errors: inout FieldErrors) -> String?? {
    guard let raw else { return .none }
    let trimmed = raw.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return .some(nil) }
    return .some(Validate.phone(trimmed, field: "dutyPhone", into: &errors))
  }

  /// Customer counts are whole numbers from 0 to 100 million; empty keeps the current value.
  static func customerCount(_ raw: String?, into errors: inout FieldErrors) -> Int? {
    guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
    guard let n = Int(raw), (0...100_000_000).contains(n) else {
      errors.add("customerCount", "validation.integer")
      return nil
    }
    return n
  }

  static func create(_ input: Input, actor: Actor, on db: any Database, now: Date) async throws -> OrgUnit {
    try actor.require(.admin)
    var errors = FieldErrors()
    let code = Validate.identifier(input.code, field: "code", max: Limits.code, into: &errors)
    let name = Validate.text(input.name, field: "name", max: Limits.name, into: &errors)
    let kind = UnitKind(rawValue: input.kind ?? "")
    if kind == nil { errors.add("kind", "validation.choice") }
    let parent = try await findParent(input.parentID, into: &errors, on: db)
    let count = customerCount(input.customerCount, into: &errors)
    let phone = dutyPhone(input.dutyPhone, into: &errors)
    let area = supplyArea(input.supplyArea, into: &errors)
    if let kind, errors.isEmpty, !kind.canBeChild(of: parent?.kind) {
      errors.add("parentId", "unit.error.parent_kind")
    }
    if errors.isEmpty, try await OrgUnit.query(on: db).filter(\.$code == code).count() > 0 {
      throw AppError.conflict("code", "unit.error.code_taken", code)
    }
    guard errors.isEmpty, let kind else { throw ValidationFailure(errors: errors) }
    let unit = OrgUnit(code: code, name: name, kind: kind, parent: parent)
    unit.customerCount = count ?? 0
    if case .some(let p) = phone { unit.dutyPhone = p }
    if case .some(let a) = area { unit.supplyArea = a }
    try await db.transaction { tx in
      try await unit.create(on: tx)
      try await AuditLog.record(
        .create, entity: .unit, id: unit.requireID().uuidString, actor: actor, before: NoSnapshot?.none, after: UnitDTO(unit), on: tx,
        at: now)
    }
    return unit
  }

  static func update(_ unit: OrgUnit, _ input: Input, actor: Actor, on db: any Database, now: Date) async throws {
    try actor.require(.admin)
    let before = try UnitDTO(unit)
    var errors = FieldErrors()
    let code = input.code == nil ? unit.code : Validate.identifier(input.code, field: "code", max: Limits.code, into: &errors)
    let name = input.name == nil ? unit.name : Validate.text(input.name, field: "name", max: Limits.name, into: &errors)
    let count = customerCount(input.customerCount, into: &errors)
    let phone = dutyPhone(input.dutyPhone, into: &errors)
    let area = supplyArea(input.supplyArea, into: &errors)
    var newParent: OrgUnit?? = .none
    if let raw = input.parentID, raw != unit.$parent.id?.uuidString {
      let parent = try await findParent(raw, into: &errors, on: db)
      if let parent, unit.unitPath.contains(parent.unitPath) {
        errors.add("parentId", "unit.error.parent_cycle")
      } else if errors.isEmpty, !unit.kind.canBeChild(of: parent?.kind) {
        errors.add("parentId", "unit.error.parent_kind")
      }
      newParent = .some(parent)
    }
    if errors.isEmpty, code != unit.code,
      try await OrgUnit.query(on: db).filter(\.$code == code).count() > 0
    {
      throw AppError.conflict("code", "unit.error.code_taken", code)
    }
    guard errors.isEmpty else { throw ValidationFailure(errors: errors) }
    unit.code = code
    unit.name = name
    if let count { unit.customerCount = count }
    if case .some(let p) = phone { unit.dutyPhone = p }
    if case .some(let a) = area { unit.supplyArea = a }
    let relocation = newParent
    try await db.transaction { tx in
      if case .some(let parent) = relocation {
        try await move(unit, under: parent, on: tx)
      }
      try await unit.save(on: tx)
      try await AuditLog.record(
        .update, entity: .unit, id: unit.requireID().uuidString, actor: actor, before: before, after: UnitDTO(unit), on: tx, at: now)
    }
  }

  /// Deleting is refused while the unit still has children or users, so nothing is orphaned.
  static func delete(_ unit: OrgUnit, actor: Actor, on db: any Database, now: Date) async throws {
    try actor.require(.admin)
    let id = try unit.requireID()
    if try await OrgUnit.query(on: db).filter(\.$parent.$id == id).count() > 0 {
      throw AppError.conflict("children", "unit.error.has_children")
    }
    if try await User.query(on: db).filter(\.$unit.$id == id).count() > 0 {
      throw AppError.conflict("users", "unit.error.has_users")
    }
    let before = try UnitDTO(unit)
    try await db.transaction { tx in
      try await unit.delete(on: tx)
      try await AuditLog.record(
        .delete, entity: .unit, id: id.uuidString, actor: actor, before: before, after: NoSnapshot?.none, on: tx, at: now)
    }
  }

  private static func findParent(_ raw: String?, into errors: inout FieldErrors, on db: any Database) async throws -> OrgUnit? {
    guard let raw, !raw.isEmpty else { return nil }
    guard let id = UUID(uuidString: raw), let parent = try await OrgUnit.find(id, on: db) else {
      errors.add("parentId", "validation.unknown_reference")
      return nil
    }
    return parent
  }

  /// Re-roots the unit and rewrites the path of its whole subtree.
  private static func move(_ unit: OrgUnit, under parent: OrgUnit?, on db: any Database) async throws {
    let oldPrefix = unit.path
    let id = try unit.requireID()
    let newPrefix = (parent.map { $0.unitPath.child(id: id) } ?? UnitPath.root(id: id)).value
    let subtree = try await OrgUnit.query(on: db).filter(\.$path =~ oldPrefix).all()
    for member in subtree where member.id != unit.id {
      member.path = newPrefix + member.path.dropFirst(oldPrefix.count)
      try await member.save(on: db)
    }
    unit.$parent.id = parent?.id
    unit.path = newPrefix
  }
}
