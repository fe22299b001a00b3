import Domain
import Fluent
import Vapor

struct KioskPage: Encodable {
  struct Face: Encodable {
    let code: Int
    let labelKey: String
    let mouth: String
    let tone: String
  }
  let chrome: Chrome
  let hallName: String?
  let unitId: String
  let halls: [Choice]
  let faces: [Face]
  let action: String
  let thanks: Bool
  let message: String?
}

struct GovernmentPage: Encodable {
  let chrome: Chrome
  let counties: [Choice]
  let questions: [InterviewPage.Item]
  let commentName: String
  let action: String
  let values: [String: String]
  let errors: [String: String]
  let notice: String?
}

/// The channels beside the sampled survey: the hall's rating device and the government rating.
enum ChannelPagesController {
  /// A manager opens the kiosk of a chosen hall; a hall's own staff get their hall.
  static let hallParameter = QueryParameter<UUID>.uuid("unitId")

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.kiosk.components, use: kiosk).query(hallParameter)
    pages.post(Paths.kiosk.components, use: rate)
    pages.get(Paths.governmentRating.components, use: government)
    pages.post(Paths.governmentRating.components, use: recordGovernment)
  }

  /// The wave that channel ratings of today belong to: this year's (the latest created).
  static func currentWave(on db: any Database, now: Date) async throws -> SurveyWave {
    let year = BusinessTime.civilDate(of: now).year
    guard let wave = try await SurveyWave.query(on: db).filter(\.$year == year).sort(\.$createdAt, .descending).first() else {
      throw AppError.conflict(nil, "survey.error.no_wave", String(year))
    }
    return wave
  }

  /// The hall a rating is for: the user's own hall, or one chosen by the satisfaction office.
  static func hall(_ req: Request, id: String?) async throws -> OrgUnit? {
    let actor = try req.actor
    let own = try await OrgUnit.find(actor.unitID, on: req.db)
    if let own, own.kind == .hall { return own }
    try WaveService.requireManager(actor)
    guard let id, let uuid = UUID(uuidString: id) else { return nil }
    let unit = try await OrgUnit.findVisible(uuid, for: actor, on: req.db)
    guard unit.kind == .hall else { throw AppError.invalid("unitId", "survey.error.not_hall") }
    return unit
  }

  static func renderKiosk(_ req: Request, hall: OrgUnit?, thanks: Bool = false, message: String? = nil) async throws -> Response {
    let actor = try req.actor
    let halls =
      WaveService.managerRoles.isDisjoint(with: actor.roles)
      ? [] : try await OrgUnit.visible(to: actor, on: req.db).filter { $0.kind == .hall }
    let mouths = [
      5: "M30 62 Q50 80 70 62", 4: "M32 64 Q50 74 68 64", 3: "M32 66 L68 66", 2: "M32 70 Q50 62 68 70", 1: "M30 74 Q50 58 70 74",
    ]
    let tones = [5: "best", 4: "good", 3: "fair", 2: "poor", 1: "worst"]
    let page = KioskPage(
      chrome: try await .make(for: req, titleKey: "kiosk.title"), hallName: hall?.name, unitId: hall?.id?.uuidString ?? "",
      halls: try halls.map { Choice(value: try $0.requireID().uuidString, label: $0.name, selected: $0.id == hall?.id) },
      faces: SatisfactionScale.fivePoint.points.map {
        .init(code: $0.code, labelKey: $0.labelKey, mouth: mouths[$0.code] ?? "", tone: tones[$0.code] ?? "")
      },
      action: Paths.kiosk.link(), thanks: thanks, message: message)
    return try await req.page("surveys/kiosk", page)
  }

  @Sendable static func kiosk(req: Request) async throws -> Response {
    try await renderKiosk(req, hall: try await hall(req, id: try req.query(hallParameter)?.uuidString))
  }

  struct RateForm: Content {
    var unitId: String?
    var rating: String?
  }

  @Sendable static func rate(req: Request) async throws -> Response {
    let form = try req.content.decode(RateForm.self)
    guard let hall = try await hall(req, id: form.unitId) else { throw AppError.invalid("unitId", "survey.error.not_hall") }
    do {
      let wave = try await currentWave(on: req.db, now: req.now)
      let questionnaire = ChannelQuestionnaires.kiosk(scale: try wave.questionnaire.scale)
      let answers = try ResponseRecorder.score(
        ResponseDraft(answers: ["kiosk.hall": form.rating ?? ""]), questionnaire: questionnaire, locale: req.locale)
      try await ResponseRecorder.record(
        .init(
          waveID: wave.requireID(), unitID: hall.requireID(), sampleID: nil, segment: .unknown, channel: .kiosk, weight: 1,
          answers: answers,
          answeredAt: req.now, recordedBy: try req.actor.username),
        questionnaire: questionnaire, on: req.db)
    } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
      let l = req.application.localizer
      return try await renderKiosk(req, hall: hall, message: l.text(error.messageKey, locale: req.locale, args: error.args))
    }
    return try await renderKiosk(req, hall: hall, thanks: true)
  }

  static func renderGovernment(
    _ req: Request, values: [String: String] = [:], errors: FieldErrors = .init(), notice: String? = nil,
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    try WaveService.requireManager(actor)
    let questionnaire = ChannelQuestionnaires.government(scale: .fivePoint)
    let localized = errors.localized(req.application.localizer, req.locale)
    let page = GovernmentPage(
      chrome: try await .make(for: req, titleKey: "government.title"),
      counties: try await OrgUnit.visible(to: actor, on: req.db).filter { $0.kind == .county || $0.kind == .city }
        .map { Choice(value: try $0.requireID().uuidString, label: $0.name, selected: try $0.requireID().uuidString == values["unitId"]) },
      questions: questionnaire.questions.filter { $0.kind == .fivePoint }.map { q in
        InterviewPage.Item(
          code: q.code, name: "a_" + q.code, text: req.locale == "en" ? q.textEn : q.textZh,
          options: questionnaire.scale.points.map {
            .init(value: String($0.code), label: $0.labelKey, checked: values[q.code] == String($0.code))
          }, error: localized[q.code])
      },
      commentName: "a_comment", action: Paths.governmentRating.link(), values: values, errors: localized, notice: notice)
    return try await req.page("surveys/government", page, status: status)
  }

  @Sendable static func government(req: Request) async throws -> Response { try await renderGovernment(req) }

  @Sendable static func recordGovernment(req: Request) async throws -> Response {
    let actor = try req.actor
    let form = try req.content.decode([String: String].self)
    var values = ["unitId": form["unitId"] ?? "", "agency": form["agency"] ?? "", "comment": form["a_comment"] ?? ""]
    var answers: [String: String] = [:]
    for (key, value) in form where key.hasPrefix("a_") {
      answers[String(key.dropFirst(2))] = value
      values[String(key.dropFirst(2))] = value
    }
    return try await req.submitForm {
      try WaveService.requireManager(actor)
      var errors = FieldErrors()
      let agency = Validate.text(form["agency"], field: "agency", max: Limits.name, into: &errors)
      try errors.throwIfAny()
      let unit = try await OrgUnit.findVisible(UUID(uuidString: form["unitId"] ?? ""), for: actor, on: req.db)
      let wave = try await currentWave(on: req.db, now: req.now)
      let questionnaire = ChannelQuestionnaires.government(scale: try wave.questionnaire.scale)
      let scored = try ResponseRecorder.score(ResponseDraft(answers: answers), questionnaire: questionnaire, locale: req.locale)
      try await req.db.transaction { tx in
        let id = try await ResponseRecorder.record(
          .init(
            waveID: wave.requireID(), unitID: unit.requireID(), sampleID: nil, segment: .unknown, channel: .government, weight: 1,
            answers: scored, answeredAt: req.now, recordedBy: actor.username, respondent: agency),
          questionnaire: questionnaire, on: tx)
        try await AuditLog.record(
          .create, entity: .surveyResponse, id: id.uuidString, actor: actor, before: NoSnapshot?.none,
          after: ["channel": "government", "agency": agency, "unit": unit.code], on: tx, at: req.now)
      }
      return try await renderGovernment(req, notice: req.t("government.recorded", agency, unit.name))
    } showAgain: { errors, status in
      try await renderGovernment(req, values: values, errors: errors, status: status)
    }
  }
}
