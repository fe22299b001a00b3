/// A department and the service modules it is answerable for.
public struct DepartmentDefinition: Sendable, Equatable {
  public let code: String
  public let nameZh: String
  public let nameEn: String
  public let modules: [ServiceModule]
}

/// The 14 departments with their module responsibilities (ORG-DEPARTMENTS), shipped as
/// default data that administrators may edit.
public enum DefaultDepartments {
  public static let all: [DepartmentDefinition] = [
    .init(
      code: "marketing", nameZh: "营销部", nameEn: "Marketing",
      modules: [.stability, .safety, .billing, .hall, .hotline95598, .communication, .problemHandling]),
    .init(
      code: "office", nameZh: "办公室", nameEn: "General office",
      modules: [.stability, .communication, .problemHandling]),
    .init(code: "hr", nameZh: "人力资源部", nameEn: "Human resources", modules: [.hall, .hotline95598]),
    .init(code: "finance", nameZh: "财务部", nameEn: "Finance", modules: [.billing, .problemHandling]),
    .init(code: "enterprise", nameZh: "企管部", nameEn: "Enterprise management", modules: [.communication]),
    .init(
      code: "planning", nameZh: "计划部", nameEn: "Planning",
      modules: [.stability, .businessHandling, .communication, .problemHandling]),
    .init(
      code: "production", nameZh: "生技部", nameEn: "Production technology",
      modules: [.stability, .safety, .businessHandling, .communication, .problemHandling]),
    .init(
      code: "construction", nameZh: "基建部", nameEn: "Construction",
      modules: [.stability, .safety, .communication, .problemHandling]),
    .init(
      code: "operation", nameZh: "系统运行部", nameEn: "System operation",
      modules: [.stability, .safety, .communication, .problemHandling]),
    .init(
      code: "logistics", nameZh: "物流中心", nameEn: "Logistics",
      modules: [.stability, .safety, .billing, .problemHandling]),
    .init(code: "safety", nameZh: "安监部", nameEn: "Safety supervision", modules: [.safety]),
    .init(
      code: "inspection", nameZh: "监察部", nameEn: "Discipline inspection",
      modules: [.communication, .problemHandling]),
    .init(
      code: "information", nameZh: "信息中心", nameEn: "Information centre",
      modules: [.stability, .billing, .hall, .hotline95598, .communication, .problemHandling]),
    .init(code: "publicity", nameZh: "政工部", nameEn: "Publicity", modules: [.communication, .problemHandling]),
  ]
}
