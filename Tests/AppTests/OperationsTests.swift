import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Operations endpoints and the OpenAPI document")
struct OperationsTests {
  @Test("healthz, readyz and metrics answer without login")
  func probes() async throws {
    try await withApp { app in
      // Setup: an empty app
      // Act: call healthz, readyz, an API path and metrics without login
      // Check: each answers; metrics count requests and durations by path
      #expect(try await app.api(.GET, Paths.healthz.link(), token: nil).status == .ok)
      let ready = try await app.api(.GET, Paths.readyz.link(), token: nil)
      #expect(ready.status == .ok)
      #expect(ready.body.string.contains("ready"))
      _ = try await app.api(.GET, Paths.apiMe.link(), token: nil)
      let metrics = try await app.api(.GET, Paths.metrics.link(), token: nil)
      #expect(metrics.status == .ok)
      let text = metrics.body.string
      #expect(text.contains("http_requests_total"))
      #expect(text.contains("http_request_duration_seconds_bucket"))
      #expect(text.contains(Paths.apiMe.link()))
    }
  }

  @Test("Every API route is documented in the OpenAPI document with its method")
  func openAPICoversRoutes() async throws {
    try await withApp { app in
      // Setup: an empty app
      // Act: fetch the OpenAPI document
      let res = try await app.api(.GET, Paths.openAPI.link(), token: nil)
      // Check: OpenAPI 3.1, listing every /api/v1 route with its method
      #expect(res.status == .ok)
      let doc = res.body.string
      #expect(doc.hasPrefix("openapi: 3.1"))
      let documented = OpenAPIIndex(yaml: doc)
      for route in app.routes.all {
        let path =
          "/"
          + route.path.map { component -> String in
            if case .parameter(let name) = component { return "{\(name)}" }
            return component.description
          }.joined(separator: "/")
        guard path.hasPrefix("/api/v1") else { continue }
        #expect(
          documented.has(path: path, method: route.method.rawValue.lowercased()), "\(route.method) \(path) is missing from openapi.yaml")
      }
    }
  }

  /// The values of the first `enum: [...]` on a line of the document that contains `marker`.
  static func documentedEnum(_ doc: String, lineWith marker: String) -> Set<String> {
    guard let line = doc.split(separator: "\n").first(where: { $0.contains(marker) && $0.contains("enum: [") }),
      let list = line.components(separatedBy: "enum: [").last?.split(separator: "]").first
    else { return [] }
    return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
  }

  @Test("The OpenAPI document lists exactly the error codes (ErrorCode) and audit entities (AuditEntity) the server has")
  func openAPIEnums() async throws {
    try await withApp { app in
      // Setup: an empty app
      // Act: fetch the OpenAPI document
      let doc = try await app.api(.GET, Paths.openAPI.link(), token: nil).body.string
      // Check: its enums equal ErrorCode and AuditEntity
      #expect(Self.documentedEnum(doc, lineWith: "invalid_field") == Set(ErrorCode.allCases.map(\.rawValue)))
      #expect(Self.documentedEnum(doc, lineWith: "name: entity,") == Set(AuditEntity.allCases.map(\.rawValue)))
    }
  }

  @Test("An unknown API path is a JSON 404, an unknown page an HTML 404")
  func notFound() async throws {
    try await withApp { app in
      // Setup: an empty app
      // Act: get an unknown API path and an unknown page
      let api = try await app.api(.GET, "/api/v1/nothing", token: nil)
      // Check: a JSON not_found and an HTML 404 page
      #expect(api.status == .notFound)
      #expect(api.apiError?.code == "not_found")
      let page = try await PageClient(app).get("/no-such-page")
      #expect(page.status == .notFound)
      #expect(page.body.string.contains("id=\"error-status\">404"))
    }
  }

  @Test("Started outside its folder, the app refuses with a message naming the missing Resources/Locales")
  func missingResources() async throws {
    // Setup: an app whose working folder does not exist
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    app.directory = DirectoryConfiguration(workingDirectory: "/nonexistent-wanjia-folder/")
    // Act: configure it
    // Check: it refuses, naming the missing Resources/Locales
    await #expect {
      try await configure(app, AppConfig(database: .sqliteMemory, dataDirectory: "/tmp", bcryptCost: 4, logFormat: .text))
    } throws: { error in
      "\(error)".contains("/nonexistent-wanjia-folder/Resources/Locales does not exist")
    }
    try await app.asyncShutdown()
  }
}

/// The paths and methods of an OpenAPI YAML document, read from its indentation (two spaces for
/// a path, four for a method), which is how Public/openapi.yaml is written.
struct OpenAPIIndex {
  var operations: Set<String> = []

  init(yaml: String) {
    var currentPath: String?
    var inPaths = false
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("paths:") { inPaths = true; continue }
      if inPaths, let first = line.first, first != " " { inPaths = false }
      guard inPaths else { continue }
      if line.hasPrefix("  /"), line.hasSuffix(":") {
        currentPath = String(line.dropFirst(2).dropLast())
      } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path = currentPath {
        let key = line.trimmingCharacters(in: .whitespaces).dropLast()
        operations.insert("\(key) \(path)")
      }
    }
  }

  func has(path: String, method: String) -> Bool { operations.contains("\(method) \(path)") }
}
