import Domain
import Foundation
import Vapor

/// Everything a deployment sets through the environment, read once at start-up.
public struct AppConfig: Sendable {
  public enum Database: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)
  }

  public var database: Database
  public var dataDirectory: String
  public var bcryptCost: Int
  public var demoPassword: String?
  public var logFormat: LogFormat
  /// Failed logins before a lock, and its length (defaults 5 and 15 minutes).
  public var lockout: LoginLockoutPolicy
  /// PostgreSQL connections per event loop (WANJIA_DB_CONNECTIONS, default 8).
  public var databaseConnections: Int

  public enum LogFormat: String, Sendable { case json, text }

  public init(
    database: Database, dataDirectory: String, bcryptCost: Int = 12, demoPassword: String? = nil,
    logFormat: LogFormat = .json, lockout: LoginLockoutPolicy = .default, databaseConnections: Int = 8
  ) {
    self.database = database
    self.dataDirectory = dataDirectory
    self.bcryptCost = bcryptCost
    self.demoPassword = demoPassword
    self.logFormat = logFormat
    self.lockout = lockout
    self.databaseConnections = databaseConnections
  }

  /// WANJIA_DATA_DIR (default ./data) holds the SQLite file and uploads; DATABASE_URL=postgres://…
  /// switches to PostgreSQL.
  public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfig {
    let dataDir = env["WANJIA_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
    let database: Database
    if let url = env["DATABASE_URL"], url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
      database = .postgres(url)
    } else {
      database = .sqliteFile((dataDir as NSString).appendingPathComponent("wanjia.sqlite"))
    }
    return AppConfig(
      database: database,
      dataDirectory: dataDir,
      bcryptCost: env["WANJIA_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 31) } ?? 12,
      demoPassword: env["WANJIA_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
      logFormat: LogFormat(rawValue: env["WANJIA_LOG_FORMAT"] ?? "") ?? .json,
      lockout: LoginLockoutPolicy(
        maxFailures: env["WANJIA_LOGIN_MAX_FAILURES"].flatMap(Int.init).map { max($0, 1) } ?? LoginLockoutPolicy.default.maxFailures,
        lockMinutes: env["WANJIA_LOGIN_LOCK_MINUTES"].flatMap(Int.init).map { max($0, 1) } ?? LoginLockoutPolicy.default.lockMinutes),
      databaseConnections: env["WANJIA_DB_CONNECTIONS"].flatMap(Int.init).map { min(max($0, 1), 64) } ?? 8
    )
  }
}

struct AppConfigKey: StorageKey {
  typealias Value = AppConfig
}

extension Application {
  var config: AppConfig {
    get {
      // configure(_:_:) stores it before anything else runs; its absence is a programming error.
      guard let config = storage[AppConfigKey.self] else { preconditionFailure("configure(app, config) has not run") }
      return config
    }
    set { storage[AppConfigKey.self] = newValue }
  }
}
