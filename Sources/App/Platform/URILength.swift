import Vapor

/// A URL longer than any page or API of the product makes (8 KiB) is answered 414 with the
/// usual error body. Beyond 80 KiB of request line and headers NIO's HTTP parser stops before
/// a request exists and the connection is closed; a reverse proxy in front answers those 414
/// itself (see README).
struct URILengthMiddleware: AsyncMiddleware {
  static let limit = 8 * 1024

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard request.url.string.utf8.count <= Self.limit else {
      throw AppError(.uriTooLong, code: .uriTooLong, key: "error.uri_too_long", args: [String(Self.limit / 1024)], field: "url")
    }
    return try await next.respond(to: request)
  }
}
