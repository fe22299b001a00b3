import Vapor

/// Headers on every response: scripts and styles only from our own files (no inline script,
/// no inline event handlers), no framing, no content sniffing; and nothing a signed-in person
/// or an API client received is kept in a cache, so Back after sign-out shows no customer data.
/// Outermost, so error pages carry them too.
struct SecurityHeadersMiddleware: AsyncMiddleware {
  static let contentSecurityPolicy = [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
  ].joined(separator: "; ")

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let response = try await next.respond(to: request)
    let headers = [
      ("Content-Security-Policy", Self.contentSecurityPolicy), ("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"),
      ("Referrer-Policy", "same-origin"),
    ]
    for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
    if request.storage[ActorKey.self] != nil || request.isAPI {
      response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    }
    return response
  }
}

extension Request {
  /// The client's address: the connection's peer or, behind a reverse proxy that the
  /// configuration trusts (WANJIA_BEHIND_PROXY), the last address that proxy added to
  /// `X-Forwarded-For` (earlier ones are whatever the client sent).
  var clientAddress: String {
    if application.config.behindProxy,
      let last = headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
    {
      return String(last.prefix(64))
    }
    return remoteAddress?.ipAddress ?? "unknown"
  }
}
