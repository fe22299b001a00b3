import Foundation
import Testing

@testable import Spreadsheet

@Suite("Write then read")
struct RoundTripTests {
  @Test func textIncludingChineseAndXMLSpecials() throws {
    let texts = [
      "客户名称", "a & b", "<tag>", "\"quoted\" 'single'", "  spaced  ", "line\nbreak", "tab\there", "😀 emoji",
    ]
    let rows = try TestSupport.roundTrip([texts.map(SpreadsheetCell.text)])
    #expect(rows == [texts])
  }

  @Test func carriageReturnSurvives() throws {
    #expect(try TestSupport.roundTrip([[.text("a\r\nb")]]) == [["a\r\nb"]])
  }

  @Test func illegalControlCharactersAreStripped() throws {
    #expect(try TestSupport.roundTrip([[.text("a\u{1}b\u{0}c\u{1F}d\u{FFFF}")]]) == [["abcd"]])
  }

  @Test func literalExcelEscapeSequenceSurvives() throws {
    #expect(try TestSupport.roundTrip([[.text("_x0041_ and _x_")]]) == [["_x0041_ and _x_"]])
  }

  @Test func numbers() throws {
    let cells: [SpreadsheetCell] = [
      .number(3.5), .number(-0.25), .number(1e-7), .number(12), .number(123_456.789), .integer(-42), .integer(0),
    ]
    let rows = try TestSupport.roundTrip([cells])
    #expect(rows == [["3.5", "-0.25", "1E-07", "12", "123456.789", "-42", "0"]])
    #expect(Double(rows[0][2]) == 1e-7)
  }

  @Test func longPhoneLikeIntegers() throws {
    let rows = try TestSupport.roundTrip([
      [.integer(13_800_138_000), .number(13_800_138_000), .number(999_999_999_999_999)]
    ])
    #expect(rows == [["13800138000", "13800138000", "999999999999999"]])
  }

  @Test func nonFiniteNumberBecomesErrorCell() throws {
    #expect(try TestSupport.roundTrip([[.number(.nan), .number(.infinity)]]) == [["#NUM!", "#NUM!"]])
  }

  @Test func datesAsSerialNumbers() throws {
    let rows = try TestSupport.roundTrip([
      [
        .date(year: 2026, month: 11, day: 23), .date(year: 1900, month: 1, day: 1), .date(year: 1900, month: 3, day: 1),
      ],
      [.date(year: 1899, month: 12, day: 31)],
    ])
    #expect(rows == [["46349", "1", "61"], ["1899-12-31"]])
  }

  @Test func invalidDateIsAnError() {
    let workbook = SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(name: "S", rows: [[.date(year: 2026, month: 2, day: 30)]])
    ])
    #expect(throws: SpreadsheetError("invalid date 2026-02-30 in cell A1 of sheet 'S'")) { try workbook.xlsxData() }
  }

  @Test func emptyCellsGapsAndEmptyRowsKeepPositions() throws {
    let rows = try TestSupport.roundTrip([
      [.text("a"), .empty, .text("c"), .empty],
      [],
      [.empty, .empty],
      [.empty, .integer(4)],
      [.empty],
    ])
    #expect(rows == [["a", "", "c"], [], [], ["", "4"]])
  }

  @Test func multipleSheetsAndNames() throws {
    let workbook = SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(name: "客户", rows: [[.text("one")]]),
      SpreadsheetSheet(name: "Q1/Q2: [draft]?", rows: [[.text("two")]]),
      SpreadsheetSheet(name: "客户", rows: [[.text("three")]]),
      SpreadsheetSheet(name: "", rows: [[.text("four")]]),
    ])
    let data = try workbook.xlsxData()
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["客户", "Q1_Q2_ _draft__", "客户 (2)", "Sheet4"])
    for (index, expected) in ["one", "two", "three", "four"].enumerated() {
      #expect(try SpreadsheetReader.rows(in: data, sheet: index) == [[expected]])
    }
  }

  @Test func emptyWorkbookGetsOneSheet() throws {
    let data = try SpreadsheetWorkbook().xlsxData()
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["Sheet1"])
    #expect(try SpreadsheetReader.rows(in: data) == [])
  }

  /// libxml2 refuses a single input chunk over 10 MB, so parts must be streamed to the parser.
  @Test func sheetPartOverTenMegabytes() throws {
    let long = String(repeating: "a", count: WorksheetWriter.maxTextLength)
    let rows = try TestSupport.roundTrip((0..<340).map { [.integer($0), .text(long)] })
    #expect(rows.count == 340)
    #expect(rows[339] == ["339", long])
  }

  @Test func writingIsDeterministic() throws {
    let workbook = SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "S", rows: [[.text("x"), .integer(1)]])])
    #expect(try workbook.xlsxData() == workbook.xlsxData())
  }
}
