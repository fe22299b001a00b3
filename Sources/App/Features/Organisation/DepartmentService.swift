import Domain
import Fluent
import Vapor

/// Departments are company-wide data: everyone reads them, administrators change them.
enum DepartmentService {
  struct Input {
    var code: String?
    var nameZh: String?
    var nameEn: String?
    var modules: [String]?
  }

  static func validate(_ input: Input, existing: Department?, on db: any Database) async throws -> (String, String, String, [ServiceModule])
  {
    var errors = FieldErrors()
    let code =
      (input.code == nil ? existing?.code : nil) ?? Validate.identifier(input.code, field: "code", max: Limits.code, into: &errors)
    let nameZh =
      (input.nameZh == nil ? existing?.nameZh : nil) ?? Validate.text(input.nameZh, field: "nameZh", max: Limits.name, into: &errors)
    let nameEn =
      (input.nameEn == nil ? existing?.nameEn : nil) ?? Validate.text(input.nameEn, field: "nameEn", max: Limits.name, into: &errors)
    var modules = existing?.modules ?? []
    if let codes = input.modules {
      modules = []
      for code in codes {
        guard let module = ServiceModule(rawValue: code) else {
          errors.add("modules", "department.error.unknown_module", code)
          continue
        }
        modules.append(module)
      }
    }
    guard errors.isEmpty else { throw ValidationFailure(errors: errors) }
    if code != existing?.code, try await Department.query(on: db).filter(\.$code == code).count() > 0 {
      throw AppError.conflict("code", "department.error.code_taken", code)
    }
    return (code, nameZh, nameEn, modules)
  }

  static func create(_ input: Input, actor: Actor, on db: any Database, now: Date) async throws -> Department {
    try actor.require(.admin)
    let (code, nameZh, nameEn, modules) = try await validate(input, existing: nil, on: db)
    let department = Department(code: code, nameZh: nameZh, nameEn: nameEn, modules: modules)
    try await db.transaction { tx in
      try await department.create(on: tx)
      try await AuditLog.record(
        .create, entity: .department, id: department.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: DepartmentDTO(department), on: tx, at: now)
    }
    return department
  }

  static func update(_ department: Department, _ input: Input, actor: Actor, on db: any Database, now: Date) async throws {
    try actor.require(.admin)
    let before = try DepartmentDTO(department)
    let (code, nameZh, nameEn, modules) = try await validate(input, existing: department, on: db)
    department.code = code
    department.nameZh = nameZh
    department.nameEn = nameEn
    department.modules = modules
    try await db.transaction { tx in
      try await department.save(on: tx)
      try await AuditLog.record(
        .update, entity: .department, id: department.requireID().uuidString, actor: actor, before: before,
        after: DepartmentDTO(department), on: tx, at: now)
    }
  }

  static func delete(_ department: Department, actor: Actor, on db: any Database, now: Date) async throws {
    try actor.require(.admin)
    let before = try DepartmentDTO(department)
    try await db.transaction { tx in
      try await department.delete(on: tx)
      try await AuditLog.record(
        .delete, entity: .department, id: before.id.uuidString, actor: actor, before: before, after: NoSnapshot?.none, on: tx, at: now)
    }
  }

  static func find(_ req: Request) async throws -> Department {
    let id = try req.uuidParameter("departmentID", entity: "entity.department")
    guard let department = try await Department.find(id, on: req.db) else { throw AppError.notFound("entity.department") }
    return department
  }
}

struct DepartmentDTO: Content, Equatable {
  let id: UUID
  let code: String
  let nameZh: String
  let nameEn: String
  let modules: [String]

  init(_ d: Department) throws {
    id = try d.requireID()
    code = d.code
    nameZh = d.nameZh
    nameEn = d.nameEn
    modules = d.modules.map(\.rawValue)
  }
}

struct DepartmentRequest: Content {
  let code: String?
  let nameZh: String?
  let nameEn: String?
  let modules: [String]?

  var input: DepartmentService.Input { .init(code: code, nameZh: nameZh, nameEn: nameEn, modules: modules) }
}

/// `/api/v1/departments`.
enum DepartmentsAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiDepartments.components, use: list)
    api.post(Paths.apiDepartments.components, use: create)
    api.get(Paths.apiDepartment.components, use: show)
    api.patch(Paths.apiDepartment.components, use: update)
    api.delete(Paths.apiDepartment.components, use: delete)
  }

  @Sendable static func list(req: Request) async throws -> ListResponse<DepartmentDTO> {
    _ = try req.actor
    return ListResponse(items: try await Department.query(on: req.db).sort(\.$code).all().map(DepartmentDTO.init))
  }

  @Sendable static func show(req: Request) async throws -> DepartmentDTO {
    try DepartmentDTO(try await DepartmentService.find(req))
  }

  @Sendable static func create(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let body = try req.content.decode(DepartmentRequest.self)
    let department = try await DepartmentService.create(body.input, actor: try req.actor, on: req.db, now: req.now)
    return try await DepartmentDTO(department).encodeResponse(status: .created, for: req)
  }

  @Sendable static func update(req: Request) async throws -> DepartmentDTO {
    try req.actor.require(.admin)
    let department = try await DepartmentService.find(req)
    let body = try req.content.decode(DepartmentRequest.self)
    try await DepartmentService.update(department, body.input, actor: try req.actor, on: req.db, now: req.now)
    return try DepartmentDTO(department)
  }

  @Sendable static func delete(req: Request) async throws -> HTTPStatus {
    try req.actor.require(.admin)
    try await DepartmentService.delete(try await DepartmentService.find(req), actor: try req.actor, on: req.db, now: req.now)
    return .noContent
  }
}
