import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// A model written straight through SQLKit from the list of its properties it names itself.
/// Why: Fluent's `create` finds a model's properties with a Mirror (demangling every field's
/// type) several times per row; on the intake path that cost more than the INSERTs
/// (bench/workorders.sh intake: 156 req/s before, 272 req/s after the order, event, audit and
/// inbox rows went through here). Only the rows an intake writes use it: `WorkOrder`,
/// `WorkOrderEvent`, `AuditRecord`, `InboxNotification`. The column names stay in the model's
/// property wrappers; `DirectInsertTests` checks that each list names every stored property.
protocol DirectlyInserted: Model where IDValue == UUID {
  /// Every stored property of the model (ids, fields, parents, timestamps).
  var storedProperties: [any AnyDatabaseProperty] { get }
}

extension DirectlyInserted {
  /// Inserts the model as Fluent's `create` would: a new id when it has none, `created_at` /
  /// `updated_at` timestamps set to `now` (the caller's clock), and afterwards the model is
  /// known to exist.
  func insert(on db: any Database, now: Date) async throws {
    try await [self].insert(on: db, now: now)
  }
}

extension Array where Element: DirectlyInserted {
  /// One INSERT for all the rows (they must set the same properties).
  func insert(on db: any Database, now: Date) async throws {
    guard let first = self.first else { return }
    let sql = db.sql
    var columns: [String] = []
    var rows: [[any SQLExpression]] = []
    for model in self {
      if model.id == nil { model.id = UUID() }
      let collected = DirectInput(table: Element.schema)
      for property in model.storedProperties {
        (property as? any TouchedOnInsert)?.touch(now)
        property.input(to: collected)
      }
      let input = try collected.checked()
      if model === first { columns = input.keys }
      guard input.keys == columns else { throw DirectInsertError.differentColumns(Element.schema) }
      rows.append(input.values)
    }
    let statement = sql.insert(into: Element.schema).columns(columns)
    for row in rows { statement.values(row) }
    try await statement.run()
    for model in self {
      for case let id as IDProperty<Element, UUID> in model.storedProperties { id.exists = true }
    }
  }
}

enum DirectInsertError: Error {
  /// Rows of one INSERT set different properties (a programming error).
  case differentColumns(String)
  /// A property gave a value only Fluent's own converter handles (groups, custom SQL).
  case unsupportedValue(table: String, column: String)
}

/// Collects what the properties give Fluent, in their order, as SQL values.
private final class DirectInput: DatabaseInput {
  let table: String
  var keys: [String] = []
  var values: [any SQLExpression] = []
  var unsupported: String?

  init(table: String) { self.table = table }

  func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
    keys.append(key.description)
    switch value {
    case .bind(let encodable): values.append((encodable as? any NilTestable)?.isNil == true ? SQLLiteral.null : SQLBind(encodable))
    case .null: values.append(SQLLiteral.null)
    case .enumCase(let string): values.append(SQLLiteral.string(string))
    case .default: values.append(SQLLiteral.default)
    case .array, .dictionary, .custom:
      unsupported = unsupported ?? key.description
      values.append(SQLLiteral.null)
    }
  }

  func checked() throws -> Self {
    if let unsupported { throw DirectInsertError.unsupportedValue(table: table, column: unsupported) }
    return self
  }
}

private protocol NilTestable { var isNil: Bool { get } }
extension Optional: NilTestable { fileprivate var isNil: Bool { self == nil } }

/// `@Timestamp(on: .create)` and `(on: .update)` are both set when a row is created.
private protocol TouchedOnInsert { func touch(_ now: Date) }
extension TimestampProperty: TouchedOnInsert {
  fileprivate func touch(_ now: Date) {
    if trigger == .create || trigger == .update { wrappedValue = now }
  }
}
