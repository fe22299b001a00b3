import Domain
import Fluent
import Vapor

/// Turns every error into the API's JSON error body or the error page, in the user's language.
/// Bad input maps to 4xx with the field named; only genuine faults become 500.
struct AppErrorMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: request)
    } catch {
      var appError = Self.classify(error)
      if appError.status == .payloadTooLarge {
        appError = .tooLarge(limitBytes: BodyLimit.of(request))
      }
      if appError.status == .internalServerError {
        request.logger.report(error: error)
      }
      return await Self.render(appError, for: request)
    }
  }

  static func classify(_ error: any Error) -> AppError {
    switch error {
    case let e as AppError:
      return e
    case let e as DecodingError:
      return decodingError(e)
    case let e as CalendarError:
      return calendarError(e)
    case let e as any AppErrorConvertible:
      return e.appError
    case let e as ValidationFailure:
      return e.errors.first ?? AppError(.unprocessableEntity, code: .invalidField, key: "error.bad_request")
    case let e as any DatabaseError where e.isConstraintFailure:
      return AppError(.conflict, code: .conflict, key: "error.conflict")
    case let e as any AbortError where e.status == .unsupportedMediaType:
      return AppError(.unsupportedMediaType, code: .unsupportedMediaType, key: "error.unsupported_media_type")
    case let e as any AbortError:
      let code: ErrorCode = e.status == .notFound ? .notFound : e.status.code < 500 ? .badRequest : .internal
      let key =
        e.status == .notFound
        ? "error.page_not_found"
        : e.status.code < 500 ? "error.bad_request" : "error.internal"
      return AppError(e.status, code: code, key: key)
    default:
      return AppError(.internalServerError, code: .internal, key: "error.internal")
    }
  }

  static func decodingError(_ error: DecodingError) -> AppError {
    func path(_ context: DecodingError.Context, extra: (any CodingKey)? = nil) -> String {
      (context.codingPath + (extra.map { [$0] } ?? [])).map { key in
        key.intValue.map { "[\($0)]" } ?? key.stringValue
      }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let field = path(context, extra: key)
      return AppError(.unprocessableEntity, code: .missingField, key: "error.missing_field", args: [field], field: field)
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      let field = path(context)
      return AppError(.unprocessableEntity, code: .invalidType, key: "error.invalid_type", args: [field], field: field)
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        return AppError(.badRequest, code: .malformedBody, key: "error.malformed_body")
      }
      let field = path(context)
      return AppError(.unprocessableEntity, code: .invalidType, key: "error.invalid_type", args: [field], field: field)
    @unknown default:
      return AppError(.badRequest, code: .malformedBody, key: "error.malformed_body")
    }
  }

  static func calendarError(_ error: CalendarError) -> AppError {
    switch error {
    case .yearNotCovered(let year):
      return AppError(
        .unprocessableEntity, code: .calendarYearMissing, key: "calendar.error.year_missing", args: [String(year)], field: "from")
    case .negativeDuration:
      return AppError(.unprocessableEntity, code: .invalidField, key: "calendar.error.negative", field: "workingDays")
    case .durationTooLong(let n):
      return AppError(.unprocessableEntity, code: .invalidField, key: "calendar.error.too_long", args: [String(n)], field: "workingDays")
    }
  }

  static func render(_ error: AppError, for request: Request) async -> Response {
    let localizer = request.application.localizer
    let locale = request.locale
    let message = localizer.text(error.messageKey, locale: locale, args: error.args.map { localizer.text($0, locale: locale) })
    var headers = error.headers
    if error.status == .unauthorized && request.isAPI { headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
    if request.isAPI || !request.acceptsHTML {
      let lines = error.lines.map {
        ErrorBody.Line(
          line: $0.line, field: $0.field,
          message: localizer.text($0.key, locale: locale, args: $0.args.map { localizer.text($0, locale: locale) }))
      }
      let body = ErrorBody(error: .init(code: error.code, message: message, field: error.field, lines: lines.isEmpty ? nil : lines))
      let response = Response(status: error.status, headers: headers)
      try? response.content.encode(body)
      return response
    }
    // The error page renders even when the features' parts of the frame cannot be read.
    let frame = (try? await request.pageFrame()) ?? PageFrame()
    let page = ErrorPage(
      chrome: Chrome.make(for: request, titleKey: "error.title", frame: frame), status: Int(error.status.code), message: message)
    do {
      let response = try await request.view.render("error", page).encodeResponse(status: error.status, for: request)
      for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
      return response
    } catch let renderError {
      request.logger.error("error page failed to render: \(renderError)")
      return Response(status: error.status, body: .init(string: "\(error.status.code) \(message)"))
    }
  }
}

struct ErrorBody: Content {
  struct Line: Codable {
    let line: Int
    let field: String
    let message: String
  }
  struct Detail: Codable {
    let code: ErrorCode
    let message: String
    let field: String?
    let lines: [Line]?

    /// `field` only when the error is about one field (the document types it as a string).
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(code, forKey: .code)
      try c.encode(message, forKey: .message)
      try c.encodeIfPresent(field, forKey: .field)
      try c.encodeIfPresent(lines, forKey: .lines)
    }
  }
  let error: Detail
}

struct ErrorPage: Encodable {
  let chrome: Chrome
  let status: Int
  let message: String
}

extension Request {
  var isAPI: Bool { url.path.hasPrefix("/api/") }
  var acceptsHTML: Bool {
    let accept = headers[.accept].joined(separator: ",")
    return accept.isEmpty || accept.contains("text/html") || accept.contains("*/*")
  }
}
