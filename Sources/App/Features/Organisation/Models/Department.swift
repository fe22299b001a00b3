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
  /// Module codes, comma-separated so both databases store them alike.
  @Field(key: "modules") var modulesList: String

  init() {}

  init(code: String, nameZh: String, nameEn: String, modules: [ServiceModule]) {
    self.code = code
    self.nameZh = nameZh
    self.nameEn = nameEn
    self.modules = modules
  }

  var modules: [ServiceModule] {
    get { modulesList.split(separator: ",").compactMap { ServiceModule(rawValue: String($0)) } }
    set { modulesList = ServiceModule.allCases.filter(newValue.contains).map(\.rawValue).joined(separator: ",") }
  }

  func name(locale: String) -> String { locale == "en" ? nameEn : nameZh }
}
