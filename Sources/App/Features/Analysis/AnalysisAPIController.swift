import Vapor

/// `/api/v1/analysis-runs`: list, read and start runs (a wave's CSI model or an AHP matrix).
enum AnalysisAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiAnalysisRuns.components, use: list)
    api.post(Paths.apiAnalysisRuns.components, use: create)
    api.get(Paths.apiAnalysisRun.components, use: show)
  }

  @Sendable static func list(req: Request) async throws -> [AnalysisRunSummaryDTO] {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    return try await AnalysisRunService.list(for: actor, on: req.db).map(AnalysisRunSummaryDTO.init)
  }

  @Sendable static func show(req: Request) async throws -> AnalysisRunDTO {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let run = try await AnalysisRunService.find(
      try req.uuidParameter("runID", entity: "entity.analysis_run"), for: actor, on: req.db)
    return try AnalysisRunDTO(run)
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let body = try req.content.decode(AnalysisRunRequest.self)
    let result: AnalysisRunService.Result
    let scope = try await AnalysisScope.of(actor, on: req.db)
    switch AnalysisKind(rawValue: body.kind) {
    case .csi:
      let request = CSIRuns.WaveRequest(waveId: body.waveId, groupBy: body.groupBy, bootstrap: body.bootstrap.map { String($0) })
      result = try await CSIRuns.fromWave(request, scope: scope, app: req.application, on: req.db)
    case .ahp:
      var errors = FieldErrors()
      let criteria = AHPRuns.criteria(body.criteria ?? [], into: &errors)
      try errors.throwIfAny()
      guard let cells = body.matrix else { throw AppError.invalid("matrix", "validation.required") }
      let matrix = AHPRuns.matrix(full: cells.map { $0.map(\.text) }, criteria: criteria, into: &errors)
      try errors.throwIfAny()
      result = try AHPRuns.result(criteria: criteria, matrix: matrix)
    case nil:
      throw AppError.invalid("kind", "validation.choice")
    }
    let run = try await AnalysisRunService.save(result, title: body.title, scope: scope, actor: actor, on: req.db, now: req.now)
    return try await AnalysisRunDTO(run).encodeResponse(status: .created, for: req)
  }
}
