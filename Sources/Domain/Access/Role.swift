/// What a person does in the service loop; a user holds one or more.
public enum Role: String, Codable, Sendable, CaseIterable {
  case admin
  case agent  // 95598 坐席
  case lead  // 班长
  case handler  // 基层处理人
  case reviewer  // 营销部审核
  case staff  // 部门人员
  case analyst
  case surveyor  // 访员
  case leader  // read-only dashboards; approves accountability batches (优质服务领导小组)
  case hr  // 人力资源部: performance pay and deductions
  case inspector  // 明查暗访: inspects stations and closes findings

  /// Parses a list of role codes, naming the first unknown one.
  public static func parseList(_ codes: [String]) -> Result<[Role], UnknownRole> {
    var roles: [Role] = []
    for code in codes {
      guard let role = Role(rawValue: code) else { return .failure(UnknownRole(code: code)) }
      if !roles.contains(role) { roles.append(role) }
    }
    return .success(roles)
  }
}

public struct UnknownRole: Error, Equatable, Sendable {
  public let code: String
}
