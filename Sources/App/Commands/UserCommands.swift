import ConsoleKit
import Domain
import Fluent
import Vapor

/// `user create`: the first administrator of a new installation, or any account from a script.
struct UserCommands: AsyncCommandGroup {
  var help: String { "Manages user accounts." }
  var commands: [String: any AnyAsyncCommand] { ["create": CreateUserCommand()] }
}

struct CreateUserCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "username") var username: String
    @Option(name: "name", help: "Display name (default: the username)") var displayName: String?
    @Option(name: "unit", help: "Unit code the user belongs to") var unit: String?
    @Option(name: "roles", help: "Comma-separated roles, e.g. admin or agent,lead") var roles: String?
    @Option(name: "password", help: "Password (default: read WANJIA_NEW_PASSWORD, else generated)") var password: String?
  }

  var help: String { "Creates a user: user create USERNAME --unit CODE --roles admin[,…] [--name NAME] [--password P]" }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    try await app.autoMigrate()
    let db = app.db
    guard let code = signature.unit, let unit = try await OrgUnit.query(on: db).filter(\.$code == code).first() else {
      throw CommandFailure("--unit must name an existing unit code")
    }
    let generated = DemoSeed.randomPassword()
    let password = signature.password ?? ProcessInfo.processInfo.environment["WANJIA_NEW_PASSWORD"] ?? generated
    do {
      let user = try await UserService.create(
        .init(
          username: signature.username, displayName: signature.displayName ?? signature.username, password: password,
          unitID: unit.requireID().uuidString, roles: (signature.roles ?? "").split(separator: ",").map(String.init)),
        actor: nil, on: db, hasher: app.password.async)
      context.console.info("Created \(user.username) at \(unit.name).")
      if password == generated { context.console.output("Password: \(generated)".consoleText()) }
    } catch let failure as ValidationFailure {
      let text = failure.errors.localized(app.localizer, "en").map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
      throw CommandFailure(text)
    } catch let error as AppError {
      throw CommandFailure("\(error.field ?? ""): \(app.localizer.text(error.messageKey, locale: "en", args: error.args))")
    }
  }
}

struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
