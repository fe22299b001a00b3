import Foundation
import Testing

@testable import Domain

@Suite("Survey response scoring")
struct ResponseScoringTests {
  /// Every required item answered: module items "4" (80, top box), CSI items "7".
  static func fullDraft() -> ResponseDraft {
    var answers: [String: String] = [:]
    for question in Questionnaire.standard.questions where question.required {
      answers[question.code] = question.kind == .fivePoint ? "4" : "7"
    }
    return ResponseDraft(answers: answers, skippedModules: [])
  }

  static func problem(_ draft: ResponseDraft, in q: Questionnaire = .standard) -> AnswerProblem? {
    if case .failure(let problem) = q.score(draft) { return problem }
    return nil
  }

  @Test("Rule SV-ANSWER-VALIDATION: five-point answers score the scale value, ten-point answers their number")
  func scoresCompleteDraft() throws {
    // Setup
    var draft = Self.fullDraft()
    draft.answers["m.hall.2"] = " 2 "
    draft.answers["comment"] = "  抢修很及时  "
    // Act
    let scored = try Questionnaire.standard.score(draft).get()
    // Check: 24 + 14 + comment = 39, in questionnaire order.
    #expect(scored.count == 39)
    #expect(scored.map(\.questionCode) == Questionnaire.standard.questions.map(\.code))
    #expect(scored[0] == ScoredAnswer(questionCode: "m.stability.1", raw: "4", value: 80, topBox: true))
    // "2" = not very satisfied = 40, not top box; raw is trimmed.
    let byCode = Dictionary(uniqueKeysWithValues: scored.map { ($0.questionCode, $0) })
    #expect(byCode["m.hall.2"] == ScoredAnswer(questionCode: "m.hall.2", raw: "2", value: 40, topBox: false))
    #expect(byCode["csi.loyalty.2"] == ScoredAnswer(questionCode: "csi.loyalty.2", raw: "7", value: 7, topBox: nil))
    #expect(scored.last == ScoredAnswer(questionCode: "comment", raw: "抢修很及时", value: nil, topBox: nil))
  }

  @Test(
    "Rule SV-ANSWER-VALIDATION: invalid answers are refused with the question and the reason",
    arguments: [
      ("m.billing.1", "", AnswerProblem.Reason.missing),
      ("m.billing.1", "   ", .missing),
      ("m.billing.1", "good", .notANumber),
      ("m.billing.1", "4.0", .notANumber),
      ("m.billing.1", "6", .outOfRange),
      ("m.billing.1", "0", .outOfRange),
      ("csi.image.1", "0", .outOfRange),
      ("csi.image.1", "11", .outOfRange),
      ("csi.image.1", "7.5", .notANumber),
      ("comment", String(repeating: "电", count: 501), .tooLong),
    ])
  func refusals(code: String, raw: String, reason: AnswerProblem.Reason) {
    var draft = Self.fullDraft()
    draft.answers[code] = raw
    #expect(Self.problem(draft) == AnswerProblem(questionCode: code, reason: reason))
  }

  @Test("Rule SV-ANSWER-VALIDATION: boundary answers are accepted (codes 1 and 5, CSI 1 and 10, 500-char comment)")
  func boundaries() {
    var draft = Self.fullDraft()
    draft.answers["m.billing.1"] = "1"
    draft.answers["m.billing.2"] = "5"
    draft.answers["csi.image.1"] = "1"
    draft.answers["csi.image.2"] = "10"
    draft.answers["comment"] = String(repeating: "电", count: 500)
    #expect(Self.problem(draft) == nil)
  }

  @Test("Rule SV-ANSWER-VALIDATION: a required question without an answer is missing; optional ones may stay blank")
  func missingAndOptional() throws {
    var draft = Self.fullDraft()
    draft.answers["csi.satisfaction.2"] = nil
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "csi.satisfaction.2", reason: .missing))
    // SERVQUAL items and the comment are optional: the full draft passes the SERVQUAL variant.
    let scored = try Questionnaire.standardWithServqual.score(Self.fullDraft()).get()
    #expect(scored.count == 38)
  }

  @Test("Rule SV-ANSWER-VALIDATION: 'did not use this service' skips a module: no answer needed, answers ignored")
  func skippedModule() throws {
    // Setup: hall unanswered except one invalid answer; 95598 answered validly.
    var draft = Self.fullDraft()
    for question in Questionnaire.standard.questions(in: .hall) { draft.answers[question.code] = nil }
    draft.answers["m.hall.1"] = "abc"
    draft.skippedModules = [.hall, .hotline95598]
    // Act
    let scored = try Questionnaire.standard.score(draft).get()
    // Check: 39 − 1 (comment blank) − 6 skipped = 32, none of hall or 95598.
    #expect(scored.count == 32)
    #expect(!scored.contains { $0.questionCode.hasPrefix("m.hall.") || $0.questionCode.hasPrefix("m.hotline95598.") })
  }

  @Test("Rule SV-ANSWER-VALIDATION: answers to unknown questions are refused")
  func unknownQuestion() {
    var draft = Self.fullDraft()
    draft.answers["m.parking.1"] = "5"
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "m.parking.1", reason: .unknownQuestion))
    // SERVQUAL codes are unknown to the standard questionnaire.
    draft = Self.fullDraft()
    draft.answers["sq.empathy.e"] = "8"
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "sq.empathy.e", reason: .unknownQuestion))
    #expect(Self.problem(draft, in: .standardWithServqual) == nil)
  }

  @Test("Rule SV-ANSWER-VALIDATION: the first problem in questionnaire order is reported, unknown codes last")
  func firstProblem() {
    var draft = Self.fullDraft()
    draft.answers["aaa"] = "1"  // unknown, sorts first but comes after the questionnaire
    draft.answers["comment"] = String(repeating: "x", count: 600)
    draft.answers["csi.image.1"] = "12"
    draft.answers["m.safety.3"] = "x"
    draft.answers["m.safety.2"] = nil
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "m.safety.2", reason: .missing))
    draft.answers["m.safety.2"] = "3"
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "m.safety.3", reason: .notANumber))
    draft.answers["m.safety.3"] = "3"
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "csi.image.1", reason: .outOfRange))
    draft.answers["csi.image.1"] = "3"
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "comment", reason: .tooLong))
    draft.answers["comment"] = nil
    #expect(Self.problem(draft) == AnswerProblem(questionCode: "aaa", reason: .unknownQuestion))
  }
}
