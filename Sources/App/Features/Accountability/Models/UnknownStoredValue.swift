import Foundation

/// A stored value the code does not know: an error naming table, column and value, never a
/// silent default.
struct UnknownStoredValue: Error, CustomStringConvertible {
  let table: String
  let column: String
  let value: String

  var description: String { "\(table).\(column): unknown stored value \(value)" }
}

extension RawRepresentable where RawValue == String {
  /// The enum case of a stored column value.
  static func stored(_ raw: String, table: String, column: String) throws -> Self {
    guard let value = Self(rawValue: raw) else { throw UnknownStoredValue(table: table, column: column, value: raw) }
    return value
  }
}
