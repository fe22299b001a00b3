import Domain
import Fluent
import Vapor

struct AuditEntryDTO: Content {
  let id: UUID
  let at: String
  let actor: String
  let action: AuditAction
  let entity: AuditEntity
  let entityId: String
  let before: String?
  let after: String?

  init(_ r: AuditRecord) throws {
    id = try r.requireID()
    at = BusinessTime.iso8601(r.at)
    actor = r.actorName
    action = r.action
    entity = r.entity
    entityId = r.entityID
    before = r.before
    after = r.after
  }
}

struct AuditPage: Encodable {
  struct Row: Encodable {
    let time: String
    let actor: String
    let actionKey: String
    let entityKey: String
    let entityHref: String?
    let changes: [AuditWording.Change]
    var hasChanges: Bool { !changes.isEmpty }

    enum CodingKeys: String, CodingKey { case time, actor, actionKey, entityKey, entityHref, changes, hasChanges }
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(time, forKey: .time)
      try c.encode(actor, forKey: .actor)
      try c.encode(actionKey, forKey: .actionKey)
      try c.encode(entityKey, forKey: .entityKey)
      try c.encodeIfPresent(entityHref, forKey: .entityHref)
      try c.encode(changes, forKey: .changes)
      try c.encode(hasChanges, forKey: .hasChanges)
    }
  }
  let chrome: Chrome
  let entries: [Row]
  let filter: [String: String]
  let entities: [Choice]
  let actions: [Choice]
  let nextHref: String?
  let errors: [String: String]
}

/// The audit log, read-only for admins: filter by entity, id, actor, action and date range,
/// newest first, in pages.
enum AuditController {
  static let pageSize = 50

  static func registerPages(_ pages: any RoutesBuilder) {
    pages.get(Paths.audit.components, use: page).query(Filter.parameters)
  }

  static func registerAPI(_ api: any RoutesBuilder) {
    api.get(Paths.apiAudit.components, use: list).query(Filter.parameters)
  }

  struct Filter {
    var entity: AuditEntity?
    var entityID: String?
    var actor: String?
    var action: AuditAction?
    var from: CivilDate?
    var to: CivilDate?
    var offset = 0
    var limit = AuditController.pageSize

    static let entityParameter = QueryParameter<AuditEntity>.choice("entity", AuditEntity.self)
    static let entityIDParameter = QueryParameter<String>.text("entityId")
    static let actorParameter = QueryParameter<String>.text("actor", maxLength: Limits.username)
    static let actionParameter = QueryParameter<AuditAction>.choice("action", AuditAction.self)
    static let fromParameter = QueryParameter<CivilDate>.date("from")
    static let toParameter = QueryParameter<CivilDate>.date("to")
    static let limitParameter = QueryParameter<Int>.limit(max: 500)
    static let parameters: [any DeclaredQueryParameter] = [
      entityParameter, entityIDParameter, actorParameter, actionParameter, fromParameter, toParameter, QueryParameter<Int>.offset,
      limitParameter,
    ]

    static func parse(_ req: Request, errors: inout FieldErrors) throws -> Filter {
      var f = Filter()
      f.entity = try errors.query(entityParameter, of: req)
      f.entityID = try errors.query(entityIDParameter, of: req)
      f.actor = try errors.query(actorParameter, of: req)
      f.action = try errors.query(actionParameter, of: req)
      f.from = try errors.query(fromParameter, of: req)
      f.to = try errors.query(toParameter, of: req)
      f.offset = try errors.query(QueryParameter<Int>.offset, of: req) ?? 0
      f.limit = try errors.query(limitParameter, of: req) ?? f.limit
      return f
    }
  }

  static func query(_ f: Filter, on db: any Database) async throws -> [AuditRecord] {
    let q = AuditRecord.query(on: db)
    if let v = f.entity { q.filter(\.$entity == v) }
    if let v = f.entityID { q.filter(\.$entityID == v) }
    if let v = f.actor { q.filter(\.$actorName == v) }
    if let v = f.action { q.filter(\.$action == v) }
    if let v = f.from { q.filter(\.$at >= BusinessTime.startOfDay(v)) }
    if let v = f.to { q.filter(\.$at < BusinessTime.startOfDay(v.adding(days: 1))) }
    return try await q.sort(\.$at, .descending).sort(\.$id).offset(f.offset).limit(f.limit).all()
  }

  @Sendable static func list(req: Request) async throws -> ListResponse<AuditEntryDTO> {
    try req.actor.require(.admin)
    var errors = FieldErrors()
    let filter = try Filter.parse(req, errors: &errors)
    try errors.throwIfAny()
    return ListResponse(items: try await query(filter, on: req.db).map(AuditEntryDTO.init))
  }

  @Sendable static func page(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    var errors = FieldErrors()
    let filter = try Filter.parse(req, errors: &errors)
    let entries = errors.isEmpty ? try await query(filter, on: req.db) : []
    let values: [String: String] = [
      "entity": filter.entity?.rawValue ?? "", "entityId": filter.entityID ?? "", "actor": filter.actor ?? "",
      "action": filter.action?.rawValue ?? "", "from": req.queryAsTyped(Filter.fromParameter), "to": req.queryAsTyped(Filter.toParameter),
    ]
    var next: String?
    if entries.count == filter.limit {
      var comps = URLComponents()
      comps.path = Paths.audit.link()
      comps.queryItems =
        values.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        + [URLQueryItem(name: "offset", value: String(filter.offset + filter.limit))]
      next = comps.string
    }
    let page = AuditPage(
      chrome: try await .make(for: req, titleKey: "audit.title"),
      entries: try await rows(entries, req: req), filter: values,
      entities: AuditEntity.allCases.map {
        Choice(value: $0.rawValue, labelKey: "audit.entity.\($0.rawValue)", selected: $0 == filter.entity)
      },
      actions: AuditAction.allCases.map {
        Choice(value: $0.rawValue, labelKey: "audit.action.\($0.rawValue)", selected: $0 == filter.action)
      },
      nextHref: next, errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("audit", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
  }

  /// The records in words, with units and people named.
  static func rows(_ records: [AuditRecord], req: Request) async throws -> [AuditPage.Row] {
    var names: [String: String] = [:]
    for unit in try await OrgUnit.query(on: req.db).all() { names[unit.id?.uuidString ?? ""] = unit.name }
    for user in try await User.query(on: req.db).all() { names[user.id?.uuidString ?? ""] = "\(user.displayName)（\(user.username)）" }
    let wording = AuditWording(localizer: req.application.localizer, locale: req.locale, names: names)
    return records.map { r in
      AuditPage.Row(
        time: DisplayFormat.dateTimeSeconds(r.at),
        actor: r.actorID.flatMap { names[$0.uuidString] } ?? r.actorName,
        actionKey: "audit.action.\(r.action.rawValue)", entityKey: "audit.entity.\(r.entity.rawValue)",
        entityHref: entityHref(r.entity, r.entityID),
        changes: wording.changes(entity: r.entity.rawValue, before: r.before, after: r.after))
    }
  }

  /// The page of the recorded entity, where it has one.
  static func entityHref(_ entity: AuditEntity, _ id: String) -> String? {
    guard UUID(uuidString: id) != nil else { return nil }
    switch entity {
    case .unit: return Paths.unit.link(id)
    case .user: return Paths.userEdit.link(id)
    case .workOrder: return Paths.workOrder.link(id)
    case .surveyWave: return Paths.surveyWave.link(id)
    case .analysisRun: return Paths.analysisRun.link(id)
    default: return nil
    }
  }
}
