import ConsoleKit
import NIOConcurrencyHelpers

@testable import App

/// Captures what a command prints, so `analyze` runs in-process.
final class CapturingConsole: Console, @unchecked Sendable {
  private let lock = NIOLock()
  private var buffer = ""
  private var info: [AnySendableHashable: any Sendable] = [:]

  var text: String { lock.withLock { buffer } }
  var size: (width: Int, height: Int) { (120, 40) }
  var userInfo: [AnySendableHashable: any Sendable] {
    get { lock.withLock { info } }
    set { lock.withLock { info = newValue } }
  }

  func input(isSecure: Bool) -> String { "" }
  func output(_ text: ConsoleText, newLine: Bool) { lock.withLock { buffer += text.description + (newLine ? "\n" : "") } }
  func clear(_ type: ConsoleClear) {}
  func report(error: String, newLine: Bool) {}
}

/// Runs `wanjia analyze <arguments>` in-process; returns stdout or throws the one-line failure.
func analyzeInProcess(_ arguments: [String]) async throws -> String {
  let console = CapturingConsole()
  var context = CommandContext(console: console, input: CommandInput(arguments: ["wanjia analyze"] + arguments))
  try await AnalyzeCommands(exitOnFailure: false).run(using: &context)
  return console.text
}
