import Domain
import Foundation
import Vapor

/// The kinds of value a query parameter takes, as the route table lists them (`wanjia routes
/// --json`), so that tests can send each parameter values it must refuse.
enum QueryParameterKind: String, Codable, Sendable {
  case text, integer, boolean, uuid, date, month, instant, choice, cursor
}

/// What the route table says about one query parameter.
struct QueryParameterInfo: Codable, Sendable, Equatable {
  let name: String
  let kind: QueryParameterKind
  /// The accepted values of a choice; the range of an integer.
  var choices: [String]? = nil
  var minimum: Int? = nil
  var maximum: Int? = nil
  var maxLength: Int? = nil
}

/// A query parameter as a route declares it, whatever its value type.
protocol DeclaredQueryParameter: Sendable {
  var info: QueryParameterInfo { get }
}

/// One query parameter a route reads: its name and how a value is checked. Routes declare the
/// parameters they read (`Route.query(_:)`) and handlers read them only through
/// `Request.query(_:)`: a value that is present but malformed or out of range is a 422 naming
/// the parameter — never a silent default, never a trap.
///
/// An empty value (`?state=`) is what a page's filter form sends for a blank field, so on pages
/// it means "not given"; the API takes values as its document types them, so there an empty
/// value must be valid for the parameter's kind (only text accepts it, as "not given").
struct QueryParameter<Value: Sendable>: DeclaredQueryParameter {
  let info: QueryParameterInfo
  let parse: @Sendable (String) throws -> Value

  var name: String { info.name }

  /// The checked value of `raw` (nil: not given). `typed`: an empty value is a value to check
  /// (the API); otherwise it means not given (a form's blank field). Text that is only spaces
  /// is no filter either.
  func value(from raw: String?, typed: Bool) throws -> Value? {
    guard let raw else { return nil }
    if raw.isEmpty && (!typed || info.kind == .text) { return nil }
    let value = try parse(raw)
    if info.kind == .text, let text = value as? String, text.isEmpty { return nil }
    return value
  }
}

/// Where query values come from: the request's URL, or a query string stored earlier (a saved
/// filter), read with the same checks as a page's.
enum QuerySource {
  case request(Request)
  case stored([String: String])

  func value<Value>(_ parameter: QueryParameter<Value>) throws -> Value? {
    switch self {
    case .request(let req): return try req.query(parameter)
    case .stored(let values): return try parameter.value(from: values[parameter.name], typed: false)
    }
  }
}

extension QueryParameter where Value == String {
  /// Free text (a search or filter term), trimmed; empty means not given. Its length counts
  /// Unicode code points, as the API document's maxLength does.
  static func text(_ name: String, maxLength: Int = Limits.queryText) -> Self {
    Self(info: .init(name: name, kind: .text, maxLength: maxLength)) { (raw: String) throws -> String in
      guard raw.unicodeScalars.count <= maxLength else { throw AppError.invalid(name, "validation.too_long", String(maxLength)) }
      return raw.trimmingCharacters(in: .whitespaces)
    }
  }

  /// One of a fixed list of words.
  static func choice(_ name: String, _ values: [String]) -> Self {
    Self(info: .init(name: name, kind: .choice, choices: values)) { (raw: String) throws -> String in
      guard values.contains(raw) else { throw AppError.invalid(name, "validation.choice") }
      return raw
    }
  }

  /// An opaque pagination cursor handed out by a previous page.
  static func cursor(_ name: String) -> Self {
    Self(info: .init(name: name, kind: .cursor, maxLength: Limits.queryText)) { (raw: String) throws -> String in
      guard raw.unicodeScalars.count <= Limits.queryText else { throw AppError.invalid(name, "validation.cursor") }
      return raw
    }
  }
}

extension QueryParameter {
  /// One of an enum's raw values.
  static func choice<E: RawRepresentable & CaseIterable & Sendable>(_ name: String, _ type: E.Type) -> QueryParameter<E>
  where E.RawValue == String {
    QueryParameter<E>(info: .init(name: name, kind: .choice, choices: E.allCases.map(\.rawValue))) { (raw: String) throws -> E in
      guard let value = E(rawValue: raw) else { throw AppError.invalid(name, "validation.choice") }
      return value
    }
  }
}

extension QueryParameter where Value == Int {
  /// A whole number within `range`, written in plain decimal digits.
  static func integer(_ name: String, _ range: ClosedRange<Int>) -> Self {
    Self(info: .init(name: name, kind: .integer, minimum: range.lowerBound, maximum: range.upperBound)) {
      (raw: String) throws -> Int in
      guard let n = Int(raw), range.contains(n) else {
        throw AppError.invalid(name, "validation.range", String(range.lowerBound), String(range.upperBound))
      }
      return n
    }
  }

  /// How many rows to skip. Bounded so that offset + limit can never overflow.
  static var offset: Self { integer("offset", 0...Limits.maxOffset) }

  /// How many rows a page holds.
  static func limit(max: Int) -> Self { integer("limit", 1...max) }
}

extension QueryParameter where Value == Bool {
  static func boolean(_ name: String) -> Self {
    Self(info: .init(name: name, kind: .boolean)) { (raw: String) throws -> Bool in
      switch raw {
      case "true": return true
      case "false": return false
      default: throw AppError.invalid(name, "validation.boolean")
      }
    }
  }
}

extension QueryParameter where Value == UUID {
  static func uuid(_ name: String) -> Self {
    Self(info: .init(name: name, kind: .uuid)) { (raw: String) throws -> UUID in
      guard let id = UUID(uuidString: raw) else { throw AppError.invalid(name, "validation.unknown_reference") }
      return id
    }
  }
}

extension QueryParameter where Value == CivilDate {
  /// A day `YYYY-MM-DD` (exactly: no spaces around it) in the years a request may name; a day
  /// or month that does not exist is named as such, as the date fields of forms do.
  static func date(_ name: String) -> Self {
    Self(info: .init(name: name, kind: .date)) { (raw: String) throws -> CivilDate in
      switch CivilDate.parse(raw) {
      case .success(let date) where raw.utf8.count == 10:
        guard Limits.years.contains(date.year) else { throw AppError.invalid(name, "validation.date", years.lower, years.upper) }
        return date
      case .failure(.noSuchDay(let text)): throw AppError.invalid(name, "validation.no_such_date", text)
      case .failure(.noSuchMonth(let month)): throw AppError.invalid(name, "validation.no_such_month", String(month))
      default: throw AppError.invalid(name, "calendar.error.date")
      }
    }
  }

  /// A month `YYYY-MM` in the years a request may name, as its first day.
  static func month(_ name: String) -> Self {
    Self(info: .init(name: name, kind: .month)) { (raw: String) throws -> CivilDate in
      switch CivilDate.parseMonth(raw) {
      case .success(let first) where raw.utf8.count == 7:
        guard Limits.years.contains(first.year) else { throw AppError.invalid(name, "validation.month", years.lower, years.upper) }
        return first
      case .failure(.noSuchMonth(let month)): throw AppError.invalid(name, "validation.no_such_month", String(month))
      default: throw AppError.invalid(name, "validation.month_format")
      }
    }
  }
}

extension QueryParameter where Value == Date {
  /// An ISO 8601 date-time (or a bare date, taken as 00:00 Beijing time) in the years a request
  /// may name.
  static func instant(_ name: String) -> Self {
    Self(info: .init(name: name, kind: .instant, maxLength: 40)) { (raw: String) throws -> Date in
      guard raw.unicodeScalars.count <= 40, raw == raw.trimmingCharacters(in: .whitespacesAndNewlines),
        let year = Int(raw.prefix(4)), Limits.years.contains(year), let instant = BusinessTime.parseInstant(raw)
      else { throw AppError.invalid(name, "calendar.error.instant") }
      return instant
    }
  }
}

/// The years a request may name, as message arguments.
private let years = (lower: String(Limits.years.lowerBound), upper: String(Limits.years.upperBound))

/// Where a route keeps the parameters it declared.
private let queryInfoKey = "wanjia.query"

extension Route {
  /// Declares the query parameters this route reads; `Request.query(_:)` refuses to read any
  /// other, so the route table always tells the whole story.
  @discardableResult
  func query(_ parameters: any DeclaredQueryParameter...) -> Route { query(parameters) }

  @discardableResult
  func query(_ parameters: [any DeclaredQueryParameter]) -> Route {
    userInfo[queryInfoKey] = queryParameters + parameters.map(\.info)
    return self
  }

  var queryParameters: [QueryParameterInfo] { (userInfo[queryInfoKey] as? [QueryParameterInfo]) ?? [] }
}

extension Request {
  /// The checked value of a declared query parameter, or nil when it was not given.
  func query<Value>(_ parameter: QueryParameter<Value>) throws -> Value? {
    guard route?.queryParameters.contains(parameter.info) == true else {
      // A programming error: declare the parameter on the route (see Route.query).
      logger.error("query parameter \(parameter.name) is read but not declared on \(route?.description ?? url.path)")
      throw AppError(.internalServerError, code: .internal, key: "error.internal")
    }
    let values = try rawQueryValues(parameter.name)
    guard values.count <= 1 else { throw AppError.invalid(parameter.name, "validation.repeated") }
    return try parameter.value(from: values.first, typed: isAPI)
  }

  /// The checked value, or `fallback` when the parameter was not given.
  func query<Value>(_ parameter: QueryParameter<Value>, default fallback: Value) throws -> Value {
    try query(parameter) ?? fallback
  }

  /// The text given for a parameter, unchecked, only to show a filter form again as it was typed.
  func queryAsTyped(_ parameter: some DeclaredQueryParameter) -> String {
    (try? rawQueryValues(parameter.info.name).first) ?? ""
  }

  /// Every value given for `name`, decoded (`+` is a space, as forms send it). A value that is
  /// not valid percent-encoded UTF-8 is a 422 naming the parameter (NulByteGuard has already
  /// refused any NUL).
  private func rawQueryValues(_ name: String) throws -> [String] {
    guard let query = url.query, !query.isEmpty else { return [] }
    var values: [String] = []
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard Self.decode(parts[0]) == name else { continue }
      guard let value = parts.count > 1 ? Self.decode(parts[1]) : "" else {
        throw AppError.invalid(name, "validation.encoding")
      }
      values.append(value)
    }
    return values
  }

  private static func decode(_ text: Substring) -> String? {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }
}

extension FieldErrors {
  /// A query parameter's value for a page that shows each problem beside its filter field:
  /// a bad value is recorded here instead of thrown.
  mutating func query<Value>(_ parameter: QueryParameter<Value>, of req: Request) throws -> Value? {
    try query(parameter, of: .request(req))
  }

  mutating func query<Value>(_ parameter: QueryParameter<Value>, of source: QuerySource) throws -> Value? {
    do {
      return try source.value(parameter)
    } catch let error as AppError where error.field != nil {
      add(error.field ?? parameter.name, error.messageKey, args: error.args)
      return nil
    }
  }
}
