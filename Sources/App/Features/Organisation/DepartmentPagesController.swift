import Domain
import Fluent
import Vapor

struct DepartmentsPage: Encodable {
  struct Row: Encodable {
    let code: String
    let name: String
    let moduleKeys: [String]
    let editHref: String
  }
  let chrome: Chrome
  let rows: [Row]
  let newHref: String
}

struct DepartmentFormPage: Encodable {
  let chrome: Chrome
  let isNew: Bool
  let action: String
  let deleteAction: String
  let values: [String: String]
  let modules: [Choice]
  let errors: [String: String]
}

/// Admin pages for the departments and their module responsibilities.
enum DepartmentPagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.departments.components, use: list)
    pages.get(Paths.departmentNew.components, use: newForm)
    pages.post(Paths.departmentNew.components, use: create)
    pages.get(Paths.departmentEdit.components, use: editForm)
    pages.post(Paths.departmentEdit.components, use: update)
    pages.post(Paths.departmentDelete.components, use: delete)
  }

  struct Form: Content {
    var code: String?
    var nameZh: String?
    var nameEn: String?
    var modules: [String]?

    var input: DepartmentService.Input { .init(code: code, nameZh: nameZh, nameEn: nameEn, modules: modules ?? []) }
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let locale = req.locale
    let rows = try await Department.query(on: req.db).sort(\.$code).all().map {
      DepartmentsPage.Row(
        code: $0.code, name: $0.name(locale: locale), moduleKeys: $0.modules.map { "module.\($0.rawValue)" },
        editHref: Paths.departmentEdit.link(try $0.requireID()))
    }
    return try await req.page(
      "departments/list",
      DepartmentsPage(chrome: try await .make(for: req, titleKey: "departments.title"), rows: rows, newHref: Paths.departmentNew.link()))
  }

  static func form(
    _ req: Request, department: Department?, form: Form, errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let chosen = Set(form.modules ?? [])
    let page = DepartmentFormPage(
      chrome: try await .make(for: req, titleKey: department == nil ? "departments.new" : "departments.edit"),
      isNew: department == nil,
      action: try department.map { Paths.departmentEdit.link(try $0.requireID()) } ?? Paths.departmentNew.link(),
      deleteAction: try department.map { Paths.departmentDelete.link(try $0.requireID()) } ?? "",
      values: ["code": form.code ?? "", "nameZh": form.nameZh ?? "", "nameEn": form.nameEn ?? ""],
      modules: ServiceModule.allCases.map {
        Choice(value: $0.rawValue, labelKey: "module.\($0.rawValue)", selected: chosen.contains($0.rawValue))
      },
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("departments/form", page, status: status)
  }

  @Sendable static func newForm(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    return try await form(req, department: nil, form: Form())
  }

  @Sendable static func editForm(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let d = try await DepartmentService.find(req)
    return try await form(
      req, department: d, form: Form(code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, modules: d.modules.map(\.rawValue)))
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let input = try req.content.decode(Form.self)
    return try await req.submitForm {
      _ = try await DepartmentService.create(input.input, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.departments.link())
    } showAgain: { errors, status in
      try await form(req, department: nil, form: input, errors: errors, status: status)
    }
  }

  @Sendable static func update(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let department = try await DepartmentService.find(req)
    let input = try req.content.decode(Form.self)
    return try await req.submitForm {
      try await DepartmentService.update(department, input.input, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.departments.link())
    } showAgain: { errors, status in
      try await form(req, department: department, form: input, errors: errors, status: status)
    }
  }

  struct DeleteForm: Content {
    var confirm: String?
  }

  /// Deleting cannot be undone: without the ticked confirmation the edit page comes back with
  /// the error beside the box.
  @Sendable static func delete(req: Request) async throws -> Response {
    let actor = try req.actor
    try actor.require(.admin)
    let department = try await DepartmentService.find(req)
    let confirm = try req.content.decode(DeleteForm.self).confirm
    return try await req.submitForm {
      try FormConfirmation.require(confirm)
      try await DepartmentService.delete(department, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.departments.link())
    } showAgain: { errors, status in
      let values = Form(
        code: department.code, nameZh: department.nameZh, nameEn: department.nameEn, modules: department.modules.map(\.rawValue))
      return try await form(req, department: department, form: values, errors: errors, status: status)
    }
  }
}
