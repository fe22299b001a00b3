import Foundation
import Testing

@testable import Spreadsheet

/// Shared helpers for the Spreadsheet tests.
enum TestSupport {
  /// Bytes of a fixture workbook in `Fixtures/`.
  static func fixture(_ name: String) throws -> Data {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "xlsx", subdirectory: "Fixtures"))
    return try Data(contentsOf: url)
  }

  /// The text of one part of a package, for checking what the writer put there.
  static func part(_ path: String, of data: Data) throws -> String {
    let package = try ZipPackage.open(data)
    let bytes = try #require(try ZipPackage.part(path, in: package))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes one sheet and reads it back.
  static func roundTrip(_ rows: [[SpreadsheetCell]], boldFirstRow: Bool = false) throws -> [[String]] {
    let data = try SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "S", rows: rows, boldFirstRow: boldFirstRow)])
      .xlsxData()
    return try SpreadsheetReader.rows(in: data)
  }

  /// Error message of a throwing read, or nil if it succeeded.
  static func readError(_ data: Data, sheet: Int = 0) -> String? {
    do {
      _ = try SpreadsheetReader.rows(in: data, sheet: sheet)
      return nil
    } catch {
      return error.message
    }
  }
}
