import Foundation

/// A set of rules a company changes — penalty amounts, scorecard weights, reliability thresholds,
/// notice limits — kept as a document with versions (rule ORG-RULE-VERSIONS).
public protocol RuleDocument: Codable, Hashable, Sendable {
  /// The first field of a new document that cannot be used, as a path (`general.poor_attitude.maxFen`,
  /// `ieeeSustainedMinutes`); nil if it is sound.
  func problem() -> String?
}

/// A numbered version of a rule document and the day it takes effect (rule ORG-RULE-VERSIONS).
public struct RuleVersion<Rules: RuleDocument>: Hashable, Sendable {
  public var number: Int
  public var effectiveFrom: CivilDate
  public var rules: Rules

  public init(number: Int, effectiveFrom: CivilDate, rules: Rules) {
    self.number = number
    self.effectiveFrom = effectiveFrom
    self.rules = rules
  }

  /// The version in force on a day: the latest that took effect on or before it.
  public static func inForce(on day: CivilDate, among versions: [Self]) -> Self? {
    versions.filter { $0.effectiveFrom <= day }.max { ($0.effectiveFrom, $0.number) < ($1.effectiveFrom, $1.number) }
  }

  /// Why a new version may not be saved: it takes effect before `today` (the past stays judged
  /// under the rules then in force) or on a day another version already starts.
  public static func scheduleProblem(effectiveFrom: CivilDate, today: CivilDate, existing: [Self]) -> String? {
    if effectiveFrom < today { return "effectiveFrom" }
    if existing.contains(where: { $0.effectiveFrom == effectiveFrom }) { return "effectiveFrom" }
    return nil
  }
}
