import Foundation
import Testing

@testable import Spreadsheet

/// Files written by real tools (see Fixtures/make_fixtures.py).
@Suite("Reading files from other writers")
struct FixtureReaderTests {
  @Test func openpyxlInlineStringsGapsAndBooleans() throws {
    let data = try TestSupport.fixture("openpyxl-basic")
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["客户", "Second"])
    let rows = try SpreadsheetReader.rows(in: data)
    #expect(
      rows == [
        ["姓名", "电话", "金额", "活跃", "日期"],
        ["张三", "13800138000", "12.5", "TRUE", "46349"],
        [],
        ["李四", "", "-3", "FALSE"],
        ["a & b <c> \"d\""],
      ])
    #expect(try SpreadsheetReader.rows(in: data, sheet: 1) == [["x", "1"], ["y", "2.25"]])
  }

  private let sharedStringRows: [[String]] = [
    ["编号", "客户", "电话", "金额"],
    ["Rich text runs", "王五", "13800138000", "99.95"],
    [],
    ["  leading and trailing  ", "", "TRUE"],
    ["46349", "王五", "abcd"],
  ]

  @Test func xlsxWriterSharedAndRichStrings() throws {
    let data = try TestSupport.fixture("xlsxwriter-shared")
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["订单", "Sheet (2)"])
    #expect(try SpreadsheetReader.rows(in: data) == sharedStringRows)
    #expect(try SpreadsheetReader.rows(in: data, sheet: 1) == [["k", "v"], ["one", "1"]])
  }

  @Test func prefixedElementsRenamedPartsExponentsAndPhonetics() throws {
    let data = try TestSupport.fixture("prefixed-exponent")
    #expect(try SpreadsheetReader.rows(in: data) == sharedStringRows)
    #expect(try SpreadsheetReader.rows(in: data, sheet: 1) == [["k", "v"], ["one", "1"]])
  }

  /// A workbook from our writer, opened and saved again by LibreOffice (shared strings, its own styles).
  @Test func libreOfficeResaved() throws {
    let data = try TestSupport.fixture("libreoffice-resaved")
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["客户_名单", "客户_名单 (2)"])
    let rows = try SpreadsheetReader.rows(in: data)
    #expect(
      rows == [
        ["姓名", "电话", "金额", "日期", "备注"],
        ["张三", "13800138000", "12.5", "46349", "a & b <c> \"d\""],
        ["  李四 ", "13800138001", "-0.001", "", "line1\nline2"],
        [],
        ["", "-7", "", "36585"],
      ])
    #expect(try SpreadsheetReader.rows(in: data, sheet: 1) == [["second"]])
  }

  @Test func excelEscapesInStringsAreDecoded() {
    #expect(XMLText.decodingExcelEscapes("a_x000D_b_x005F_x0041_") == "a\rb_x0041_")
    #expect(XMLText.decodingExcelEscapes("_x00G1_ _x12") == "_x00G1_ _x12")
  }

  @Test func relationshipTargetsResolve() {
    #expect(PartParsing.resolve("worksheets/sheet1.xml", relativeTo: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
    #expect(PartParsing.resolve("/xl/worksheets/a.xml", relativeTo: "xl/workbook.xml") == "xl/worksheets/a.xml")
    #expect(PartParsing.resolve("../data/s.xml", relativeTo: "xl/workbook.xml") == "data/s.xml")
    #expect(PartParsing.resolve("xl/workbook.xml", relativeTo: "") == "xl/workbook.xml")
  }
}
