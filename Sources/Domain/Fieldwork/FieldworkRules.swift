import Foundation

/// How a telephone interview attempt ended (SV-FIELDWORK-OUTCOMES).
public enum CallOutcome: String, Codable, Sendable, CaseIterable {
  case completed
  case noAnswer = "no_answer"
  case busy
  case refused
  case wrongNumber = "wrong_number"
  /// The customer asked to be called back at a given time.
  case callback
}

/// What happens to a sampled customer after a call.
public enum FieldworkStep: Equatable, Sendable {
  case completed
  /// Try again later; `attempts` failed attempts so far.
  case retry(attempts: Int, at: Date)
  case callback(at: Date)
  /// No interview with this customer: the stratum's next reserve customer takes the place.
  case ended(FieldworkEnd)
}

public enum FieldworkEnd: String, Sendable {
  case refused
  case wrongNumber = "wrong_number"
  /// The attempt limit was reached.
  case exhausted
}

/// Attempt limit and retry spacing of phone fieldwork; data with defaults a company may change.
public struct FieldworkRules: Sendable, Equatable, Codable {
  /// Unanswered or busy calls before a customer is given up (default 3).
  public var attemptLimit: Int
  /// Wait before the next try after no answer or busy.
  public var retryAfterMinutes: Int
  /// How long an interviewer holds a customer before others may get them.
  public var claimMinutes: Int

  public init(attemptLimit: Int = 3, retryAfterMinutes: Int = 120, claimMinutes: Int = 30) {
    self.attemptLimit = attemptLimit
    self.retryAfterMinutes = retryAfterMinutes
    self.claimMinutes = claimMinutes
  }

  public static let `default` = FieldworkRules()

  /// The next step after a call. A callback arranged with the customer is not a failed attempt.
  public func step(after outcome: CallOutcome, failedAttempts: Int, callbackAt: Date?, now: Date) -> FieldworkStep {
    switch outcome {
    case .completed: return .completed
    case .refused: return .ended(.refused)
    case .wrongNumber: return .ended(.wrongNumber)
    case .callback: return .callback(at: max(callbackAt ?? now, now))
    case .noAnswer, .busy:
      let attempts = failedAttempts + 1
      if attempts >= attemptLimit { return .ended(.exhausted) }
      return .retry(attempts: attempts, at: now.addingTimeInterval(Double(retryAfterMinutes) * 60))
    }
  }
}
