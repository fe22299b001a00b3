/// The eight service modules (关键模块) that surveys score and departments answer for
/// (ORG-MODULES).
public enum ServiceModule: String, Codable, Sendable, CaseIterable {
  case stability  // 供电稳定
  case safety  // 供电安全
  case billing  // 用电缴费
  case businessHandling  // 业务办理
  case hall  // 营业厅服务
  case hotline95598  // 95598热线
  case communication  // 客户沟通
  case problemHandling  // 问题处理
}
