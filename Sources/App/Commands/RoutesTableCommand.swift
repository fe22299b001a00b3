import Vapor

/// `wanjia routes [--json]`: every route with the query parameters it reads. The JSON form is
/// what the browser tests' fuzzing reads, so a new route is fuzzed without being listed anywhere.
struct RoutesTableCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Flag(name: "json", help: "Print JSON: method, path and query parameters of every route.")
    var json: Bool
  }

  struct Entry: Codable {
    let method: String
    let path: String
    let query: [QueryParameterInfo]
  }

  var help: String { "Lists every route and the query parameters it reads." }

  static func entries(_ app: Application) -> [Entry] {
    app.routes.all.map {
      Entry(method: $0.method.rawValue, path: "/" + $0.path.map(\.description).joined(separator: "/"), query: $0.queryParameters)
    }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
  }

  func run(using context: CommandContext, signature: Signature) async throws {
    let entries = Self.entries(context.application)
    if signature.json {
      let encoder = JSONCoding.encoder()
      context.console.output(String(decoding: try encoder.encode(entries), as: UTF8.self).consoleText())
    } else {
      for entry in entries {
        let query = entry.query.isEmpty ? "" : " ?" + entry.query.map(\.name).joined(separator: "&")
        context.console.output("\(entry.method.padding(toLength: 7, withPad: " ", startingAt: 0)) \(entry.path)\(query)".consoleText())
      }
    }
  }
}
