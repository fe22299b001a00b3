import Fluent
import SQLKit
import Vapor

/// Health, readiness, metrics and the OpenAPI document: no login needed.
enum OperationsController {
  static func register(_ app: any RoutesBuilder) {
    app.get(Paths.healthz.components, use: healthz)
    app.get(Paths.readyz.components, use: readyz)
    app.get(Paths.metrics.components, use: metrics)
    app.get(Paths.openAPI.components, use: openAPI)
  }

  struct Status: Content {
    let status: String
  }

  @Sendable static func healthz(req: Request) async throws -> Status { Status(status: "ok") }

  /// Ready when the database answers a trivial query.
  @Sendable static func readyz(req: Request) async throws -> Response {
    do {
      let sql = req.db.sql
      try await sql.raw("SELECT 1").run()
      return try await Status(status: "ready").encodeResponse(for: req)
    } catch {
      req.logger.warning("readiness check failed: \(error)")
      return try await Status(status: "database unreachable").encodeResponse(status: .serviceUnavailable, for: req)
    }
  }

  @Sendable static func metrics(req: Request) async throws -> Response {
    Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4"], body: .init(string: WanjiaMetrics.exposition()))
  }

  @Sendable static func openAPI(req: Request) async throws -> Response {
    let path = req.application.directory.publicDirectory + "openapi.yaml"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw AppError.notFound("entity.document") }
    return Response(status: .ok, headers: ["Content-Type": "application/yaml; charset=utf-8"], body: .init(string: text))
  }
}
