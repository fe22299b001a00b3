import Foundation

/// The causes of an ordinary (general) complaint outside the company's own rule sets
/// (ACC-GENERAL-CAUSES).
public enum GeneralCause: String, Codable, Sendable, CaseIterable {
  /// 工作质量问题，未造成客户利益损失
  case qualityError = "quality_error"
  /// 工作质量问题，造成客户利益损失
  case qualityErrorWithLoss = "quality_error_with_loss"
  /// 态度欠佳
  case poorAttitude = "poor_attitude"
  /// 态度恶劣
  case abusiveConduct = "abusive_conduct"
}

/// Which rule list a case's cause comes from (ACC-COMPANY-RULES).
public enum CauseFramework: String, Codable, Sendable, CaseIterable {
  case general
  /// 员工服务"十个不准"
  case tenProhibitions = "ten_prohibitions"
  /// 供电服务"十项承诺"
  case tenCommitments = "ten_commitments"
}

/// A person's part in a case (ACC-EVENT-SEVERITY), or the unit itself (ACC-UNIT-FALSE-REPLY).
public enum ResponsibilityRole: String, Codable, Sendable, CaseIterable {
  /// 主要责任者
  case main
  /// 次要责任者
  case secondary
  /// 直接责任者所在车间领导
  case supervisor
  /// 负有管理责任的部门负责人
  case department
  /// 负有领导责任的单位正职、分管副职
  case leader
  /// 责任单位（弄虚作假、隐瞒真相）
  case unit
}

public struct GeneralCauseRule: Hashable, Codable, Sendable {
  public var cause: GeneralCause
  public var amount: FenRange
  /// Months off duty for retraining (待岗学习); 0 for none.
  public var offDutyMonths: Int
  /// Back on duty only after a recorded passed exam.
  public var examRequired: Bool

  public init(cause: GeneralCause, amount: FenRange, offDutyMonths: Int = 0, examRequired: Bool = false) {
    self.cause = cause
    self.amount = amount
    self.offDutyMonths = offDutyMonths
    self.examRequired = examRequired
  }
}

/// One item of a company's own rule set (one of the ten prohibitions or commitments).
public struct CompanyRuleItem: Hashable, Codable, Sendable {
  public var code: String
  public var title: String
  public var amount: FenRange

  public init(code: String, title: String, amount: FenRange) {
    self.code = code
    self.title = title
    self.amount = amount
  }
}

/// One person's line for serious and major events.
public struct EventRoleRule: Hashable, Codable, Sendable {
  public var severity: Severity
  public var role: ResponsibilityRole
  public var amount: FenRange
  public var sanctions: SanctionRange

  public init(severity: Severity, role: ResponsibilityRole, amount: FenRange, sanctions: SanctionRange) {
    self.severity = severity
    self.role = role
    self.amount = amount
    self.sanctions = sanctions
  }
}

/// An outside supervisory channel whose verified complaints are assessed double (ACC-OUTSIDE-CHANNEL).
public struct OutsideChannel: Hashable, Codable, Sendable {
  public var code: String
  public var name: String

  public init(code: String, name: String) {
    self.code = code
    self.name = name
  }
}

/// The penalty rules in force from one date (ACC-RULE-VERSIONS): data an administrator replaces
/// by a new version, with the company's documented numbers as defaults.
public struct PenaltyRuleSet: Hashable, Codable, Sendable {
  public var general: [GeneralCauseRule]
  public var tenProhibitions: [CompanyRuleItem]
  public var tenCommitments: [CompanyRuleItem]
  public var events: [EventRoleRule]
  public var outsideChannels: [OutsideChannel]
  /// Every amount is multiplied by this for a complaint through an outside channel.
  public var outsideChannelFactor: Int
  /// A unit's false or concealed reply, per case; always with a circulated criticism.
  public var unitFalseReply: FenRange
  /// The upper bound of open ranges ("not less than"): no line may exceed it before doubling.
  public var ceilingFen: Int

  public init(
    general: [GeneralCauseRule], tenProhibitions: [CompanyRuleItem], tenCommitments: [CompanyRuleItem],
    events: [EventRoleRule], outsideChannels: [OutsideChannel], outsideChannelFactor: Int, unitFalseReply: FenRange,
    ceilingFen: Int
  ) {
    self.general = general
    self.tenProhibitions = tenProhibitions
    self.tenCommitments = tenCommitments
    self.events = events
    self.outsideChannels = outsideChannels
    self.outsideChannelFactor = outsideChannelFactor
    self.unitFalseReply = unitFalseReply
    self.ceilingFen = ceilingFen
  }

  public func generalRule(_ cause: GeneralCause) -> GeneralCauseRule? { general.first { $0.cause == cause } }

  public func items(of framework: CauseFramework) -> [CompanyRuleItem] {
    switch framework {
    case .general: return []
    case .tenProhibitions: return tenProhibitions
    case .tenCommitments: return tenCommitments
    }
  }

  public func eventRule(_ severity: Severity, _ role: ResponsibilityRole) -> EventRoleRule? {
    events.first { $0.severity == severity && $0.role == role }
  }

  public func channel(_ code: String) -> OutsideChannel? { outsideChannels.first { $0.code == code } }
}
