import Foundation

extension PenaltyRuleSet {
  /// The company's documented rules [002]: ACC-GENERAL-CAUSES, ACC-EVENT-SEVERITY,
  /// ACC-OUTSIDE-CHANNEL, ACC-UNIT-FALSE-REPLY; the ten prohibitions and commitments ship empty
  /// (ACC-COMPANY-RULES).
  public static let `default` = PenaltyRuleSet(
    general: [
      GeneralCauseRule(cause: .qualityError, amount: .yuan(100, 200)),
      GeneralCauseRule(cause: .qualityErrorWithLoss, amount: .yuan(200, 300)),
      GeneralCauseRule(cause: .poorAttitude, amount: .yuan(200, 500)),
      GeneralCauseRule(cause: .abusiveConduct, amount: .yuan(300, 600), offDutyMonths: 1, examRequired: true),
    ],
    tenProhibitions: [],
    tenCommitments: [],
    events: [
      // 严重投诉事件
      EventRoleRule(severity: .serious, role: .main, amount: .yuan(1000), sanctions: SanctionRange(highest: .probation)),
      EventRoleRule(severity: .serious, role: .secondary, amount: .yuan(800), sanctions: SanctionRange(highest: .majorDemerit)),
      EventRoleRule(severity: .serious, role: .supervisor, amount: .yuan(600), sanctions: .none),
      EventRoleRule(severity: .serious, role: .department, amount: .yuan(400), sanctions: .none),
      EventRoleRule(severity: .serious, role: .leader, amount: .yuan(400), sanctions: .none),
      // 重大投诉事件
      EventRoleRule(
        severity: .major, role: .main, amount: .yuan(800), sanctions: SanctionRange(lowest: .majorDemerit, highest: .dismissal)),
      EventRoleRule(
        severity: .major, role: .secondary, amount: .yuan(600), sanctions: SanctionRange(lowest: .demerit, highest: .dismissal)),
      EventRoleRule(severity: .major, role: .supervisor, amount: .yuan(500), sanctions: SanctionRange(lowest: .warning, highest: .removal)),
      EventRoleRule(
        severity: .major, role: .department, amount: .yuan(300), sanctions: SanctionRange(lowest: .demerit, highest: .demotion)),
      EventRoleRule(severity: .major, role: .leader, amount: .yuan(300), sanctions: SanctionRange(lowest: .warning, highest: .demotion)),
    ],
    outsideChannels: [
      OutsideChannel(code: "12398", name: "12398 能源监管热线"),
      OutsideChannel(code: "12345", name: "12345 政务服务便民热线"),
      OutsideChannel(code: "sgcc_hq", name: "国家电网公司总部"),
      OutsideChannel(code: "regulator", name: "电力监管机构"),
    ],
    outsideChannelFactor: 2,
    unitFalseReply: .yuan(500, 500),
    ceilingFen: 2_000_000
  )
}
