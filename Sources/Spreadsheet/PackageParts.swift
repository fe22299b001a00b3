import XMLEscaping

/// The fixed parts of an `.xlsx` package. Kept minimal: every part here is one that Excel, LibreOffice or openpyxl
/// needs to open the file; nothing optional (docProps, themes) is written.
enum PackageParts {
  static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

  /// Style indexes into `cellXfs` of `styles`.
  enum Style: Int {
    case plain = 0
    case bold = 1
    case date = 2
    case boldDate = 3
  }

  static func contentTypes(sheetCount: Int) -> String {
    let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    var xml = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ml).sheet.main+xml\"/>"
    xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ml).styles+xml\"/>"
    for index in 1...sheetCount {
      xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"\(ml).worksheet+xml\"/>"
    }
    return xml + "</Types>"
  }

  static let rootRelationships =
    header + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
    + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
    + "</Relationships>"

  static func workbook(sheetNames: [String]) -> String {
    var xml = header + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
    xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    for (index, name) in sheetNames.enumerated() {
      xml += "<sheet name=\"\(XMLEscaping.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
    }
    return xml + "</sheets></workbook>"
  }

  /// Worksheets take rId1...rIdN so that the workbook's `r:id`s are simply their position; styles come last.
  static func workbookRelationships(sheetCount: Int) -> String {
    var xml = header + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
    for index in 1...sheetCount {
      xml += "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipNamespace)/worksheet\""
      xml += " Target=\"worksheets/sheet\(index).xml\"/>"
    }
    xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
    return xml + "</Relationships>"
  }

  /// Fonts 0 (regular) and 1 (bold); cell formats in `Style` order. Dates use the custom format 164 `yyyy-mm-dd`
  /// rather than built-in 14, whose display follows the reader's locale (m/d/yyyy in the US).
  static let styles =
    header + "<styleSheet xmlns=\"\(mainNamespace)\">"
    + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    + "<fonts count=\"2\">"
    + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
    + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
    + "</fonts>"
    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    + "<cellXfs count=\"4\">"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
    + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    + "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
    + " applyFont=\"1\" applyNumberFormat=\"1\"/>"
    + "</cellXfs>"
    + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    + "</styleSheet>"
}
