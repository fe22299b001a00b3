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
  /// Failed logins per client address before it is refused, and the window (defaults 20, 15 minutes).
  public var loginThrottle: LoginSourceThrottle
  /// Days an API token lasts (WANJIA_TOKEN_DAYS, default 90).
  public var tokenDays: Int
  /// Marks the session cookie `Secure` (WANJIA_SECURE_COOKIE=true): set it when users reach the
  /// server over HTTPS, usually through a reverse proxy.
  public var secureCookie: Bool
  /// Trusts the reverse proxy's `X-Forwarded-For` for the client address (WANJIA_BEHIND_PROXY=true);
  /// without a proxy a client could write any address there.
  public var behindProxy: Bool
  /// PostgreSQL connections per event loop (WANJIA_DB_CONNECTIONS, default 8).
  public var databaseConnections: Int

  public enum LogFormat: String, Sendable { case json, text }

  public init(
    database: Database, dataDirectory: String, bcryptCost: Int = 12, demoPassword: String? = nil,
    logFormat: LogFormat = .json, lockout: LoginLockoutPolicy = .default, databaseConnections: Int = 8,
    loginThrottle: LoginSourceThrottle = .default, tokenDays: Int = AppConfig.defaultTokenDays, secureCookie: Bool = false,
    behindProxy: Bool = false
  ) {
    self.database = database
    self.dataDirectory = dataDirectory
    self.bcryptCost = bcryptCost
    self.demoPassword = demoPassword
    self.logFormat = logFormat
    self.lockout = lockout
    self.databaseConnections = databaseConnections
    self.loginThrottle = loginThrottle
    self.tokenDays = tokenDays
    self.secureCookie = secureCookie
    self.behindProxy = behindProxy
  }

  public static let defaultTokenDays = 90

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
      databaseConnections: env["WANJIA_DB_CONNECTIONS"].flatMap(Int.init).map { min(max($0, 1), 64) } ?? 8,
      loginThrottle: LoginSourceThrottle(
        maxFailures: env["WANJIA_LOGIN_SOURCE_MAX_FAILURES"].flatMap(Int.init).map { max($0, 1) }
          ?? LoginSourceThrottle.default.maxFailures,
        windowMinutes: env["WANJIA_LOGIN_SOURCE_WINDOW_MINUTES"].flatMap(Int.init).map { max($0, 1) }
          ?? LoginSourceThrottle.default.windowMinutes),
      tokenDays: env["WANJIA_TOKEN_DAYS"].flatMap(Int.init).map { min(max($0, 1), 3650) } ?? defaultTokenDays,
      secureCookie: flag(env["WANJIA_SECURE_COOKIE"]),
      behindProxy: flag(env["WANJIA_BEHIND_PROXY"])
    )
  }

  private static func flag(_ value: String?) -> Bool {
    ["1", "true", "yes", "on"].contains((value ?? "").lowercased())
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
