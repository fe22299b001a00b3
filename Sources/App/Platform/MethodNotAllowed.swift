import Vapor

/// A path that exists under other methods answers 405 with `Allow` naming them (RFC 9110), so a
/// client learns what it may do instead of being told the page does not exist. Checked only
/// when the answer would be a 404: either no route matched, or the router took a constant
/// segment for a parameter (GET /api/v1/work-orders/import is not the order "import").
struct MethodNotAllowedMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: request)
    } catch let error as any AbortError where error.status == .notFound {
      let allowed = Self.methods(for: request.url.path, in: request.application.routes.all)
      guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
      var refusal = AppError(.methodNotAllowed, code: .methodNotAllowed, key: "error.method_not_allowed")
      refusal.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
      throw refusal
    }
  }

  /// The methods of the routes whose path matches, in a fixed order. As in the router, a
  /// constant segment wins over a parameter: /work-orders/import is not a work order's id.
  static func methods(for path: String, in routes: [Route]) -> [String] {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    var candidates = routes.filter { route in
      guard route.path.count == parts.count || route.path.last == .catchall else { return false }
      return zip(route.path, parts).allSatisfy { component, part in
        if case .constant(let text) = component { return text == part }
        return true
      }
    }
    for (i, part) in parts.enumerated() {
      let constantHere = candidates.contains { i < $0.path.count && $0.path[i] == .constant(String(part)) }
      if constantHere { candidates.removeAll { i < $0.path.count && $0.path[i] != .constant(String(part)) } }
    }
    return Array(Set(candidates.map(\.method.rawValue))).sorted()
  }
}
