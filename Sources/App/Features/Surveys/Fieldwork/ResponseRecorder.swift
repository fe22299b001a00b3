import Domain
import Fluent
import Foundation
import SQLKit

/// Stores one completed questionnaire and its scored answers, whatever channel it came from.
enum ResponseRecorder {
  struct Entry: Sendable {
    let waveID: UUID
    let unitID: UUID
    let sampleID: UUID?
    let segment: ResponseSegment
    let channel: ResponseChannel
    let weight: Double
    let answers: [ScoredAnswer]
    let answeredAt: Date
    let recordedBy: String
    var respondent: String? = nil
  }

  /// Scores a draft against the wave's questionnaire; a problem names the question.
  static func score(_ draft: ResponseDraft, questionnaire: Questionnaire, locale: String = "zh-CN") throws -> [ScoredAnswer] {
    switch questionnaire.score(draft) {
    case .success(let answers): return answers
    case .failure(let problem):
      let question = questionnaire.questions.first { $0.code == problem.questionCode }
      let label = question.map { locale == "en" ? $0.textEn : $0.textZh } ?? problem.questionCode
      throw AppError.invalid(problem.questionCode, "survey.answer.\(problem.reason.rawValue)", label)
    }
  }

  @discardableResult
  static func record(_ entry: Entry, questionnaire: Questionnaire, on db: any Database) async throws -> UUID {
    let response = SurveyResponse()
    response.id = UUID()
    response.$wave.id = entry.waveID
    response.$unit.id = entry.unitID
    response.$sample.id = entry.sampleID
    response.segment = entry.segment
    response.respondent = entry.respondent
    response.channel = entry.channel
    response.weight = entry.weight
    response.comment = entry.answers.first { $0.value == nil && !$0.raw.isEmpty }?.raw
    response.answeredAt = entry.answeredAt
    response.recordedBy = entry.recordedBy
    try await response.create(on: db)
    let sql = db.sql
    guard !entry.answers.isEmpty else { return try response.requireID() }
    let questions = Dictionary(uniqueKeysWithValues: questionnaire.questions.map { ($0.code, $0) })
    var insert = sql.insert(into: SurveyAnswer.schema).columns(
      "response_id", "wave_id", "unit_id", "question_code", "module", "construct", "raw", "value", "top_box", "weight",
      "segment", "channel")
    for answer in entry.answers {
      let question = questions[answer.questionCode]
      insert = insert.values([
        SQLBind(try response.requireID()), SQLBind(entry.waveID), SQLBind(entry.unitID), SQLBind(answer.questionCode),
        SQLBind(question?.module?.rawValue), SQLBind(question?.construct?.rawValue), SQLBind(answer.raw), SQLBind(answer.value),
        SQLBind(answer.topBox), SQLBind(entry.weight), SQLBind(entry.segment.rawValue), SQLBind(entry.channel.rawValue),
      ])
    }
    try await insert.run()
    return try response.requireID()
  }
}
