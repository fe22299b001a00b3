import Vapor

/// An error a person or client can act on: an HTTP status, a stable machine code, a locale key
/// for the message, and the field it concerns.
struct AppError: AbortError, Sendable {
  let status: HTTPResponseStatus
  let code: ErrorCode
  let messageKey: String
  let args: [String]
  let field: String?
  /// Per-line problems of a rejected import.
  var lines: [ImportFailure.Line] = []
  /// Headers the answer carries (`Allow` with a 405).
  var headers: HTTPHeaders = [:]

  init(_ status: HTTPResponseStatus, code: ErrorCode, key: String, args: [String] = [], field: String? = nil) {
    self.status = status
    self.code = code
    self.messageKey = key
    self.args = args
    self.field = field
  }

  var reason: String { messageKey }

  static func notFound(_ entityKey: String) -> AppError {
    AppError(.notFound, code: .notFound, key: "error.not_found", args: [entityKey])
  }
  static let forbidden = AppError(.forbidden, code: .forbidden, key: "error.forbidden")
  static let unauthorized = AppError(.unauthorized, code: .unauthorized, key: "error.unauthorized")
  static let csrf = AppError(.forbidden, code: .csrfInvalid, key: "error.csrf")
  /// A request body over its route's limit, which the message names in MB.
  static func tooLarge(limitBytes: Int) -> AppError {
    let mb = max(1, limitBytes / (1024 * 1024))
    return AppError(.payloadTooLarge, code: .tooLarge, key: "error.too_large", args: [String(mb)])
  }

  static func invalid(_ field: String, _ key: String, _ args: String...) -> AppError {
    AppError(.unprocessableEntity, code: .invalidField, key: key, args: args, field: field)
  }
  static func conflict(_ field: String?, _ key: String, _ args: String...) -> AppError {
    AppError(.conflict, code: .conflict, key: key, args: args, field: field)
  }
}

/// The API's `error.code` values: what a client may branch on. Stable; documented in
/// `Public/openapi.yaml`.
enum ErrorCode: String, Codable, Sendable, CaseIterable {
  case accountLocked = "account_locked"
  case badRequest = "bad_request"
  case calendarYearMissing = "calendar_year_missing"
  case conflict
  case csrfInvalid = "csrf_invalid"
  case forbidden
  case illegalAction = "illegal_action"
  case `internal`
  case invalidCharacters = "invalid_characters"
  case invalidCredentials = "invalid_credentials"
  case invalidField = "invalid_field"
  case invalidRows = "invalid_rows"
  case invalidType = "invalid_type"
  case malformedBody = "malformed_body"
  case methodNotAllowed = "method_not_allowed"
  case missingField = "missing_field"
  case notFound = "not_found"
  case staleVersion = "stale_version"
  case tooLarge = "too_large"
  case tooManyAttempts = "too_many_attempts"
  case unauthorized
  case unknownStoredValue = "unknown_stored_value"
  case unsupportedMediaType = "unsupported_media_type"
  case uriTooLong = "uri_too_long"
}

/// Field errors collected while validating a form or a request body.
struct FieldErrors: Sendable {
  private(set) var messages: [(field: String, key: String, args: [String])] = []

  var isEmpty: Bool { messages.isEmpty }

  mutating func add(_ field: String, _ key: String, _ args: String...) {
    messages.append((field, key, args))
  }

  mutating func add(_ field: String, _ key: String, args: [String]) {
    messages.append((field, key, args))
  }

  /// The first problem as an API error (clients fix one field at a time).
  var first: AppError? {
    messages.first.map { AppError(.unprocessableEntity, code: .invalidField, key: $0.key, args: $0.args, field: $0.field) }
  }

  func throwIfAny() throws {
    if let first { throw first }
  }

  /// Translated, for a form page: field → message.
  func localized(_ localizer: Localizer, _ locale: String) -> [String: String] {
    var out: [String: String] = [:]
    for m in messages where out[m.field] == nil {
      out[m.field] = localizer.text(m.key, locale: locale, args: m.args)
    }
    return out
  }
}

/// An error of a feature that knows the answer it deserves (a workflow refusal, an import's
/// refused lines): the error middleware asks it rather than knowing every feature's errors.
protocol AppErrorConvertible: Error {
  var appError: AppError { get }
}
