import Domain
import Fluent
import Vapor

/// Telephone interviews (CATI): next customer, dial, record the outcome or the answers.
enum InterviewPagesController {
  /// The outcome just recorded, named in the redirect back to the page.
  static let doneParameter = QueryParameter<CallOutcome>.choice("done", CallOutcome.self)

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.interview.components, use: show).query(doneParameter)
    pages.post(Paths.interviewNext.components, use: next)
    pages.get(Paths.interviewDial.components, use: dial)
    pages.post(Paths.interviewCall.components, use: call)
  }

  static func render(
    _ req: Request, sample: SurveySample?, entered: [String: String] = [:], skipped: Set<ServiceModule> = [],
    problem: (code: String, text: String)? = nil, message: String? = nil, notice: String? = nil, status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    try FieldworkService.requireSurveyor(actor)
    var customer: InterviewPage.Customer?
    var modules: [InterviewPage.Module] = []
    var csi: [InterviewPage.Item] = []
    var comment: Question?
    if let sample {
      let wave = try await sample.$wave.get(on: req.db)
      let unit = try await sample.$unit.get(on: req.db)
      customer = .init(
        id: try sample.requireID().uuidString, name: sample.name, maskedPhone: DisplayFormat.maskedPhone(sample.phone),
        dialHref: Paths.interviewDial.link(try sample.requireID()), segmentKey: "survey.segment.\(sample.segment.rawValue)",
        attempts: sample.attempts, attemptLimit: wave.attemptLimit,
        callbackAt: sample.status == .callback ? sample.nextCallAt.map(DisplayFormat.dateTime) : nil, wave: wave.name,
        unit: unit.name)
      (modules, csi, comment) = InterviewPage.sections(
        try wave.questionnaire, entered: entered, skipped: skipped, problem: problem, locale: req.locale)
    }
    let waves = try await SurveyWave.query(on: req.db).filter(\.$isOpen == true).all()
    let segmentOrder = Dictionary(uniqueKeysWithValues: CustomerSegment.allCases.enumerated().map { ($1, $0) })
    let units = Dictionary(uniqueKeysWithValues: try await OrgUnit.visible(to: actor, on: req.db).map { (try $0.requireID(), $0.name) })
    let fill = try await FieldworkService.fill(waveIDs: waves.compactMap(\.id), on: req.db)
    // Units outside the surveyor's subtree are left out.
    let shown = fill.compactMap { key, value in units[key.unit].map { (unit: $0, segment: key.segment, fill: value) } }
      .filter { $0.fill.quota > 0 }
      .sorted { ($0.unit, segmentOrder[$0.segment] ?? 9) < ($1.unit, segmentOrder[$1.segment] ?? 9) }
    let cells = shown.map {
      InterviewPage.Cell(
        unit: $0.unit, segmentKey: "survey.segment.\($0.segment.rawValue)", quota: $0.fill.quota, done: $0.fill.done,
        full: $0.fill.done >= $0.fill.quota)
    }
    let page = InterviewPage(
      chrome: try await .make(for: req, titleKey: "interview.title"), customer: customer, modules: modules, csiItems: csi,
      commentName: comment.map { "a_" + $0.code } ?? "", comment: comment.flatMap { entered[$0.code] } ?? "",
      commentLabel: comment.map { req.locale == "en" ? $0.textEn : $0.textZh } ?? "",
      callAction: try sample.map { Paths.interviewCall.link(try $0.requireID()) } ?? "", nextAction: Paths.interviewNext.link(),
      callbackValue: entered["callbackAt"] ?? "", message: message, notice: notice, cells: cells)
    return try await req.page("surveys/interview", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let actor = try req.actor
    try FieldworkService.requireSurveyor(actor)
    let held = try await SurveySample.query(on: req.db).filter(\.$claimedBy == actor.userID)
      .filter(\.$claimedUntil > req.now)
      .filter(\.$status ~~ SampleStatus.open).first()
    let notice = try req.query(doneParameter).map { req.t("interview.recorded.\($0.rawValue)") }
    return try await render(req, sample: held, notice: notice)
  }

  @Sendable static func next(req: Request) async throws -> Response {
    guard try await FieldworkService.next(actor: try req.actor, on: req.db, now: req.now) != nil else {
      return try await render(req, sample: nil, message: req.t("interview.nobody_due"))
    }
    return req.redirect(to: Paths.interview.link())
  }

  @Sendable static func dial(req: Request) async throws -> Response {
    let sample = try await FieldworkService.findWorkable(
      try req.uuidParameter("sampleID", entity: "entity.survey_sample"), actor: try req.actor, on: req.db, now: req.now)
    let digits = sample.phone.filter { $0.isNumber || $0 == "+" }
    return req.redirect(to: "tel:" + digits)
  }

  @Sendable static func call(req: Request) async throws -> Response {
    let actor = try req.actor
    let sample = try await FieldworkService.findWorkable(
      try req.uuidParameter("sampleID", entity: "entity.survey_sample"), actor: actor, on: req.db, now: req.now)
    let form = try req.content.decode([String: String].self)
    var answers: [String: String] = [:]
    var skipped: Set<ServiceModule> = []
    for (key, value) in form {
      if key.hasPrefix("a_") { answers[String(key.dropFirst(2))] = value }
      if key.hasPrefix("skip_"), let module = ServiceModule(rawValue: String(key.dropFirst(5))) { skipped.insert(module) }
    }
    var entered = answers
    entered["callbackAt"] = form["callbackAt"]
    guard let outcome = CallOutcome(rawValue: form["outcome"] ?? "") else {
      return try await render(
        req, sample: sample, entered: entered, skipped: skipped, message: req.t("interview.error.outcome"),
        status: .unprocessableEntity)
    }
    var dateErrors = FieldErrors()
    let callbackAt = form["callbackAt"].flatMap { $0.isEmpty ? nil : $0 }.flatMap {
      DateField.dateTime($0, field: "callbackAt", into: &dateErrors)
    }
    if outcome == .callback, let problem = dateErrors.localized(req.application.localizer, req.locale)["callbackAt"] {
      return try await render(req, sample: sample, entered: entered, skipped: skipped, message: problem, status: .unprocessableEntity)
    }
    do {
      try await FieldworkService.record(
        outcome, sample: sample, draft: ResponseDraft(answers: answers, skippedModules: skipped), callbackAt: callbackAt,
        actor: actor, on: req.db, now: req.now, locale: req.locale)
    } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
      let localizer = req.application.localizer
      let text = localizer.text(error.messageKey, locale: req.locale, args: error.args)
      let question = error.field.flatMap { code in
        entered[code] != nil || sample.wave.questionnaireJSON.contains("\"\(code)\"") ? code : nil
      }
      return try await render(
        req, sample: sample, entered: entered, skipped: skipped,
        problem: question.map { ($0, text) }, message: text, status: error.status)
    }
    return req.redirect(to: Paths.interview.link() + "?done=\(outcome.rawValue)")
  }
}
