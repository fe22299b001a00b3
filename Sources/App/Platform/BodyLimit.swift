import Vapor

/// How large a route's request body may be. Vapor collects a route's body only after the
/// middleware has run, but the CSRF check must read the form first; so a route that takes more
/// than the default keeps its limit on the route, and the check collects up to that limit.
enum BodyLimit {
  private static let key = AnySendableHashable("wanjia.bodyLimit")

  /// The limit registered for the request's route, or the application's default.
  static func of(_ request: Request) -> Int {
    (request.route?.userInfo[key] as? Int) ?? request.application.routes.defaultMaxBodySize.value
  }

  static func set(_ limit: ByteCount, on route: Route) {
    route.userInfo[key] = limit.value
  }

  /// Collects the body up to the route's limit; a larger body is a 413 that names the limit.
  static func collect(_ request: Request) async throws {
    let limit = of(request)
    do {
      _ = try await request.body.collect(max: limit).get()
    } catch let error as any AbortError where error.status == .payloadTooLarge {
      throw AppError.tooLarge(limitBytes: limit)
    }
  }
}

extension RoutesBuilder {
  /// A route whose body may exceed the default limit (uploads, imports): the body is collected up
  /// to `limit`, and the limit is kept on the route for the CSRF check.
  @discardableResult
  func post<Body: AsyncResponseEncodable>(
    _ path: RoutePath, bodyLimit limit: ByteCount, use handler: @Sendable @escaping (Request) async throws -> Body
  ) -> Route {
    let route = on(.POST, path.components, body: .collect(maxSize: limit), use: handler)
    BodyLimit.set(limit, on: route)
    return route
  }
}
