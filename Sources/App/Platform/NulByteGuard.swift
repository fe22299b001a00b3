import Vapor

/// NUL (U+0000) is refused in everything a request brings: PostgreSQL cannot store it in text
/// (a 500) and SQLite cuts the text at it (silent loss), and no person types it. One rule, held
/// at each door text comes in by:
/// - the URL, here (raw or `%00`);
/// - JSON, form and multipart bodies, in the content decoders (`NulRefusingDecoder`), which see
///   every body a handler decodes, however it arrived;
/// - imported tables (CSV, XLSX) in the one tabular reader, JSON lines in their reader, by line.
/// Binary uploads (attachments) are not text and are not checked.
struct NulByteGuard: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if request.url.string.utf8.contains(0) || request.url.string.range(of: "%00") != nil { throw NulCharacters.urlRefusal }
    return try await next.respond(to: request)
  }
}

enum NulCharacters {
  /// Which spellings of NUL a text format has besides the raw byte (raw tables: `Tabular`).
  enum Format {
    /// The escape `\u0000` (outside an escaped backslash).
    case json
    /// `%00`.
    case form
  }

  static let refusalCode = ErrorCode.invalidCharacters
  static let urlRefusal = AppError(.badRequest, code: refusalCode, key: "error.nul_character", field: "url")

  /// The line (from 1) of the first NUL, or nil when there is none.
  static func firstLine<Bytes: RandomAccessCollection>(in bytes: Bytes, format: Format) -> Int? where Bytes.Element == UInt8 {
    var line = 1
    var i = bytes.startIndex
    while i != bytes.endIndex {
      let b = bytes[i]
      switch b {
      case 0: return line
      case 0x0A: line += 1
      case UInt8(ascii: "\\") where format == .json:
        let next = bytes.index(after: i)
        if next != bytes.endIndex, bytes[next] == UInt8(ascii: "u"), bytes[bytes.index(after: next)...].starts(with: Self.zeros4) {
          return line
        }
        // An escaped character (`\\`, `\"`, …) is skipped whole.
        if next != bytes.endIndex { i = next }
      case UInt8(ascii: "%") where format == .form:
        if bytes[bytes.index(after: i)...].starts(with: Self.zeros2) { return line }
      default: break
      }
      i = bytes.index(after: i)
    }
    return nil
  }

  private static let zeros4 = Array("0000".utf8)
  private static let zeros2 = Array("00".utf8)

  /// The 400 that names the line with a NUL.
  static func refusal(line: Int) -> AppError {
    var error = AppError(
      .badRequest, code: refusalCode, key: "error.nul_character_line", args: [String(line)], field: "line \(line)")
    error.lines = [.init(line: line, field: "line", key: "error.nul_character_line", args: [String(line)])]
    return error
  }

  static func refuse<Bytes: RandomAccessCollection>(in bytes: Bytes, format: Format) throws where Bytes.Element == UInt8 {
    if let line = firstLine(in: bytes, format: format) { throw refusal(line: line) }
  }

  /// A form field with NUL: the message is in words (a page shows it), the field names the
  /// input for API callers.
  static func refusal(field: String) -> AppError {
    AppError(.badRequest, code: refusalCode, key: "error.nul_character", field: field)
  }

  /// The name of the first field of a URL-encoded form whose name or value holds NUL (raw or
  /// `%00`), or nil.
  static func firstFormField<Bytes: RandomAccessCollection>(in bytes: Bytes) -> String? where Bytes.Element == UInt8 {
    for pair in bytes.split(separator: UInt8(ascii: "&")) where firstLine(in: pair, format: .form) != nil {
      let name = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
      let decoded = String(decoding: name, as: UTF8.self).replacingOccurrences(of: "+", with: " ")
      let readable = (decoded.removingPercentEncoding ?? decoded).replacingOccurrences(of: "\0", with: "")
      return readable.isEmpty ? "body" : readable
    }
    return nil
  }

  /// The path of the first string holding NUL in a decoded value (multipart forms, whose text
  /// parts have no escapes to scan for), or nil.
  static func firstField(in value: Any, path: String = "") -> String? {
    if let text = value as? String { return text.utf8.contains(0) ? (path.isEmpty ? "body" : path) : nil }
    for (index, child) in Mirror(reflecting: value).children.enumerated() {
      let name = child.label.map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 } ?? String(index)
      if let found = firstField(in: child.value, path: path.isEmpty ? name : path + "." + name) { return found }
    }
    return nil
  }
}

/// Wraps a content decoder so that no decoded body carries NUL: JSON and form bodies are scanned
/// as bytes (naming the line), multipart values after decoding (naming the field).
struct NulRefusingDecoder: ContentDecoder {
  let wrapped: any ContentDecoder
  let format: NulCharacters.Format?

  func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
    try decode(decodable, from: body, headers: headers, userInfo: [:])
  }

  func decode<D: Decodable>(
    _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
  ) throws -> D {
    switch format {
    case .form?:
      if let field = NulCharacters.firstFormField(in: body.readableBytesView) { throw NulCharacters.refusal(field: field) }
    case let format?:
      try NulCharacters.refuse(in: body.readableBytesView, format: format)
    case nil:
      break
    }
    let value = try wrapped.decode(decodable, from: body, headers: headers, userInfo: userInfo)
    if format == nil, let field = NulCharacters.firstField(in: value) { throw NulCharacters.refusal(field: field) }
    return value
  }

  /// Installs the wrappers for JSON, forms and multipart (once per process; idempotent).
  static func install() {
    var content = ContentConfiguration.default()
    // Answers are written with the app's JSON configuration; JSON bodies' dates are checked as
    // they are read (JSONDecoder.requestBodies).
    content.use(encoder: JSONCoding.encoder(), for: .json)
    content.use(decoder: JSONDecoder.requestBodies, for: .json)
    for (type, format) in [(HTTPMediaType.json, NulCharacters.Format.json), (.urlEncodedForm, .form)] {
      if let decoder = try? content.requireDecoder(for: type) {
        content.use(decoder: NulRefusingDecoder(wrapped: decoder, format: format), for: type)
      }
    }
    if let decoder = try? content.requireDecoder(for: .formData) {
      content.use(decoder: NulRefusingDecoder(wrapped: decoder, format: nil), for: .formData)
    }
    ContentConfiguration.global = content
  }
}
