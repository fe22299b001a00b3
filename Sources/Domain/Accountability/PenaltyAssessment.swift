import Foundation

/// The cause a reviewer chose for a case: an item of a rule list (ACC-COMPANY-RULES).
public struct CaseCause: Hashable, Codable, Sendable {
  public var framework: CauseFramework
  /// A `GeneralCause` raw value, or an item code of the company's rule set.
  public var code: String

  public init(framework: CauseFramework, code: String) {
    self.framework = framework
    self.code = code
  }

  public static func general(_ cause: GeneralCause) -> CaseCause { CaseCause(framework: .general, code: cause.rawValue) }
}

/// What one proposed line is assessed under.
public struct LineQuestion: Hashable, Sendable {
  public var cause: CaseCause
  public var severity: Severity
  public var role: ResponsibilityRole
  public var outsideChannel: String?

  public init(cause: CaseCause, severity: Severity, role: ResponsibilityRole, outsideChannel: String? = nil) {
    self.cause = cause
    self.severity = severity
    self.role = role
    self.outsideChannel = outsideChannel
  }
}

/// The range a line's amount must lie in and the sanctions it may carry, after doubling.
public struct LineRange: Hashable, Sendable {
  public var minFen: Int
  /// nil: open range (bounded by `ceilingFen`).
  public var maxFen: Int?
  public var defaultFen: Int
  public var ceilingFen: Int
  public var sanctions: SanctionRange
  public var doubled: Bool
  public var offDutyMonths: Int
  public var examRequired: Bool
  public var circulatedCriticism: Bool

  public func contains(_ amountFen: Int) -> Bool { amountFen >= minFen && amountFen <= (maxFen ?? ceilingFen) }
}

/// Why a line does not fit the rules; `field` names what to correct.
public struct PenaltyRuleError: Error, Hashable, Sendable {
  public enum Reason: String, Sendable {
    case unknownCause = "unknown_cause"
    case unknownChannel = "unknown_channel"
    case roleNotInRule = "role_not_in_rule"
    case amountOutOfRange = "amount_out_of_range"
    case sanctionNotAllowed = "sanction_not_allowed"
    case sanctionRequired = "sanction_required"
  }
  public var reason: Reason
  public var field: String
}

extension PenaltyRuleSet {
  /// ACC-GENERAL-CAUSES, ACC-COMPANY-RULES, ACC-EVENT-SEVERITY, ACC-OUTSIDE-CHANNEL,
  /// ACC-UNIT-FALSE-REPLY: the range for one line.
  public func range(for question: LineQuestion) -> Result<LineRange, PenaltyRuleError> {
    var factor = 1
    if let code = question.outsideChannel {
      guard channel(code) != nil else { return .failure(PenaltyRuleError(reason: .unknownChannel, field: "outsideChannel")) }
      factor = outsideChannelFactor
    }
    var amount: FenRange
    var sanctions = SanctionRange.none
    var offDuty = 0
    var exam = false
    var criticism = false
    if question.role == .unit {
      amount = unitFalseReply
      criticism = true
    } else if question.severity == .general {
      guard let rule = causeRange(question.cause) else {
        return .failure(PenaltyRuleError(reason: .unknownCause, field: "cause"))
      }
      amount = rule.amount
      offDuty = rule.offDutyMonths
      exam = rule.examRequired
    } else {
      guard let rule = eventRule(question.severity, question.role) else {
        return .failure(PenaltyRuleError(reason: .roleNotInRule, field: "role"))
      }
      amount = rule.amount
      sanctions = rule.sanctions
    }
    let ceiling = ceilingFen.multipliedReportingOverflow(by: factor)
    guard let scaled = amount.multiplied(by: factor), !ceiling.overflow else {
      return .failure(PenaltyRuleError(reason: .amountOutOfRange, field: "amountFen"))
    }
    amount = scaled
    return .success(
      LineRange(
        minFen: amount.minFen, maxFen: amount.maxFen, defaultFen: amount.defaultFen, ceilingFen: ceiling.partialValue,
        sanctions: sanctions, doubled: factor != 1, offDutyMonths: offDuty, examRequired: exam, circulatedCriticism: criticism))
  }

  /// The amount and sanction a reviewer proposes, checked against the line's range.
  public func check(_ question: LineQuestion, amountFen: Int, sanction: Sanction?) -> Result<LineRange, PenaltyRuleError> {
    range(for: question).flatMap { range in
      guard range.contains(amountFen) else {
        return .failure(PenaltyRuleError(reason: .amountOutOfRange, field: "amountFen"))
      }
      guard range.sanctions.allows(sanction) else {
        let reason: PenaltyRuleError.Reason = sanction == nil ? .sanctionRequired : .sanctionNotAllowed
        return .failure(PenaltyRuleError(reason: reason, field: "sanction"))
      }
      return .success(range)
    }
  }

  /// A company item of the framework, else the general cause of the same code: the company rule
  /// sets ship empty and fall back to the general ranges (ACC-COMPANY-RULES).
  func causeRange(_ cause: CaseCause) -> (amount: FenRange, offDutyMonths: Int, examRequired: Bool)? {
    if let item = items(of: cause.framework).first(where: { $0.code == cause.code }) { return (item.amount, 0, false) }
    guard let general = GeneralCause(rawValue: cause.code), let rule = generalRule(general) else { return nil }
    return (rule.amount, rule.offDutyMonths, rule.examRequired)
  }

  /// The causes a reviewer may choose under a framework: its items, or the general causes while
  /// the company has filled in none.
  public func causeChoices(_ framework: CauseFramework) -> [CaseCause] {
    let items = self.items(of: framework)
    if items.isEmpty { return general.map { CaseCause(framework: framework, code: $0.cause.rawValue) } }
    return items.map { CaseCause(framework: framework, code: $0.code) }
  }
}
