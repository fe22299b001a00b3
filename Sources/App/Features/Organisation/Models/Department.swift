import Domain
import Fluent
import Foundation

/// A functional department and the service modules it answers for (ORG-DEPARTMENTS).
final class Department: Model, @unchecked Sendable {
  static let schema = "departments"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

  // MARK: fields
  @Field(key: "code") var code: String
  @Field(key: "name_zh") var nameZh: String
  @Field(key: "name_en") var nameEn: String
  @EnumField(key: "modules") var moduleList: CodeList<ServiceModule>

  init() {}

  init(code: String, nameZh: String, nameEn: String, modules: [ServiceModule]) {
    self.code = code
    self.nameZh = nameZh
    self.nameEn = nameEn
    self.modules = modules
  }

  var modules: [ServiceModule] {
    get { moduleList.items }
    set { moduleList = CodeList(ServiceModule.allCases.filter(newValue.contains)) }
  }

  func name(locale: String) -> String { locale == "en" ? nameEn : nameZh }
}
