import Foundation

extension RawRepresentable where RawValue == String {
  /// The enum case of a stored column value.
  static func stored(_ raw: String, table: String, column: String) throws -> Self {
    guard let value = Self(rawValue: raw) else { throw UnknownStoredValue(table: table, column: column, value: raw) }
    return value
  }
}
