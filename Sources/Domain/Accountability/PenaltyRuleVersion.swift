import Foundation

/// A numbered version of the penalty rules and the day it takes effect (ACC-RULE-VERSIONS).
public typealias PenaltyRuleVersion = RuleVersion<PenaltyRuleSet>

extension PenaltyRuleSet: RuleDocument {}

extension PenaltyRuleSet {
  /// Absurd amounts are refused before anything is stored: ¥1,000,000 per line at most.
  public static let largestCeilingFen = 100_000_000

  /// The first field of an administrator's new rule set that cannot be used, as a path
  /// (`general.poor_attitude.maxFen`, `events.major.main.amount.minFen`, …); nil if it is sound.
  public func problem() -> String? {
    if ceilingFen <= 0 || ceilingFen > Self.largestCeilingFen { return "ceilingFen" }
    if !(1...10).contains(outsideChannelFactor) { return "outsideChannelFactor" }
    func check(_ range: FenRange, _ path: String) -> String? {
      if let field = range.problem { return "\(path).\(field)" }
      if range.minFen > ceilingFen || (range.maxFen ?? 0) > ceilingFen { return "\(path).minFen" }
      return nil
    }
    for cause in GeneralCause.allCases {
      let rules = general.filter { $0.cause == cause }
      guard rules.count == 1, let rule = rules.first else { return "general.\(cause.rawValue)" }
      if let problem = check(rule.amount, "general.\(cause.rawValue)") { return problem }
      if !(0...12).contains(rule.offDutyMonths) { return "general.\(cause.rawValue).offDutyMonths" }
    }
    for (framework, items) in [(CauseFramework.tenProhibitions, tenProhibitions), (.tenCommitments, tenCommitments)] {
      var codes = Set<String>()
      for item in items {
        let path = "\(framework.rawValue).\(item.code)"
        let code = item.code.trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 40 || !codes.insert(code).inserted { return "\(framework.rawValue).code" }
        if item.title.trimmingCharacters(in: .whitespaces).isEmpty || item.title.count > 200 { return "\(path).title" }
        if let problem = check(item.amount, path) { return problem }
      }
    }
    var pairs = Set<String>()
    for event in events {
      let path = "events.\(event.severity.rawValue).\(event.role.rawValue)"
      if event.severity == .general || event.role == .unit || !pairs.insert(path).inserted { return path }
      if let problem = check(event.amount, path) { return problem }
      if let low = event.sanctions.lowest, let high = event.sanctions.highest, low > high { return "\(path).sanctions" }
      if event.sanctions.lowest != nil && event.sanctions.highest == nil { return "\(path).sanctions" }
    }
    var channelCodes = Set<String>()
    for channel in outsideChannels {
      let code = channel.code.trimmingCharacters(in: .whitespaces)
      if code.isEmpty || code.count > 40 || !channelCodes.insert(code).inserted { return "outsideChannels.code" }
      if channel.name.trimmingCharacters(in: .whitespaces).isEmpty || channel.name.count > 100 { return "outsideChannels.\(code).name" }
    }
    return check(unitFalseReply, "unitFalseReply")
  }
}
