import Foundation

/// Assembles the parts of a workbook into a package.
struct XLSXPackageWriter {
  let workbook: SpreadsheetWorkbook

  func data() throws -> Data {
    let sheets = workbook.sheets.isEmpty ? [SpreadsheetSheet(name: "Sheet1")] : workbook.sheets
    let names = SheetNames.uniqueNames(sheets.map(\.name))
    var parts: [(path: String, xml: String)] = [
      ("[Content_Types].xml", PackageParts.contentTypes(sheetCount: sheets.count)),
      ("_rels/.rels", PackageParts.rootRelationships),
      ("xl/workbook.xml", PackageParts.workbook(sheetNames: names)),
      ("xl/_rels/workbook.xml.rels", PackageParts.workbookRelationships(sheetCount: sheets.count)),
      ("xl/styles.xml", PackageParts.styles),
    ]
    for (index, sheet) in sheets.enumerated() {
      parts.append(("xl/worksheets/sheet\(index + 1).xml", try WorksheetWriter(sheet: sheet).xml()))
    }
    return try ZipPackage.write(parts: parts)
  }
}
