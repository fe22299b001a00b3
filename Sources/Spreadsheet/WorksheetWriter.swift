/// Renders one sheet as worksheet XML. Text is written as inline strings: no shared-string table to keep in sync,
/// and every reader we target (Excel, LibreOffice, openpyxl/pandas) accepts them.
struct WorksheetWriter {
  /// Excel's per-cell text limit; longer text makes Excel report the file as corrupt.
  static let maxTextLength = 32_767
  let sheet: SpreadsheetSheet

  func xml() throws(SpreadsheetError) -> String {
    guard sheet.rows.count <= CellReference.maxRows else {
      throw SpreadsheetError(
        "sheet '\(sheet.name)' has \(sheet.rows.count) rows; Excel allows \(CellReference.maxRows)")
    }
    var xml = PackageParts.header
    xml += "<worksheet xmlns=\"\(PackageParts.mainNamespace)\" xmlns:r=\"\(PackageParts.relationshipNamespace)\">"
    xml += columnsXML()
    xml += "<sheetData>"
    for (rowIndex, row) in sheet.rows.enumerated() {
      guard row.count <= CellReference.maxColumns else {
        throw SpreadsheetError(
          "row \(rowIndex + 1) of sheet '\(sheet.name)' has more than \(CellReference.maxColumns) cells")
      }
      let bold = sheet.boldFirstRow && rowIndex == 0
      var cells = ""
      for (columnIndex, cell) in row.enumerated() {
        let reference = CellReference.columnName(columnIndex) + String(rowIndex + 1)
        cells += try cellXML(cell, reference: reference, bold: bold)
      }
      if !cells.isEmpty {
        xml += "<row r=\"\(rowIndex + 1)\">" + cells + "</row>"
      }
    }
    return xml + "</sheetData></worksheet>"
  }

  private func columnsXML() -> String {
    guard let widths = sheet.columnWidths, !widths.isEmpty else { return "" }
    var xml = ""
    for (index, width) in widths.prefix(CellReference.maxColumns).enumerated() where width.isFinite && width > 0 {
      let clamped = CellValues.numberText(min(width, 255))
      xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(clamped)\" customWidth=\"1\"/>"
    }
    return xml.isEmpty ? "" : "<cols>" + xml + "</cols>"
  }

  private func cellXML(_ cell: SpreadsheetCell, reference: String, bold: Bool) throws(SpreadsheetError) -> String {
    let plainStyle = bold ? " s=\"\(PackageParts.Style.bold.rawValue)\"" : ""
    switch cell {
    case .empty:
      return ""
    case .text(let text):
      return textCell(text, reference: reference, style: plainStyle)
    case .integer(let value):
      return "<c r=\"\(reference)\"\(plainStyle)><v>\(value)</v></c>"
    case .number(let value):
      guard value.isFinite else {
        // XLSX has no NaN or infinity; Excel's own representation is the #NUM! error.
        return "<c r=\"\(reference)\"\(plainStyle) t=\"e\"><v>#NUM!</v></c>"
      }
      return "<c r=\"\(reference)\"\(plainStyle)><v>\(CellValues.numberText(value))</v></c>"
    case .date(let year, let month, let day):
      guard let serial = CellValues.serial(year: year, month: month, day: day) else {
        let text = CellValues.isoText(year: year, month: month, day: day)
        throw SpreadsheetError("invalid date \(text) in cell \(reference) of sheet '\(sheet.name)'")
      }
      guard CellValues.isInExcelRange(year: year) else {
        // Excel cannot show dates before 1900 or after 9999; text keeps the value readable.
        return textCell(CellValues.isoText(year: year, month: month, day: day), reference: reference, style: plainStyle)
      }
      let style = bold ? PackageParts.Style.boldDate : PackageParts.Style.date
      return "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(serial)</v></c>"
    }
  }

  private func textCell(_ text: String, reference: String, style: String) -> String {
    let text = text.utf16.count > Self.maxTextLength ? SheetNames.truncated(text, to: Self.maxTextLength) : text
    let space = XMLText.needsPreserve(text) ? " xml:space=\"preserve\"" : ""
    return "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t\(space)>\(XMLText.escapedCellText(text))</t></is></c>"
  }
}
