import ConsoleKit
import Foundation
import SQLKit
import Vapor

/// `backup FILE`: a consistent copy of the live database — SQLite's online backup API, or
/// `pg_dump` in custom format for PostgreSQL.
struct BackupCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "file") var file: String
  }

  var help: String { "Writes a backup of the database to FILE while the server keeps running." }

  func run(using context: CommandContext, signature: Signature) async throws {
    try DatabaseBackup.backup(context.application.config.database, to: signature.file)
    context.console.info("Backup written to \(signature.file).")
  }
}

/// `restore FILE`: replaces the database's contents with a backup made by `backup`. Refused
/// while a server uses the data folder (it holds `wanjia.lock`) or, on PostgreSQL, while other
/// sessions are connected to the database, unless `--force`.
struct RestoreCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "file") var file: String
    @Flag(name: "force", help: "Restore even though a server seems to be using the database") var force: Bool
  }

  var help: String { "Replaces the database with the backup in FILE (stop the servers first, or pass --force)." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    let lock = try DataFolderLock.exclusive(dataDirectory: app.config.dataDirectory)
    if !signature.force {
      guard lock != nil else {
        throw CommandFailure(
          "a server is using \(app.config.dataDirectory) (it holds \(DataFolderLock.path(in: app.config.dataDirectory))); stop it first, or pass --force"
        )
      }
      if let others = try await DatabaseBackup.otherSessions(app), others > 0 {
        throw CommandFailure("\(others) other sessions are connected to the database; stop the servers first, or pass --force")
      }
    }
    try withExtendedLifetime(lock) { try DatabaseBackup.restore(app.config.database, from: signature.file) }
    context.console.info("Database restored from \(signature.file).")
  }
}

/// Backup and restore for either database, called by the commands and by tests.
enum DatabaseBackup {
  static func backup(_ database: AppConfig.Database, to file: String) throws {
    switch database {
    case .sqliteFile(let path):
      try SQLiteBackup.copy(from: path, to: file)
    case .sqliteMemory:
      throw CommandFailure("an in-memory database cannot be backed up")
    case .postgres(let url):
      try ExternalTool.run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)", "--dbname=\(url)"])
    }
  }

  /// On PostgreSQL, the sessions of other processes on this database (servers on any host);
  /// nil for SQLite, whose servers the data-folder lock shows.
  static func otherSessions(_ app: Application) async throws -> Int? {
    guard case .postgres = app.config.database else { return nil }
    return try await app.db.sql.raw(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    ).first()?.decode(column: "n", as: Int.self)
  }

  static func restore(_ database: AppConfig.Database, from file: String) throws {
    guard FileManager.default.fileExists(atPath: file) else {
      throw CommandFailure("no backup file at \(file)")
    }
    switch database {
    case .sqliteFile(let path):
      try SQLiteBackup.copy(from: file, to: path)
    case .sqliteMemory:
      throw CommandFailure("an in-memory database cannot be restored")
    case .postgres(let url):
      try ExternalTool.run(
        "pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", file])
    }
  }
}

/// Runs a database client tool found on PATH, failing with its own error output.
enum ExternalTool {
  static func run(_ tool: String, _ arguments: [String]) throws {
    let paths =
      (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
      + ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]
    guard let executable = paths.map({ $0 + "/" + tool }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw CommandFailure("\(tool) was not found; install the PostgreSQL client tools (Debian: postgresql-client)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let output = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CommandFailure("\(tool) failed: \(String(decoding: output, as: UTF8.self))")
    }
  }
}
