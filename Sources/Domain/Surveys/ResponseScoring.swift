import Foundation

/// What an interviewer or respondent entered, keyed by question code, before validation.
public struct ResponseDraft: Sendable, Equatable {
  public var answers: [String: String]
  /// Modules the customer did not use ("did not use this service"): their questions need no
  /// answer and any answers to them are ignored.
  public var skippedModules: Set<ServiceModule>

  public init(answers: [String: String] = [:], skippedModules: Set<ServiceModule> = []) {
    self.answers = answers
    self.skippedModules = skippedModules
  }
}

/// One validated answer. `value` is nil for text; `topBox` is set only for scale items, where it
/// says whether the answer counts towards 满意率.
public struct ScoredAnswer: Codable, Sendable, Equatable {
  public let questionCode: String
  public let raw: String
  public let value: Double?
  public let topBox: Bool?

  public init(questionCode: String, raw: String, value: Double?, topBox: Bool?) {
    self.questionCode = questionCode
    self.raw = raw
    self.value = value
    self.topBox = topBox
  }
}

/// Why a draft cannot be stored, naming the question so the form can point at it.
public struct AnswerProblem: Error, Sendable, Equatable {
  public let questionCode: String
  public let reason: Reason

  public enum Reason: String, Sendable {
    case missing
    case outOfRange
    case notANumber
    case tooLong
    case unknownQuestion
  }

  public init(questionCode: String, reason: Reason) {
    self.questionCode = questionCode
    self.reason = reason
  }
}

extension Questionnaire {
  /// Validates and scores a draft (SV-ANSWER-VALIDATION: five-point items take the scale's value,
  /// CSI items their 1–10 number). Answers are trimmed and an empty one counts as no answer. The
  /// first problem in questionnaire order is reported; answers to codes this questionnaire does not
  /// have come after all its own questions (smallest code first) and are always refused, so a draft
  /// built for another version cannot be stored silently.
  public func score(_ draft: ResponseDraft) -> Result<[ScoredAnswer], AnswerProblem> {
    var scored: [ScoredAnswer] = []
    for question in questions {
      if let module = question.module, draft.skippedModules.contains(module) { continue }
      let raw = (draft.answers[question.code] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      if raw.isEmpty {
        if question.required { return .failure(AnswerProblem(questionCode: question.code, reason: .missing)) }
        continue
      }
      switch scoreOne(question, raw: raw) {
      case .success(let answer): scored.append(answer)
      case .failure(let problem): return .failure(problem)
      }
    }
    let known = Set(questions.map(\.code))
    if let unknown = draft.answers.keys.filter({ !known.contains($0) }).sorted().first {
      return .failure(AnswerProblem(questionCode: unknown, reason: .unknownQuestion))
    }
    return .success(scored)
  }

  private func scoreOne(_ question: Question, raw: String) -> Result<ScoredAnswer, AnswerProblem> {
    func problem(_ reason: AnswerProblem.Reason) -> Result<ScoredAnswer, AnswerProblem> {
      .failure(AnswerProblem(questionCode: question.code, reason: reason))
    }
    switch question.kind {
    case .fivePoint:
      guard let code = Int(raw) else { return problem(.notANumber) }
      guard let point = scale.point(code: code) else { return problem(.outOfRange) }
      return .success(
        ScoredAnswer(questionCode: question.code, raw: raw, value: point.value, topBox: scale.isTopBox(code: code)))
    case .tenPoint:
      guard let number = Int(raw) else { return problem(.notANumber) }
      guard (1...10).contains(number) else { return problem(.outOfRange) }
      return .success(ScoredAnswer(questionCode: question.code, raw: raw, value: Double(number), topBox: nil))
    case .text:
      if let limit = question.maxLength, raw.count > limit { return problem(.tooLong) }
      return .success(ScoredAnswer(questionCode: question.code, raw: raw, value: nil, topBox: nil))
    }
  }
}
