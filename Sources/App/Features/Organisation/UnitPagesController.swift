import Fluent
import Vapor

/// Unit pages: the tree, one unit, and the admin forms.
enum UnitPagesController {
  /// The new-unit form can start under a chosen parent.
  static let parentParameter = QueryParameter<UUID>.uuid("parentId")

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.units.components, use: list)
    pages.get(Paths.unit.components, use: show)
    pages.get(Paths.unitNew.components, use: newForm).query(parentParameter)
    pages.post(Paths.unitNew.components, use: create)
    pages.get(Paths.unitEdit.components, use: editForm)
    pages.post(Paths.unitEdit.components, use: update)
    pages.post(Paths.unitDelete.components, use: delete)
  }

  struct Form: Content {
    var code: String?
    var name: String?
    var kind: String?
    var parentId: String?
    var customerCount: String?
    var dutyPhone: String?
    var supplyArea: String?

    var input: UnitService.Input {
      .init(
        code: code, name: name, kind: kind, parentID: parentId, customerCount: customerCount, dutyPhone: dutyPhone ?? "",
        supplyArea: supplyArea ?? "")
    }
    var values: UnitFormPage.Values {
      .init(
        code: code ?? "", name: name ?? "", kind: kind ?? "", parentId: parentId ?? "", customerCount: customerCount ?? "",
        dutyPhone: dutyPhone ?? "", supplyArea: supplyArea ?? "")
    }
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try await req.page("units/list", UnitsPage.build(for: req))
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await req.page("units/show", UnitPage.build(for: req, id: req.uuidParameter("unitID", entity: "entity.unit")))
  }

  @Sendable static func newForm(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let parent = try req.query(parentParameter)?.uuidString ?? ""
    return try await req.page("units/form", UnitFormPage.build(for: req, unit: nil, values: .init(parentId: parent)))
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let form = try req.content.decode(Form.self)
    return try await req.submitForm {
      let unit = try await UnitService.create(form.input, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.unit.link(try unit.requireID()))
    } showAgain: { errors, status in
      try await req.page(
        "units/form", UnitFormPage.build(for: req, unit: nil, values: form.values, errors: errors), status: status)
    }
  }

  @Sendable static func editForm(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let unit = try await OrgUnit.findVisible(req.uuidParameter("unitID", entity: "entity.unit"), for: actor, on: req.db)
    let values = UnitFormPage.Values(
      code: unit.code, name: unit.name, kind: unit.kind.rawValue, parentId: unit.$parent.id?.uuidString ?? "",
      customerCount: String(unit.customerCount), dutyPhone: unit.dutyPhone ?? "", supplyArea: unit.supplyArea?.rawValue ?? "")
    return try await req.page("units/form", UnitFormPage.build(for: req, unit: unit, values: values))
  }

  @Sendable static func update(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let unit = try await OrgUnit.findVisible(req.uuidParameter("unitID", entity: "entity.unit"), for: actor, on: req.db)
    var form = try req.content.decode(Form.self)
    form.kind = unit.kind.rawValue
    return try await req.submitForm {
      try await UnitService.update(unit, form.input, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.unit.link(try unit.requireID()))
    } showAgain: { errors, status in
      try await req.page(
        "units/form", UnitFormPage.build(for: req, unit: unit, values: form.values, errors: errors), status: status)
    }
  }

  struct DeleteForm: Content {
    var confirm: String?
  }

  /// Deleting cannot be undone: the form's confirmation box must be ticked. A refusal (no tick,
  /// or a unit that still has children or users) shows the unit page again with the reason.
  @Sendable static func delete(req: Request) async throws -> Response {
    let actor = try req.actor
    let id = try req.uuidParameter("unitID", entity: "entity.unit")
    let unit = try await OrgUnit.findVisible(id, for: actor, on: req.db)
    let parentID = unit.$parent.id
    let form = try req.content.decode(DeleteForm.self)
    return try await req.submitForm {
      try actor.require(.admin)
      try FormConfirmation.require(form.confirm)
      try await UnitService.delete(unit, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: parentID.map { Paths.unit.link($0) } ?? Paths.units.link())
    } showAgain: { errors, status in
      try await req.page("units/show", UnitPage.build(for: req, id: id, errors: errors), status: status)
    }
  }
}

extension AppError {
  /// A field-specific error (a taken code, say) shown beside its field on a form.
  var asFieldErrors: FieldErrors {
    var errors = FieldErrors()
    if let field { errors.add(field, messageKey, args: args) }
    return errors
  }
}
