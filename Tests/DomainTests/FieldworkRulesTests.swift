import Foundation
import Testing

@testable import Domain

@Suite("Phone fieldwork rules")
struct FieldworkRulesTests {
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  @Test("Rule SV-FIELDWORK-ATTEMPTS: attempt limit 3 — the third unanswered call gives the customer up")
  func attemptLimit() {
    let rules = FieldworkRules.default
    #expect(rules.attemptLimit == 3)
    #expect(rules.step(after: .noAnswer, failedAttempts: 0, callbackAt: nil, now: now) == .retry(attempts: 1, at: now + 7200))
    #expect(rules.step(after: .busy, failedAttempts: 1, callbackAt: nil, now: now) == .retry(attempts: 2, at: now + 7200))
    #expect(rules.step(after: .noAnswer, failedAttempts: 2, callbackAt: nil, now: now) == .ended(.exhausted))
    let strict = FieldworkRules(attemptLimit: 1)
    #expect(strict.step(after: .busy, failedAttempts: 0, callbackAt: nil, now: now) == .ended(.exhausted))
  }

  @Test("Rule SV-FIELDWORK-OUTCOMES: refusal and wrong number end at once; a callback is no failed attempt")
  func finalAndCallback() {
    let rules = FieldworkRules.default
    #expect(rules.step(after: .refused, failedAttempts: 0, callbackAt: nil, now: now) == .ended(.refused))
    #expect(rules.step(after: .wrongNumber, failedAttempts: 0, callbackAt: nil, now: now) == .ended(.wrongNumber))
    #expect(rules.step(after: .completed, failedAttempts: 2, callbackAt: nil, now: now) == .completed)
    let later = now + 3600
    #expect(rules.step(after: .callback, failedAttempts: 2, callbackAt: later, now: now) == .callback(at: later))
    // A callback time in the past means "as soon as possible".
    #expect(rules.step(after: .callback, failedAttempts: 0, callbackAt: now - 60, now: now) == .callback(at: now))
  }
}
