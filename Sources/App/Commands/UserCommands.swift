import ConsoleKit
import Domain
import Fluent
import Vapor

/// `user create`: the first administrator of a new installation, or any account from a script.
struct UserCommands: AsyncCommandGroup {
  /// Where `create` reads the password; tests supply it.
  var readPassword: @Sendable (any Console) -> String? = NewPassword.read
  var help: String { "Manages user accounts." }
  var commands: [String: any AnyAsyncCommand] { ["create": CreateUserCommand(readPassword: readPassword)] }
}

/// The new password from standard input, never from the command line, where other users of
/// the machine see it (`ps`) and the shell keeps it in its history: typed twice at a hidden
/// prompt on a terminal, otherwise the first line piped in.
enum NewPassword {
  static func read(_ console: any Console) -> String? {
    guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
    console.output("Password: ".consoleText(), newLine: false)
    let first = console.input(isSecure: true)
    console.output("Repeat the password: ".consoleText(), newLine: false)
    return console.input(isSecure: true) == first ? first : nil
  }
}

struct CreateUserCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "username") var username: String
    @Option(name: "name", help: "Display name (default: the username)") var displayName: String?
    @Option(name: "unit", help: "Unit code the user belongs to") var unit: String?
    @Option(name: "roles", help: "Comma-separated roles, e.g. admin or agent,lead") var roles: String?
  }
  let readPassword: @Sendable (any Console) -> String?

  var help: String {
    "Creates a user: user create USERNAME --unit CODE --roles admin[,…] [--name NAME]; the password is typed at the prompt or piped to standard input"
  }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    try await app.autoMigrate()
    let db = app.db
    guard let code = signature.unit, let unit = try await OrgUnit.query(on: db).filter(\.$code == code).first() else {
      throw CommandFailure("--unit must name an existing unit code")
    }
    guard let password = readPassword(context.console), !password.isEmpty else {
      throw CommandFailure("no password: type it twice at the prompt, or pipe it to standard input")
    }
    do {
      let user = try await UserService.create(
        .init(
          username: signature.username, displayName: signature.displayName ?? signature.username, password: password,
          unitID: unit.requireID().uuidString, roles: (signature.roles ?? "").split(separator: ",").map(String.init)),
        actor: nil, on: db, credentials: app.credentials, now: app.clock.now())
      context.console.info("Created \(user.username) at \(unit.name).")
    } catch let failure as ValidationFailure {
      let text = failure.errors.localized(app.localizer, "en").map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
      throw CommandFailure(text)
    } catch let error as AppError {
      throw CommandFailure("\(error.field ?? ""): \(app.localizer.text(error.messageKey, locale: "en", args: error.args))")
    }
  }
}
