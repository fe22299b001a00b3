import Domain
import Fluent
import Foundation
import Vapor

/// Length limits of text fields, documented in the OpenAPI document.
enum Limits {
  static let code = 32
  static let name = 100
  static let username = 64
  static let displayName = 100
  static let tokenName = 100
  static let dayName = 50
  /// A free-text query parameter (a filter or search term).
  static let queryText = 200
  /// Rows a list may skip: far beyond any table, small enough that offset + limit never overflows.
  static let maxOffset = Int(Int32.max)
  /// Years a request may name (dates, months): wide enough for any record, narrow enough that
  /// day and month arithmetic on them stays in range.
  static let years = 2000...2100
}

/// Thrown by feature services when input fails validation: pages show every message beside its
/// field, the API answers with the first.
struct ValidationFailure: Error {
  let errors: FieldErrors
}

/// The API answers a validation failure with its first problem (a form shows them all).
@discardableResult
func apiErrors<T>(_ body: () async throws -> T) async throws -> T {
  do {
    return try await body()
  } catch let failure as ValidationFailure {
    if let first = failure.errors.first { throw first }
    throw failure
  }
}

extension String {
  /// Whether the text as sent (before any trimming) has at most `max` characters, counted as the
  /// API document and PostgreSQL count them: Unicode code points.
  func fits(_ max: Int) -> Bool { unicodeScalars.count <= max }
}

enum Validate {
  /// Trimmed text that must be present and, as sent, at most `max` characters.
  static func text(_ value: String?, field: String, max: Int, into errors: inout FieldErrors) -> String {
    let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      errors.add(field, "validation.required")
    } else if !(value ?? "").fits(max) {
      errors.add(field, "validation.too_long", String(max))
    }
    return trimmed
  }

  /// A code or username: letters, digits, dot, underscore and hyphen.
  static func identifier(_ value: String?, field: String, max: Int, into errors: inout FieldErrors) -> String {
    let text = text(value, field: field, max: max, into: &errors)
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    if !text.isEmpty, text.unicodeScalars.contains(where: { !allowed.contains($0) }) {
      errors.add(field, "validation.identifier")
    }
    return text
  }

  /// A telephone number: mobile (11 digits) or landline with area code; digits, spaces, "-"
  /// and a leading "+" only. Stored as typed, trimmed.
  static func phone(_ value: String?, field: String, into errors: inout FieldErrors) -> String {
    let text = Self.text(value, field: field, max: 20, into: &errors)
    guard !text.isEmpty else { return text }
    let digits = text.filter(\.isNumber).count
    let allowed = text.enumerated().allSatisfy { i, c in c.isASCII && (c.isNumber || c == "-" || c == " " || (c == "+" && i == 0)) }
    if !allowed || digits < 7 || digits > 15 { errors.add(field, "validation.phone") }
    return text
  }

  /// A UUID given as text; empty means none.
  static func uuid(_ value: String?, field: String, into errors: inout FieldErrors) -> UUID? {
    guard let value, !value.isEmpty else { return nil }
    guard let id = UUID(uuidString: value) else {
      errors.add(field, "validation.unknown_reference")
      return nil
    }
    return id
  }
}

/// Destructive or irreversible form actions (deletes, revokes, ending fieldwork, replacing a
/// roster): the form carries a checkbox `confirm=yes` whose label states the consequence, and the
/// server refuses the action without it, with the error beside that checkbox.
enum FormConfirmation {
  static let field = "confirm"

  static func require(_ value: String?, errors: inout FieldErrors) {
    if value != "yes" { errors.add(field, "validation.confirm_required") }
  }

  /// Throws the refusal as a `ValidationFailure` (forms show it beside the checkbox).
  static func require(_ value: String?) throws {
    var errors = FieldErrors()
    require(value, errors: &errors)
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }
  }
}

extension Request {
  /// A path parameter that must be a UUID; anything else is a 404, like a missing record.
  func uuidParameter(_ name: String, entity: String) throws -> UUID {
    guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
      throw AppError.notFound(entity)
    }
    return id
  }
}

/// Typed dates, months and date-times: a message that says what is wrong (the shape, a month or
/// day that does not exist), on the field.
enum DateField {
  static func date(_ text: String, field: String, into errors: inout FieldErrors) -> CivilDate? {
    switch CivilDate.parse(text) {
    case .success(let date): return date
    case .failure(let problem):
      add(problem, format: "calendar.error.date", field: field, into: &errors)
      return nil
    }
  }

  /// `YYYY-MM`, as a month input sends it; the first day of the month.
  static func month(_ text: String, field: String, into errors: inout FieldErrors) -> CivilDate? {
    switch CivilDate.parseMonth(text) {
    case .success(let date): return date
    case .failure(let problem):
      add(problem, format: "validation.month_format", field: field, into: &errors)
      return nil
    }
  }

  /// A required time: ISO 8601 with an offset (the API), or a form's local date-time read as
  /// Beijing time.
  static func instant(_ text: String?, field: String, into errors: inout FieldErrors) -> Date? {
    guard let text, !text.isEmpty else {
      errors.add(field, "validation.required")
      return nil
    }
    if let instant = BusinessTime.parseInstant(text) { return instant }
    return dateTime(text, field: field, into: &errors)
  }

  /// The same, where empty means none.
  static func optionalInstant(_ text: String?, field: String, into errors: inout FieldErrors) -> Date? {
    guard let text, !text.isEmpty else { return nil }
    return instant(text, field: field, into: &errors)
  }

  /// A datetime-local value, read as Beijing time.
  static func dateTime(_ text: String, field: String, into errors: inout FieldErrors) -> Date? {
    switch BusinessTime.parseLocalChecked(text) {
    case .success(let date): return date
    case .failure(let problem):
      add(problem, format: "validation.datetime_format", field: field, into: &errors)
      return nil
    }
  }

  static func add(_ problem: DateProblem, format: String, field: String, into errors: inout FieldErrors) {
    switch problem {
    case .format: errors.add(field, format)
    case .noSuchMonth(let m): errors.add(field, "validation.no_such_month", String(m))
    case .noSuchDay(let text): errors.add(field, "validation.no_such_date", text)
    case .noSuchTime: errors.add(field, "validation.no_such_time")
    }
  }
}
