import Foundation
import Spreadsheet

/// An uploaded roster or results file as records with their line numbers: XLSX when the bytes
/// are a zip archive, otherwise CSV in UTF-8.
enum TabularFile {
  static func records(_ data: Data, field: String = "file") throws -> [CSVRecords.Record] {
    guard !data.isEmpty else { throw AppError.invalid(field, "import.error.empty") }
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      let rows: [[String]]
      do {
        rows = try SpreadsheetReader.rows(in: data)
      } catch {
        throw AppError.invalid(field, "import.error.xlsx", error.message)
      }
      for (index, fields) in rows.enumerated() { try NulCharacters.refuse(cells: fields, line: index + 1) }
      return rows.enumerated().compactMap { index, fields in
        fields.allSatisfy(\.isEmpty) ? nil : CSVRecords.Record(line: index + 1, fields: fields)
      }
    }
    try NulCharacters.refuse(in: data, format: .raw)
    do {
      return try CSVRecords.parse([UInt8](data))
    } catch {
      throw AppError.invalid(field, "import.error.not_utf8", String(error.line))
    }
  }
}
