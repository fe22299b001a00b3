import FluentKit

/// A stored value that is not one of its enum's cases: a row written by an older or newer
/// version, or by hand. Reading such a row fails with this error, which names where the value
/// is; it is never read as some default case.
struct UnknownStoredValue: AppErrorConvertible, CustomStringConvertible, Sendable {
  let table: String
  let column: String
  let value: String

  var description: String { "Unknown value '\(value)' in \(table).\(column)" }

  /// A fault of the stored data, not of the request: 500, with the place named for whoever
  /// looks after the database (one argument: the message's arguments are looked up as locale
  /// keys, and "units.kind" is one).
  var appError: AppError {
    AppError(.internalServerError, code: .unknownStoredValue, key: "error.unknown_stored_value", args: [description])
  }
}

extension Model {
  /// A text column holding an enum's raw value: `@EnumField(key: "state") var state: WorkOrderState`.
  typealias EnumField<Value> = EnumFieldProperty<Self, Value>
  where Value: RawRepresentable & Codable & Sendable, Value.RawValue == String
  /// The same for a column that may be NULL.
  typealias OptionalEnumField<Value> = OptionalEnumFieldProperty<Self, Value>
  where Value: RawRepresentable & Codable & Sendable, Value.RawValue == String
}

/// Fluent's own `@Enum` traps on an unknown value and writes PostgreSQL enum literals; this one
/// stores the raw value as text (the columns were created as strings) and throws
/// `UnknownStoredValue` when a row holds a value that is not a case.
@propertyWrapper
final class EnumFieldProperty<Model, Value>: @unchecked Sendable
where Model: FluentKit.Model, Value: RawRepresentable & Codable & Sendable, Value.RawValue == String {
  let field: FieldProperty<Model, String>
  private var typed: Value?

  var projectedValue: EnumFieldProperty<Model, Value> { self }

  var wrappedValue: Value {
    get {
      guard let typed else { fatalError("\(Model.schema).\(field.key) read before it was set or fetched") }
      return typed
    }
    set { value = newValue }
  }

  init(key: FieldKey) { field = .init(key: key) }
}

extension EnumFieldProperty: Property {
  var value: Value? {
    get { typed }
    set {
      typed = newValue
      field.value = newValue?.rawValue
    }
  }
}

extension EnumFieldProperty: AnyQueryableProperty, QueryableProperty {
  var path: [FieldKey] { field.path }
  static func queryValue(_ value: Value) -> DatabaseQuery.Value { .bind(value.rawValue) }
}

extension EnumFieldProperty: AnyQueryAddressableProperty, QueryAddressableProperty {
  var anyQueryableProperty: any AnyQueryableProperty { self }
  var queryablePath: [FieldKey] { path }
  var queryableProperty: EnumFieldProperty<Model, Value> { self }
}

extension EnumFieldProperty: AnyDatabaseProperty {
  var keys: [FieldKey] { field.keys }
  func input(to input: any DatabaseInput) { field.input(to: input) }

  func output(from output: any DatabaseOutput) throws {
    guard output.contains(field.key) else { return }
    try field.output(from: output)
    guard let raw = field.value else { return }
    guard let parsed = Value(rawValue: raw) else {
      throw UnknownStoredValue(table: Model.schema, column: field.key.description, value: raw)
    }
    typed = parsed
  }
}

extension EnumFieldProperty: AnyCodableProperty {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(wrappedValue)
  }

  func decode(from decoder: any Decoder) throws {
    value = try decoder.singleValueContainer().decode(Value.self)
  }
}

/// `EnumFieldProperty` for a column that may be NULL.
@propertyWrapper
final class OptionalEnumFieldProperty<Model, WrappedValue>: @unchecked Sendable
where
  Model: FluentKit.Model, WrappedValue: RawRepresentable & Codable & Sendable, WrappedValue.RawValue == String
{
  let field: OptionalFieldProperty<Model, String>
  /// `nil` until set or fetched; `.some(nil)` for NULL.
  private var typed: WrappedValue??

  var projectedValue: OptionalEnumFieldProperty<Model, WrappedValue> { self }

  var wrappedValue: WrappedValue? {
    get { typed ?? nil }
    set { value = .some(newValue) }
  }

  init(key: FieldKey) { field = .init(key: key) }
}

extension OptionalEnumFieldProperty: Property {
  var value: WrappedValue?? {
    get { typed }
    set {
      typed = newValue
      switch newValue {
      case .some(.some(let case_)): field.value = .some(.some(case_.rawValue))
      case .some(.none): field.value = .some(.none)
      case .none: field.value = .none
      }
    }
  }
}

extension OptionalEnumFieldProperty: AnyQueryableProperty, QueryableProperty {
  var path: [FieldKey] { field.path }
  static func queryValue(_ value: WrappedValue?) -> DatabaseQuery.Value {
    value.map { .bind($0.rawValue) } ?? .null
  }
}

extension OptionalEnumFieldProperty: AnyQueryAddressableProperty, QueryAddressableProperty {
  var anyQueryableProperty: any AnyQueryableProperty { self }
  var queryablePath: [FieldKey] { path }
  var queryableProperty: OptionalEnumFieldProperty<Model, WrappedValue> { self }
}

extension OptionalEnumFieldProperty: AnyDatabaseProperty {
  var keys: [FieldKey] { field.keys }
  func input(to input: any DatabaseInput) { field.input(to: input) }

  func output(from output: any DatabaseOutput) throws {
    guard output.contains(field.key) else { return }
    try field.output(from: output)
    guard let raw = field.value ?? nil else {
      typed = .some(nil)
      return
    }
    guard let parsed = WrappedValue(rawValue: raw) else {
      throw UnknownStoredValue(table: Model.schema, column: field.key.description, value: raw)
    }
    typed = .some(parsed)
  }
}

extension OptionalEnumFieldProperty: AnyCodableProperty {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(wrappedValue)
  }

  func decode(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = container.decodeNil() ? nil : try container.decode(WrappedValue.self)
  }
}

/// Codes of an enum stored comma-separated in one text column (a user's roles, a department's
/// modules), so both databases store them alike. A list with a code the enum does not know is
/// not a list (reading the row fails with `UnknownStoredValue`).
struct CodeList<Item>: RawRepresentable, Codable, Sendable
where Item: RawRepresentable & Sendable, Item.RawValue == String {
  var items: [Item]

  init(_ items: [Item]) { self.items = items }

  init?(rawValue: String) {
    var items: [Item] = []
    for code in rawValue.split(separator: ",") {
      guard let item = Item(rawValue: String(code)) else { return nil }
      items.append(item)
    }
    self.items = items
  }

  var rawValue: String { items.map(\.rawValue).joined(separator: ",") }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let raw = try container.decode(String.self)
    guard let list = CodeList(rawValue: raw) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "an unknown code in '\(raw)'")
    }
    self = list
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
