import Domain
import Fluent
import Vapor

/// Pages of the satisfaction office: waves, their plan and status, sampling, targets.
enum WavePagesController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.surveys.components, use: list)
    pages.post(Paths.surveys.components, use: create)
    pages.get(Paths.surveyWave.components, use: show)
    pages.post(Paths.surveyWaveSample.components, use: sample)
    pages.post(Paths.surveyWaveFieldwork.components, use: fieldwork)
    pages.post(Paths.surveyWaveMilestone.components, use: milestone)
    pages.post(Paths.surveyWaveTarget.components, use: target)
    pages.post(Paths.surveyWaveResults, bodyLimit: UploadLimits.Form.results.collected, use: results)
    pages.get(Paths.surveyWaveResultsTemplate.components, use: resultsTemplate)
  }

  static func canManage(_ actor: Actor) -> Bool { !WaveService.managerRoles.isDisjoint(with: actor.roles) }

  static func renderList(
    _ req: Request, values: [String: String] = [:], errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let waves = try await WaveService.list(on: req.db)
    let chosen = values["questionnaire"] ?? "standard"
    let allocation = values["allocation"] ?? "proportional"
    let page = SurveysPage(
      chrome: try await .make(for: req, titleKey: "survey.title"),
      waves: try waves.map {
        .init(
          code: $0.code, name: $0.name, year: $0.year, isOpen: $0.isOpen, sampled: $0.sampledAt != nil,
          href: Paths.surveyWave.link(try $0.requireID()), scoresHref: Paths.surveyWaveScores.link(try $0.requireID()))
      },
      canManage: canManage(actor), isSurveyor: actor.has(.surveyor), createAction: Paths.surveys.link(),
      rostersHref: Paths.rosters.link(), interviewHref: Paths.interview.link(),
      governmentHref: Paths.governmentRating.link(), kioskHref: Paths.kiosk.link(),
      questionnaires: WaveService.questionnaires.keys.sorted().map {
        Choice(value: $0, labelKey: "survey.questionnaire.\($0)", selected: $0 == chosen)
      },
      allocations: Allocation.allCases.map {
        Choice(value: $0.rawValue, labelKey: "survey.allocation.\($0.rawValue)", selected: $0.rawValue == allocation)
      },
      values: values, errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("surveys/list", page, status: status)
  }

  @Sendable static func list(req: Request) async throws -> Response { try await renderList(req) }

  @Sendable static func create(req: Request) async throws -> Response {
    let form = try req.content.decode(WaveService.Input.self)
    let values = [
      "code": form.code ?? "", "name": form.name ?? "", "year": form.year ?? "", "questionnaire": form.questionnaire ?? "",
      "sampleCount": form.sampleCount ?? "", "samplePercent": form.samplePercent ?? "", "allocation": form.allocation ?? "",
      "seed": form.seed ?? "", "attemptLimit": form.attemptLimit ?? "", "reservePercent": form.reservePercent ?? "",
      "excludeMonths": form.excludeMonths ?? "", "excludeOpenComplaints": form.excludeOpenComplaints ?? "true",
    ]
    return try await req.submitForm {
      let wave = try await WaveService.create(
        form, actor: try req.actor, on: req.db, now: req.now, seedSource: { UInt64.random(in: 1...UInt64(Int64.max)) })
      return req.redirect(to: Paths.surveyWave.link(try wave.requireID()))
    } showAgain: { errors, status in
      try await renderList(req, values: values, errors: errors, status: status)
    }
  }

  /// Query (`WaveStatus`, targets, units), then view model (`WavePage.make`), then the template.
  static func renderWave(
    _ req: Request, wave: SurveyWave, notice: String? = nil, errors: FieldErrors = .init(), lines: [ImportFailure.Line] = [],
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let today = BusinessTime.civilDate(of: req.now)
    let data = WavePage.Facts(
      wave: wave, today: today, canManage: canManage(actor),
      counties: try await WaveStatus.counties(wave: wave, actor: actor, on: req.db, today: today),
      quotas: try await WaveStatus.quotaCells(wave: wave, actor: actor, on: req.db),
      targets: try await SurveyTarget.query(on: req.db).filter(\.$wave.$id == wave.requireID()).with(\.$unit).all()
        .filter { actor.canSee($0.unit.unitPath) }.sorted { $0.unit.code < $1.unit.code },
      targetUnits: try await OrgUnit.visible(to: actor, on: req.db).filter { [.company, .city, .county].contains($0.kind) })
    let page = try WavePage.make(
      data, chrome: try await .make(for: req, titleKey: "survey.wave"), localizer: req.application.localizer, locale: req.locale,
      notice: notice, errors: errors, lines: lines)
    return try await req.page("surveys/wave", page, status: status)
  }

  static func quality(_ roster: RosterVersion) -> RosterQuality {
    RosterQuality(total: roster.totalRows, valid: roster.validRows, complete: roster.completeRows)
  }

  static func wave(_ req: Request) async throws -> SurveyWave {
    try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await renderWave(req, wave: try await wave(req))
  }

  @Sendable static func sample(req: Request) async throws -> Response {
    let wave = try await wave(req)
    let draws = try await SampleService.draw(wave: wave, actor: try req.actor, on: req.db, now: req.now)
    let drawn = draws.reduce(0) { $0 + $1.strata.reduce(0) { $0 + $1.drawn } }
    return try await renderWave(req, wave: wave, notice: req.t("survey.sample.done", String(draws.count), String(drawn)))
  }

  struct FieldworkForm: Content {
    var open: String?
    var version: Int?
    var confirm: String?
  }

  /// Ending fieldwork stops every interviewer at once: that needs the ticked confirmation;
  /// opening it does not.
  @Sendable static func fieldwork(req: Request) async throws -> Response {
    let wave = try await wave(req)
    let form = try req.content.decode(FieldworkForm.self)
    let open = form.open == "true"
    return try await req.submitForm {
      if !open { try FormConfirmation.require(form.confirm) }
      try await WaveService.setOpen(open, wave: wave, expectedVersion: form.version ?? -1, actor: try req.actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.surveyWave.link(try wave.requireID()))
    } showAgain: { errors, status in
      try await renderWave(req, wave: wave, errors: errors, status: status)
    }
  }

  struct MilestoneForm: Content {
    var kind: String?
    var due: String?
    var completedOn: String?
    var version: Int?
  }

  @Sendable static func milestone(req: Request) async throws -> Response {
    let wave = try await wave(req)
    let form = try req.content.decode(MilestoneForm.self)
    guard let kind = MilestoneKind(rawValue: form.kind ?? "") else { throw AppError.invalid("kind", "validation.choice") }
    return try await req.submitForm {
      try await WaveService.updateMilestone(
        kind, due: form.due, completedOn: form.completedOn, wave: wave, expectedVersion: form.version ?? -1, actor: try req.actor,
        on: req.db, now: req.now)
      return req.redirect(to: Paths.surveyWave.link(try wave.requireID()))
    } showAgain: { errors, status in
      try await renderWave(req, wave: wave, errors: errors, status: status)
    }
  }

  struct TargetForm: Content {
    var unitId: String?
    var assessment: String?
    var stretch: String?
  }

  @Sendable static func target(req: Request) async throws -> Response {
    let wave = try await wave(req)
    let form = try req.content.decode(TargetForm.self)
    return try await req.submitForm {
      try await WaveService.setTarget(
        unitID: UUID(uuidString: form.unitId ?? ""), assessment: form.assessment, stretch: form.stretch, wave: wave,
        actor: try req.actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.surveyWave.link(try wave.requireID()) + "#targets")
    } showAgain: { errors, status in
      try await renderWave(req, wave: wave, errors: errors, status: status)
    }
  }

  struct ResultsForm: Content {
    var file: File?
  }

  @Sendable static func results(req: Request) async throws -> Response {
    let wave = try await wave(req)
    let form = try req.content.decode(ResultsForm.self)
    do {
      let result = try await ThirdPartyImport.run(
        form.file.map { Data(buffer: $0.data) } ?? Data(), wave: wave, actor: try req.actor, on: req.db, now: req.now)
      return try await renderWave(req, wave: wave, notice: req.t("results.imported", String(result.responses)))
    } catch let error as AppError where error.status == .unprocessableEntity || error.status == .badRequest {
      var errors = FieldErrors()
      errors.add("file", error.messageKey, args: error.args)
      return try await renderWave(req, wave: wave, errors: errors, lines: error.lines, status: error.status)
    }
  }

  /// The header a third-party results file for this wave needs: unit, segment, weight and one
  /// column per question of the wave's questionnaire, headed by its code.
  @Sendable static func resultsTemplate(req: Request) async throws -> Response {
    try WaveService.requireManager(try req.actor)
    let wave = try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
    let header = ["单位编码", "客户类别", "权重"] + (try wave.questionnaire.questions.map(\.code))
    return CSVExport.template([header], name: "\(wave.code)-results-template.csv")
  }
}
