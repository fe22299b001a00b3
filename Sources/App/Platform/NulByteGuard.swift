import Vapor

/// Refuses text input that carries a NUL character (raw, `%00` or the JSON escape `\u0000`):
/// PostgreSQL cannot store it in text, and no person types it. Checked once here for the URL
/// and every JSON or form body, so that no query or insert ever sees it. Binary uploads (files
/// in multipart bodies) are not text and are not checked.
struct NulByteGuard: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if request.url.string.range(of: "%00") != nil { throw Self.refusal }
    if let type = request.headers.contentType, type == .json || type == .urlEncodedForm,
      let body = request.body.data, Self.containsNul(body)
    {
      throw Self.refusal
    }
    return try await next.respond(to: request)
  }

  static let refusal = AppError(.badRequest, code: "invalid_characters", key: "error.nul_character")

  static func containsNul(_ buffer: ByteBuffer) -> Bool {
    let bytes = buffer.readableBytesView
    if bytes.contains(0) { return true }
    // The JSON escape \u0000 (any case of the hex digits is just zeros).
    let pattern = Array(#"\u0000"#.utf8)
    return bytes.indices.contains { start in
      bytes[start] == pattern[0] && bytes[start...].starts(with: pattern)
    }
  }
}
