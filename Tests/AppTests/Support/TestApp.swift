import Fluent
import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import Testing
import Vapor
import VaporTesting

@testable import App

/// Runs `body` against a freshly configured and migrated app: in-memory SQLite by default, or a
/// fresh PostgreSQL database (created and dropped around the test) when TEST_DATABASE_URL is set.
/// `sqliteFile` uses a SQLite file (WAL, busy wait) instead of memory, as a server does: the
/// shared in-memory database locks whole tables, which parallel writers cannot wait for.
func withApp(sqliteFile: Bool = false, _ body: (Application) async throws -> Void) async throws {
  let app = try await Application.make(.testing)
  app.logger.logLevel = .error
  let database = try await TestDatabase.make()
  do {
    let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-test-\(UUID().uuidString)").path
    var config = database.config
    if sqliteFile, case .sqliteMemory = config { config = .sqliteFile(dataDir + "/wanjia.sqlite") }
    try await configure(app, AppConfig(database: config, dataDirectory: dataDir, bcryptCost: 4, logFormat: .text))
    try await app.autoMigrate()
    try await body(app)
  } catch {
    try? await app.asyncShutdown()
    await database.drop()
    throw error
  }
  try await app.asyncShutdown()
  await database.drop()
}

/// True when the suites run against PostgreSQL.
var testingOnPostgres: Bool { ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] != nil }

enum TestDatabaseError: Error { case badURL(String) }

struct TestDatabase {
  let config: AppConfig.Database
  let adminURL: String?
  let name: String?

  static func make() async throws -> TestDatabase {
    guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] else {
      return TestDatabase(config: .sqliteMemory, adminURL: nil, name: nil)
    }
    let name = "wanjia_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    try await run("CREATE DATABASE \(name)", adminURL: url)
    guard var components = URLComponents(string: url) else { throw TestDatabaseError.badURL(url) }
    components.path = "/" + name
    return TestDatabase(config: .postgres(components.string ?? url), adminURL: url, name: String(name))
  }

  func drop() async {
    guard let adminURL, let name else { return }
    try? await Self.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", adminURL: adminURL)
  }

  static func run(_ sql: String, adminURL: String) async throws {
    let config = try SQLPostgresConfiguration(url: adminURL).coreConfiguration
    let connection = try await PostgresConnection.connect(
      on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config, id: 1, logger: Logger(label: "test-db")
    ).get()
    do {
      try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test-db"))
    } catch {
      try? await connection.close()
      throw error
    }
    try await connection.close()
  }
}
