import Domain
import Fluent
import Vapor

/// `/api/v1` for rosters, waves, samples, call outcomes and scores.
enum SurveysAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiRosters.components, use: rosters)
    api.post(Paths.apiRosters, bodyLimit: UploadLimits.Form.roster.collected, use: importRoster).query(unitParameter, fileNameParameter)
    api.get(Paths.apiSurveyWaves.components, use: waves)
    api.post(Paths.apiSurveyWaves.components, use: createWave)
    api.get(Paths.apiSurveyWave.components, use: wave)
    api.post(Paths.apiSurveyWaveSample.components, use: drawSample)
    api.get(Paths.apiSurveyWaveSamples.components, use: samples).query(statusParameter, limitParameter, QueryParameter<Int>.offset)
    api.post(Paths.apiSurveyWaveTargets.components, use: setTarget)
    api.get(Paths.apiSurveyWaveScores.components, use: scores)
    api.post(Paths.apiFieldworkNext.components, use: next)
    api.post(Paths.apiSampleCalls.components, use: call)
    api.post(Paths.apiSurveyWaveResponses, bodyLimit: UploadLimits.Form.results.collected, use: importResults)
  }

  static let unitParameter = QueryParameter<UUID>.uuid("unitId")
  static let fileNameParameter = QueryParameter<String>.text("fileName", maxLength: 255)
  static let statusParameter = QueryParameter<SampleStatus>.choice("status", SampleStatus.self)
  static let limitParameter = QueryParameter<Int>.limit(max: 1000)

  @Sendable static func rosters(req: Request) async throws -> [RosterDTO] {
    let actor = try req.actor
    guard !RosterImport.allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let units = try await OrgUnit.visible(to: actor, on: req.db).compactMap(\.id)
    return try await RosterVersion.query(on: req.db).filter(\.$unit.$id ~~ units).sort(\.$createdAt, .descending).all()
      .map(RosterDTO.init)
  }

  /// The file is the request body (CSV or XLSX); `unitId` and `fileName` are query parameters.
  @Sendable static func importRoster(req: Request) async throws -> Response {
    guard let unitID = try req.query(unitParameter) else { throw AppError.invalid("unitId", "validation.required") }
    let fileName = try req.query(fileNameParameter) ?? "upload"
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    let result = try await RosterImport.run(data, fileName: fileName, countyID: unitID, actor: try req.actor, on: req.db, now: req.now)
    guard let version = try await RosterVersion.find(result.versionID, on: req.db) else { throw AppError.notFound("entity.roster") }
    let body = RosterImportDTO(
      roster: try RosterDTO(version),
      rejected: result.problems.map { .init(line: $0.line, field: $0.field?.rawValue, reason: $0.reason.rawValue) })
    return try await body.encodeResponse(status: .created, for: req)
  }

  @Sendable static func waves(req: Request) async throws -> [WaveDTO] {
    _ = try req.actor
    let today = BusinessTime.civilDate(of: req.now)
    return try await WaveService.list(on: req.db).map { try WaveDTO($0, today: today) }
  }

  @Sendable static func createWave(req: Request) async throws -> Response {
    let body = try req.content.decode(WaveCreateRequest.self)
    let wave = try await WaveService.create(
      .init(
        code: body.code, name: body.name, year: body.year.map(String.init), questionnaire: body.questionnaire,
        sampleCount: body.sampleCount.map(String.init), samplePercent: body.samplePercent.map { String($0) },
        allocation: body.allocation, seed: body.seed, attemptLimit: body.attemptLimit.map(String.init),
        reservePercent: body.reservePercent.map { String($0) }, excludeMonths: body.excludeMonths.map(String.init),
        excludeOpenComplaints: body.excludeOpenComplaints.map(String.init)),
      actor: try req.actor, on: req.db, now: req.now, seedSource: { UInt64.random(in: 1...UInt64(Int64.max)) })
    return try await WaveDTO(wave, today: BusinessTime.civilDate(of: req.now), full: true).encodeResponse(status: .created, for: req)
  }

  static func findWave(_ req: Request) async throws -> SurveyWave {
    try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
  }

  @Sendable static func wave(req: Request) async throws -> WaveDTO {
    let actor = try req.actor
    let wave = try await findWave(req)
    let quotas = try await WaveStatus.quotaCells(wave: wave, actor: actor, on: req.db).map { cell in
      QuotaDTO(
        unitId: try cell.unit.requireID(), segment: cell.quota.segment, population: cell.quota.population,
        excludedRecentlySurveyed: cell.quota.excludedRecent, excludedOpenComplaint: cell.quota.excludedComplaint,
        eligible: cell.quota.eligible, quota: cell.quota.quota, reserve: cell.quota.reserve,
        designWeight: cell.quota.designWeight, completed: cell.done)
    }
    return try WaveDTO(wave, today: BusinessTime.civilDate(of: req.now), full: true, quotas: quotas)
  }

  @Sendable static func drawSample(req: Request) async throws -> Response {
    let wave = try await findWave(req)
    _ = try await SampleService.draw(wave: wave, actor: try req.actor, on: req.db, now: req.now)
    return try await self.wave(req: req).encodeResponse(status: .created, for: req)
  }

  @Sendable static func samples(req: Request) async throws -> [SampleDTO] {
    let actor = try req.actor
    guard actor.has(.surveyor) || !WaveService.managerRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let wave = try await findWave(req)
    let units = try await OrgUnit.visible(to: actor, on: req.db).compactMap(\.id)
    let query = try SurveySample.query(on: req.db).filter(\.$wave.$id == wave.requireID()).filter(\.$unit.$id ~~ units)
    if let status = try req.query(statusParameter) {
      query.filter(\.$status == status)
    }
    let limit = try req.query(limitParameter) ?? 200
    let offset = try req.query(QueryParameter<Int>.offset) ?? 0
    return try await query.sort(\.$drawOrder).offset(offset).limit(limit).all().map(SampleDTO.init)
  }

  @Sendable static func setTarget(req: Request) async throws -> HTTPStatus {
    let wave = try await findWave(req)
    let body = try req.content.decode(TargetRequest.self)
    try await WaveService.setTarget(
      unitID: body.unitId, assessment: body.assessment.map { String($0) }, stretch: body.stretch.map { String($0) }, wave: wave,
      actor: try req.actor, on: req.db, now: req.now)
    return .noContent
  }

  @Sendable static func scores(req: Request) async throws -> WaveScoresDTO {
    let actor = try req.actor
    let wave = try await findWave(req)
    return try WaveScoresDTO(try await ScoreService.scores(wave: wave, actor: actor, on: req.db))
  }

  @Sendable static func next(req: Request) async throws -> Response {
    guard let sample = try await FieldworkService.next(actor: try req.actor, on: req.db, now: req.now) else {
      return Response(status: .noContent)
    }
    return try await SampleDTO(sample).encodeResponse(for: req)
  }

  @Sendable static func call(req: Request) async throws -> SampleDTO {
    let actor = try req.actor
    let sample = try await FieldworkService.findWorkable(
      try req.uuidParameter("sampleID", entity: "entity.survey_sample"), actor: actor, on: req.db, now: req.now)
    let body = try req.content.decode(CallRequest.self)
    guard let outcome = CallOutcome(rawValue: body.outcome ?? "") else { throw AppError.invalid("outcome", "validation.choice") }
    var skipped: Set<ServiceModule> = []
    for code in body.skippedModules ?? [] {
      guard let module = ServiceModule(rawValue: code) else { throw AppError.invalid("skippedModules", "validation.choice") }
      skipped.insert(module)
    }
    var callbackAt: Date?
    if let text = body.callbackAt {
      guard let parsed = BusinessTime.parseLocal(text) else { throw AppError.invalid("callbackAt", "survey.error.callback_time") }
      callbackAt = parsed
    }
    try await FieldworkService.record(
      outcome, sample: sample, draft: ResponseDraft(answers: body.answers ?? [:], skippedModules: skipped),
      callbackAt: callbackAt, actor: actor, on: req.db, now: req.now, locale: req.locale)
    return try SampleDTO(sample)
  }

  struct ImportedResults: Content {
    let responses: Int
  }

  /// The third-party results file (CSV or XLSX, docs/results-format.md) is the request body.
  @Sendable static func importResults(req: Request) async throws -> Response {
    let wave = try await findWave(req)
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    let result = try await ThirdPartyImport.run(data, wave: wave, actor: try req.actor, on: req.db, now: req.now)
    return try await ImportedResults(responses: result.responses).encodeResponse(status: .created, for: req)
  }
}
