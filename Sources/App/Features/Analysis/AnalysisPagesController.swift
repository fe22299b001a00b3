import Analytics
import Fluent
import Vapor

/// `/analysis`: saved runs, the forms that start a CSI run (uploaded CSV or a survey wave), and
/// each run's page. Analysts and administrators only.
enum AnalysisPagesController {

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.analysis.components, use: list)
    pages.post(Paths.analysisUpload, bodyLimit: UploadLimits.Form.analysis.collected, use: runUpload)
    pages.post(Paths.analysisWave.components, use: runWave)
    pages.get(Paths.analysisRun.components, use: show)
    AHPPagesController.register(pages)
  }

  struct UploadForm: Content {
    var title: String?
    var file: File?
    var model: String?
    var weightColumn: String?
    var groupColumn: String?
    var bootstrap: String?
    var scale: String?
    var target: String?
  }

  struct WaveForm: Content {
    var title: String?
    var waveId: String?
    var groupBy: String?
    var bootstrap: String?
  }

  static func render(
    _ req: Request, upload: UploadForm? = nil, wave: WaveForm? = nil, form: String = "", errors: FieldErrors = .init(),
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let runs = try await AnalysisRunService.list(for: actor, on: req.db)
    let waves = try await WaveSummaries.all(on: req.db)
    let chosen = wave?.waveId ?? waves.first?.id.uuidString
    let l = req.application.localizer
    let page = AnalysisListPage(
      chrome: try await .make(for: req, titleKey: "analysis.title"),
      rows: try runs.map {
        .init(
          title: $0.title, href: Paths.analysisRun.link(try $0.requireID()), kindKey: "analysis.kind.\($0.kind.rawValue)",
          input: $0.inputDescription,
          createdAt: DisplayFormat.dateTime($0.createdAt), createdBy: $0.createdBy)
      },
      waves: waves.map {
        Choice(value: $0.id.uuidString, label: "\($0.code) · \($0.name)", selected: $0.id.uuidString == chosen)
      },
      uploadAction: Paths.analysisUpload.link(), waveAction: Paths.analysisWave.link(), ahpHref: Paths.analysisAHP.link(),
      upload: [
        "title": upload?.title ?? "", "model": upload?.model ?? StandardCSIModels.text(StandardCSIModels.ecsiUpload),
        "weightColumn": upload?.weightColumn ?? "", "scale": upload?.scale ?? "",
        "groupColumn": upload?.groupColumn ?? "", "bootstrap": upload?.bootstrap ?? "",
        "target": upload?.target ?? StandardCSIModels.ecsiUploadTarget,
      ],
      waveTitle: wave?.title ?? "", waveBootstrap: wave?.bootstrap ?? "",
      groupings: [Choice(value: "", label: l.text("analysis.group_by.none", locale: req.locale), selected: (wave?.groupBy ?? "").isEmpty)]
        + CSIRuns.WaveGrouping.allCases.map {
          Choice(
            value: $0.rawValue, label: l.text("analysis.group_by.\($0.rawValue)", locale: req.locale),
            selected: wave?.groupBy == $0.rawValue)
        },
      errors: errors.localized(l, req.locale), form: form)
    return try await req.page("analysis/list", page, status: status)
  }

  @Sendable static func list(req: Request) async throws -> Response { try await render(req) }

  @Sendable static func runUpload(req: Request) async throws -> Response {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let form = try req.content.decode(UploadForm.self)
    return try await req.submitForm {
      let upload = CSIRuns.Upload(
        fileName: form.file?.filename ?? "", data: form.file.map { Data(buffer: $0.data) } ?? Data(), model: form.model ?? "",
        weightColumn: form.weightColumn, scale: form.scale, target: form.target, groupColumn: form.groupColumn,
        bootstrap: form.bootstrap)
      let result = try await CSIRuns.fromUpload(upload, app: req.application)
      let scope = try await AnalysisScope.of(actor, on: req.db)
      let run = try await AnalysisRunService.save(result, title: form.title, scope: scope, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.analysisRun.link(try run.requireID()))
    } showAgain: { errors, status in
      try await render(req, upload: form, form: "upload", errors: errors, status: status)
    }
  }

  @Sendable static func runWave(req: Request) async throws -> Response {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let form = try req.content.decode(WaveForm.self)
    return try await req.submitForm {
      let request = CSIRuns.WaveRequest(waveId: form.waveId, groupBy: form.groupBy, bootstrap: form.bootstrap)
      let scope = try await AnalysisScope.of(actor, on: req.db)
      let result = try await CSIRuns.fromWave(request, scope: scope, app: req.application, on: req.db)
      let run = try await AnalysisRunService.save(result, title: form.title, scope: scope, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.analysisRun.link(try run.requireID()))
    } showAgain: { errors, status in
      try await render(req, wave: form, form: "wave", errors: errors, status: status)
    }
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let actor = try req.actor
    try AnalysisRunService.authorise(actor)
    let run = try await AnalysisRunService.find(
      try req.uuidParameter("runID", entity: "entity.analysis_run"), for: actor, on: req.db)
    let l = req.application.localizer
    let locale = req.locale
    let presenter = AnalysisRunPresenter(text: { l.text($0, locale: locale) })
    let content = try run.content
    var csi: AnalysisRunPage.CSI?
    var ahp: AnalysisRunPage.AHP?
    switch content {
    case .csi(let settings, let outputs): csi = presenter.csi(outputs, settings: settings)
    case .ahp(let settings, let outputs):
      ahp = presenter.ahp(outputs, criteria: settings.criteria, args: { l.text($0, locale: locale, args: $1) })
    }
    let page = AnalysisRunPage(
      chrome: try await .make(for: req, titleKey: "analysis.run"), title: run.title, kindKey: "analysis.kind.\(run.kind.rawValue)",
      facts: presenter.facts(run), settings: AnalysisRunPresenter.settingsText(content), csi: csi, ahp: ahp,
      listHref: Paths.analysis.link())
    return try await req.page("analysis/run", page)
  }
}
