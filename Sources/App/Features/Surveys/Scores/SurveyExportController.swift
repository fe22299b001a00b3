import Domain
import Fluent
import Spreadsheet
import Vapor

/// XLSX downloads of a wave: every response with its raw answers, and the scores per unit,
/// module, segment and channel.
enum SurveyExportController {
  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.surveyWaveResponsesXLSX.components, use: responses)
    pages.get(Paths.surveyWaveScoresXLSX.components, use: scores)
  }

  @Sendable static func responses(req: Request) async throws -> Response {
    let actor = try req.actor
    try WaveService.requireManager(actor)
    let wave = try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
    let units = try await OrgUnit.visible(to: actor, on: req.db)
    let byID = Dictionary(uniqueKeysWithValues: try units.map { (try $0.requireID(), $0) })
    let responses = try await SurveyResponse.query(on: req.db).filter(\.$wave.$id == wave.requireID())
      .filter(\.$unit.$id ~~ units.compactMap(\.id)).sort(\.$answeredAt).all()
    let questionnaire = try wave.questionnaire
    let questions = questionnaire.questions.map(\.code)
    let english = req.locale == "en"
    var raw: [UUID: [String: String]] = [:]
    for chunk in stride(from: 0, to: responses.count, by: 500) {
      let ids = responses[chunk..<min(chunk + 500, responses.count)].compactMap(\.id)
      for answer in try await SurveyAnswer.query(on: req.db).filter(\.$response.$id ~~ ids).all() {
        raw[answer.$response.id, default: [:]][answer.questionCode] = answer.raw
      }
    }
    let t = { (key: String) in req.t(key) }
    var rows: [[SpreadsheetCell]] = [
      [
        t("survey.unit_code"), t("survey.unit"), t("survey.channel"), t("survey.segment"), t("survey.design_weight"),
        t("survey.answered_at"), t("survey.respondent"),
      ].map(SpreadsheetCell.text) + questionnaire.questions.map { .text(english ? $0.textEn : $0.textZh) }
    ]
    for response in responses {
      let unit = byID[response.$unit.id]
      let answers = raw[try response.requireID()] ?? [:]
      rows.append(
        [
          .text(unit?.code ?? ""), .text(unit?.name ?? ""), .text(t("survey.channel.\(response.channel.rawValue)")),
          .text(response.segment.customerSegment.map { t("survey.segment.\($0.rawValue)") } ?? ""), .number(response.weight),
          .text(DisplayFormat.dateTime(response.answeredAt)), .text(response.respondent ?? ""),
        ] + questions.map { code in answers[code].map { Int($0).map(SpreadsheetCell.integer) ?? .text($0) } ?? .empty })
    }
    // The answers are the scale's codes, which analysts compute with; the legend names them.
    let legend: [[SpreadsheetCell]] =
      [[.text(t("survey.answer_code")), .text(t("survey.answer_meaning")), .text(t("survey.answer_score"))]]
      + questionnaire.scale.points.map { [.integer($0.code), .text(t($0.labelKey)), .number($0.value)] }
    let book = SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(name: t("survey.export_responses"), rows: rows), SpreadsheetSheet(name: t("survey.answer_legend"), rows: legend),
    ])
    return try XLSXDownload.response(book, name: "\(wave.code)-responses.xlsx")
  }

  @Sendable static func scores(req: Request) async throws -> Response {
    let actor = try req.actor
    let wave = try await WaveService.find(try req.uuidParameter("waveID", entity: "entity.survey_wave"), on: req.db)
    let scores = try await ScoreService.scores(wave: wave, actor: actor, on: req.db)
    let t = { (key: String) in req.t(key) }
    let header = [
      t("survey.unit_code"), t("survey.unit"), t("survey.dimension"), "n", t("survey.satisfaction"), "CI −", "CI +",
      t("survey.satisfaction_rate"), "CI −", "CI +", t("survey.small_sample"),
    ].map(SpreadsheetCell.text)
    func row(_ unit: OrgUnit, _ label: String, _ accumulator: ScoreAccumulator?) -> [SpreadsheetCell]? {
      guard let s = accumulator?.summary() else { return nil }
      return [
        .text(unit.code), .text(unit.name), .text(label), .integer(s.n), .number(s.mean), .number(s.meanCI.low),
        .number(s.meanCI.high), .number(s.satisfactionRate), .number(s.rateCI.low), .number(s.rateCI.high),
        .text(s.smallSample ? t("survey.small_sample") : ""),
      ]
    }
    var overall: [[SpreadsheetCell]] = [
      [
        t("survey.unit_code"), t("survey.unit"), "n", t("survey.satisfaction"), t("survey.satisfaction_rate"),
        t("survey.assessment_target"), t("survey.stretch_target"), t("survey.result"), t("survey.change"),
      ].map(SpreadsheetCell.text)
    ]
    var modules = [header], segments = [header], channels = [header]
    for unit in scores.units {
      if let s = unit.overall.summary() {
        overall.append([
          .text(unit.unit.code), .text(unit.unit.name), .integer(s.n), .number(s.mean), .number(s.satisfactionRate),
          unit.target.map { .number($0.assessment) } ?? .empty, unit.target.map { .number($0.stretch) } ?? .empty,
          unit.target.map { .text(t("survey.outcome.\($0.outcome(for: s.mean).rawValue)")) } ?? .empty,
          unit.previous.map { .number(s.mean - $0) } ?? .empty,
        ])
      }
      modules += ServiceModule.allCases.compactMap { row(unit.unit, t("module.\($0.rawValue)"), unit.modules[$0]) }
      segments += CustomerSegment.allCases.compactMap { row(unit.unit, t("survey.segment.\($0.rawValue)"), unit.segments[$0]) }
      channels += unit.channels.keys.sorted().compactMap { row(unit.unit, t("survey.channel.\($0)"), unit.channels[$0]) }
    }
    let book = SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(name: t("survey.overall"), rows: overall), SpreadsheetSheet(name: t("survey.modules"), rows: modules),
      SpreadsheetSheet(name: t("survey.segments"), rows: segments), SpreadsheetSheet(name: t("survey.channels"), rows: channels),
    ])
    return try XLSXDownload.response(book, name: "\(wave.code)-scores.xlsx")
  }
}
