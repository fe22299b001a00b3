import ConsoleKit
import Fluent
import Vapor

/// `serve` and `demo`: migrate the database (and for `demo`, fill an empty one with the demo
/// company), then hand over to Vapor's own serve command with the same flags.
struct MigratingServeCommand: AnyAsyncCommand {
  let serve: any AnyAsyncCommand
  let seedDemo: Bool

  var help: String {
    seedDemo
      ? "Migrates, creates the demo company on an empty database (printing its logins once), then serves. Takes --hostname and --port."
      : "Migrates the database, then serves. Takes --hostname and --port."
  }

  func run(using context: inout CommandContext) async throws {
    let app = context.application
    // Held while serving, so that `restore` refuses to replace the database under this server.
    app.storage[DataFolderLockKey.self] = try DataFolderLock.shared(dataDirectory: app.config.dataDirectory)
    try await app.autoMigrate()
    if seedDemo {
      if let logins = try await DemoSeed.seedIfEmpty(app) {
        DemoSeed.printLogins(logins, to: context.console)
      } else {
        context.console.info("The database already holds data; the demo company was not created again.")
      }
    }
    app.jobScheduler?.start(app)
    try await serve.run(using: &context)
  }

  func outputAutoComplete(using context: inout CommandContext) throws {
    try serve.outputAutoComplete(using: &context)
  }

  func outputHelp(using context: inout CommandContext) throws {
    context.console.output(help.consoleText())
    try serve.outputHelp(using: &context)
  }

  func renderCompletionFunctions(using context: CommandContext, shell: Shell) -> String {
    serve.renderCompletionFunctions(using: context, shell: shell)
  }
}

/// `migrate`: applies pending migrations without asking, so scripts can run it.
struct MigrateCommandWanjia: AsyncCommand {
  struct Signature: CommandSignature {}
  var help: String { "Applies every pending database migration." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let migrator = context.application.migrator
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
    context.console.info("Migrations are up to date.")
  }
}
