import Domain
import Fluent
import Foundation

// What Organisation offers other features, and all of it they may name (FeatureBoundaryTests):
// `DepartmentModules`. Units themselves live in the Directory, which every feature may use.

/// Which departments answer for which service modules (rule ORG-DEPARTMENTS).
enum DepartmentModules {
  /// The names of the departments answering for each module, in the reader's language and in
  /// the departments' code order.
  static func names(locale: String, on db: any Database) async throws -> [ServiceModule: [String]] {
    var names: [ServiceModule: [String]] = [:]
    for department in try await Department.query(on: db).sort(\.$code).all() {
      for module in department.modules { names[module, default: []].append(department.name(locale: locale)) }
    }
    return names
  }
}
