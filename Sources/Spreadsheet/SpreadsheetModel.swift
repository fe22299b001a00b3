import Foundation

/// One cell value. Kept deliberately small: these are the types our exports need, and each maps to exactly one
/// SpreadsheetML representation.
public enum SpreadsheetCell: Sendable, Equatable {
  case text(String)
  case number(Double)
  case integer(Int)
  /// A calendar date without time; written as a 1900-system serial number with a `yyyy-mm-dd` style.
  case date(year: Int, month: Int, day: Int)
  case empty
}

/// One worksheet to write.
public struct SpreadsheetSheet: Sendable {
  /// Display name; sanitised on write (Excel rejects `[]:*?/\`, more than 31 characters and duplicates).
  public var name: String
  public var rows: [[SpreadsheetCell]]
  /// Column widths in Excel character units, first column first; `nil` leaves Excel's default.
  public var columnWidths: [Double]?
  /// Renders the first row in bold, which is how our exports mark the header.
  public var boldFirstRow: Bool

  public init(name: String, rows: [[SpreadsheetCell]] = [], columnWidths: [Double]? = nil, boldFirstRow: Bool = true) {
    self.name = name
    self.rows = rows
    self.columnWidths = columnWidths
    self.boldFirstRow = boldFirstRow
  }
}

/// A workbook to write as an `.xlsx` file.
public struct SpreadsheetWorkbook: Sendable {
  public var sheets: [SpreadsheetSheet]

  public init(sheets: [SpreadsheetSheet] = []) {
    self.sheets = sheets
  }

  /// The complete `.xlsx` package. A workbook without sheets gets one empty sheet, because Excel refuses to open a
  /// workbook with none.
  public func xlsxData() throws -> Data {
    try XLSXPackageWriter(workbook: self).data()
  }
}

/// Every failure of this module, with a message meant for logs and for users ("sheet 2 not found").
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
