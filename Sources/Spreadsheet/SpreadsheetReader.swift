import Foundation

/// Reads `.xlsx` files written by this module and by real tools (Excel, LibreOffice, openpyxl, WPS). Values come
/// back as strings because imports validate and convert them per column anyway.
public enum SpreadsheetReader {
  /// Rows of one worksheet (0-based index in workbook order) as strings: shared strings and inline strings resolved,
  /// numbers as written in the XML (integers without ".0": "13800138000" must come back exactly, also when Excel
  /// stored it as 1.3800138E10 — format integral doubles up to 1e15 without exponent), booleans as "TRUE"/"FALSE",
  /// dates left as their serial number string. Gaps in a row (cells skipped by reference, e.g. A1 then C1) become ""
  /// so column positions stay right; trailing empty cells may be omitted. Row numbers are honoured: a missing row in
  /// between becomes an empty row [] so that index + 1 == the sheet's row number.
  ///
  /// Trailing empty cells and trailing empty rows are always dropped; formula cells yield their cached result and
  /// error cells their code ("#DIV/0!").
  public static func rows(in data: Data, sheet: Int = 0) throws(SpreadsheetError) -> [[String]] {
    let package = try ZipPackage.open(data)
    let structure = try WorkbookStructure(package: package)
    guard structure.sheets.indices.contains(sheet) else {
      throw SpreadsheetError("sheet \(sheet) not found; the workbook has \(structure.sheets.count) sheet(s)")
    }
    let entry = structure.sheets[sheet]
    guard entry.isWorksheet, let path = entry.path else {
      throw SpreadsheetError("sheet \(sheet) (\"\(entry.name)\") is not a worksheet")
    }
    guard let sheetData = try ZipPackage.part(path, in: package) else {
      throw SpreadsheetError("sheet \(sheet) (\"\(entry.name)\") is missing its part \(path)")
    }
    var sharedStrings: [String] = []
    if let sharedPath = structure.sharedStringsPath, let sharedData = try ZipPackage.part(sharedPath, in: package) {
      sharedStrings = try SharedStringsParser.parse(sharedData)
    }
    return try WorksheetParser.parse(sheetData, sharedStrings: sharedStrings)
  }

  /// Names of all sheets in workbook order (chart sheets included, so indexes match `rows(in:sheet:)`).
  public static func sheetNames(in data: Data) throws(SpreadsheetError) -> [String] {
    try WorkbookStructure(package: ZipPackage.open(data)).sheets.map(\.name)
  }
}
