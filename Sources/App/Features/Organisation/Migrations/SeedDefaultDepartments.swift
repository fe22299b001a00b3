import Domain
import Fluent

/// The 14 departments of ORG-DEPARTMENTS as initial data; administrators edit them afterwards.
struct SeedDefaultDepartments: AsyncMigration {
  func prepare(on database: any Database) async throws {
    for d in DefaultDepartments.all {
      try await Department(code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, modules: d.modules).create(on: database)
    }
  }

  func revert(on database: any Database) async throws {
    try await Department.query(on: database).filter(\.$code ~~ DefaultDepartments.all.map(\.code)).delete()
  }
}
