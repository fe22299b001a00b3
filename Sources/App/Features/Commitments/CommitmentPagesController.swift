import Domain
import Fluent
import Vapor

/// The commitments' pages: the editions of the commitment rules (COM-EDITIONS) and the
/// connection applications with their clocks (COM-APPLICATION).
enum CommitmentPagesController {
  static func register(_ pages: any RoutesBuilder) {
    RuleVersionsPages<CommitmentRules>.register(
      pages,
      .init(
        show: Paths.commitmentRules, create: Paths.commitmentRuleVersions, titleKey: "commitments.rules.title",
        introKey: "commitments.rules.intro"))
    pages.get(Paths.connectionApplications.components, use: list)
    pages.get(Paths.connectionApplicationNew.components, use: newForm)
    pages.post(Paths.connectionApplicationNew.components, use: create)
    pages.get(Paths.connectionApplication.components, use: show)
    pages.post(Paths.connectionApplicationStage.components, use: recordStage)
    pages.post(Paths.connectionApplicationWait.components, use: wait)
  }

  /// The newest applications of the actor's subtree, 200 at most.
  static let listLimit = 200

  @Sendable static func list(req: Request) async throws -> Response {
    let actor = try req.actor
    let units = try await OrgUnit.visible(to: actor, on: req.db).compactMap(\.id)
    let applications = try await ConnectionApplication.query(on: req.db).filter(\.$unit.$id ~~ units).with(\.$unit)
      .sort(\.$createdAt, .descending).limit(listLimit).all()
    let judged = try await ConnectionApplications.judge(applications, on: req.db, now: req.now)
    let page = ApplicationPages.ListPage(
      chrome: try await .make(for: req, titleKey: "commitments.applications_title"), rows: judged.map(ApplicationPages.row),
      canKeep: ConnectionApplications.canKeep(actor), newHref: Paths.connectionApplicationNew.link(),
      rulesHref: Paths.commitmentRules.link())
    return try await req.page("commitments/applications", page)
  }

  static func form(_ req: Request, values: [String: String], errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
    let actor = try req.actor
    guard ConnectionApplications.canKeep(actor) else { throw AppError.forbidden }
    let units = try await OrgUnit.visible(to: actor, on: req.db).map {
      Choice(value: $0.id?.uuidString ?? "", label: $0.name, selected: values["unitId"] == $0.id?.uuidString)
    }
    let page = ApplicationPages.FormPage(
      chrome: try await .make(for: req, titleKey: "commitments.new_title"),
      kinds: ApplicationKind.allCases.map {
        Choice(value: $0.rawValue, labelKey: "commitments.kind.\($0.rawValue)", selected: values["kind"] == $0.rawValue)
      },
      classes: ConnectionClass.allCases.map {
        Choice(value: $0.rawValue, labelKey: "commitments.class.\($0.rawValue)", selected: values["connectionClass"] == $0.rawValue)
      },
      voltages: VoltageClass.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: values["voltage"] == $0.rawValue) },
      units: units, values: values, errors: errors.localized(req.application.localizer, req.locale),
      action: Paths.connectionApplicationNew.link())
    return try await req.page("commitments/application-new", page, status: status)
  }

  @Sendable static func newForm(req: Request) async throws -> Response {
    try await form(req, values: ["unitId": try req.actor.unitID.uuidString], errors: .init())
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let form = try req.content.decode([String: String].self)
    let input = ConnectionApplications.Input(
      kind: form["kind"], customerAccount: form["customerAccount"], customerName: form["customerName"],
      customerPhone: form["customerPhone"], connectionClass: form["connectionClass"], voltage: form["voltage"],
      capacityKw: form["capacityKw"], unitID: form["unitId"], acceptedAt: form["acceptedAt"])
    return try await req.submitForm {
      let application = try await ConnectionApplications.create(
        input, actor: try req.actor, localizer: req.application.localizer, on: req.db, now: req.now)
      return req.redirect(to: Paths.connectionApplication.link(try application.requireID()))
    } showAgain: { errors, status in
      try await Self.form(req, values: form, errors: errors, status: status)
    }
  }

  static func judged(_ req: Request) async throws -> ConnectionApplications.Judged {
    let id = try req.uuidParameter("applicationID", entity: "entity.connection_application")
    let application = try await ConnectionApplications.findVisible(id, for: try req.actor, on: req.db)
    guard let judged = try await ConnectionApplications.judge([application], on: req.db, now: req.now).first else {
      throw AppError.notFound("entity.connection_application")
    }
    return judged
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await ApplicationPages.show(req, try await judged(req))
  }

  /// A form on an application's page: done, back to the page; refused, the page with the reasons.
  static func onApplication(
    _ req: Request, change: @escaping @Sendable (ConnectionApplication, [String: String], Actor) async throws -> Void
  ) async throws -> Response {
    let current = try await judged(req)
    let form = try req.content.decode([String: String].self)
    return try await req.submitForm {
      try await change(current.application, form, try req.actor)
      return req.redirect(to: Paths.connectionApplication.link(try current.application.requireID()))
    } showAgain: { errors, status in
      try await ApplicationPages.show(req, try await judged(req), values: form, errors: errors, status: status)
    }
  }

  @Sendable static func recordStage(req: Request) async throws -> Response {
    try await onApplication(req) { application, form, actor in
      try await ConnectionApplications.recordStage(
        application, stage: form["stage"], startedAt: form["startedAt"], finishedAt: form["finishedAt"],
        version: form["version"].flatMap { Int($0) }, actor: actor, localizer: req.application.localizer, on: req.db, now: req.now)
    }
  }

  @Sendable static func wait(req: Request) async throws -> Response {
    try await onApplication(req) { application, form, actor in
      try await ConnectionApplications.wait(
        application, reason: form["reason"], at: form["at"], version: form["version"].flatMap { Int($0) }, actor: actor, on: req.db,
        now: req.now)
    }
  }
}
