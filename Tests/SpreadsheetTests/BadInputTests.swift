import Foundation
import Testing

@testable import Spreadsheet

@Suite("Bad input")
struct BadInputTests {
  /// A package with the given worksheet XML and, optionally, shared strings.
  private func package(sheet: String, sharedStrings: String? = nil) throws -> Data {
    var parts: [(path: String, xml: String)] = [
      ("[Content_Types].xml", PackageParts.contentTypes(sheetCount: 1)),
      ("_rels/.rels", PackageParts.rootRelationships),
      ("xl/workbook.xml", PackageParts.workbook(sheetNames: ["S"])),
      ("xl/_rels/workbook.xml.rels", PackageParts.workbookRelationships(sheetCount: 1)),
      ("xl/worksheets/sheet1.xml", sheet),
    ]
    if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
    return try ZipPackage.write(parts: parts)
  }

  private func sheetXML(_ rows: String) -> String {
    "<worksheet xmlns=\"\(PackageParts.mainNamespace)\"><sheetData>\(rows)</sheetData></worksheet>"
  }

  @Test func emptyAndRandomBytes() {
    var generator = SeededGenerator(seed: 7)
    let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
    #expect(TestSupport.readError(Data()) == "not an XLSX file")
    #expect(TestSupport.readError(random) == "not an XLSX file")
    #expect(TestSupport.readError(Data("PK\u{3}\u{4} not really".utf8)) == "not an XLSX file")
    #expect(throws: SpreadsheetError("not an XLSX file")) { try SpreadsheetReader.sheetNames(in: random) }
    let oleFile = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
    #expect(TestSupport.readError(oleFile) == "not an XLSX file: legacy .xls or password-protected workbook")
  }

  @Test func zipWithoutWorkbook() throws {
    let data = try ZipPackage.write(parts: [("hello.txt", "hi")])
    #expect(TestSupport.readError(data) == "not an XLSX file: missing workbook")
  }

  @Test func workbookPartMissing() throws {
    let data = try ZipPackage.write(parts: [("_rels/.rels", PackageParts.rootRelationships)])
    #expect(TestSupport.readError(data) == "not an XLSX file: missing workbook part xl/workbook.xml")
  }

  @Test func sheetIndexOutOfRange() throws {
    let data = try SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "A"), SpreadsheetSheet(name: "B")]).xlsxData()
    #expect(TestSupport.readError(data, sheet: 2) == "sheet 2 not found; the workbook has 2 sheet(s)")
    #expect(TestSupport.readError(data, sheet: -1) == "sheet -1 not found; the workbook has 2 sheet(s)")
  }

  @Test func truncatedSheetXML() throws {
    let rows = (1...20).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
    let full = sheetXML(rows)
    let cut = String(full[..<(try #require(full.range(of: "<row r=\"17\">"))).upperBound]) + "<c r=\"A17\"><v>1"
    #expect(try TestSupport.readError(package(sheet: cut)) == "malformed sheet XML at row 17")
    #expect(try TestSupport.readError(package(sheet: "garbage")) == "malformed sheet XML at row 1")
  }

  @Test func badReferencesAndSharedStringIndexes() throws {
    let badReference = sheetXML("<row r=\"3\"><c r=\"ZZZZ3\"><v>1</v></c></row>")
    #expect(
      try TestSupport.readError(package(sheet: badReference))
        == "malformed sheet XML at row 3: invalid cell reference \"ZZZZ3\"")
    let badRow = sheetXML("<row r=\"0\"/>")
    #expect(
      try TestSupport.readError(package(sheet: badRow)) == "malformed sheet XML at row 1: invalid row number \"0\"")
    let badIndex = sheetXML("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>5</v></c></row>")
    let strings = "<sst xmlns=\"\(PackageParts.mainNamespace)\"><si><t>only</t></si></sst>"
    #expect(
      try TestSupport.readError(package(sheet: badIndex, sharedStrings: strings))
        == "malformed sheet XML at row 2: shared string \"5\" not found")
    #expect(try TestSupport.readError(package(sheet: sheetXML(""), sharedStrings: "<sst><si>")) != nil)
  }

  @Test func cellsWithoutReferencesAndRowsWithoutNumbers() throws {
    let xml = sheetXML("<row><c><v>1</v></c><c t=\"b\"><v>0</v></c></row><row><c t=\"str\"><v>x</v></c></row>")
    #expect(try SpreadsheetReader.rows(in: package(sheet: xml)) == [["1", "FALSE"], ["x"]])
  }

  /// Corrupting bytes anywhere in a valid file must give an error or some rows, never a crash.
  @Test func corruptedBytesNeverCrash() throws {
    let rows = (0..<50).map { row in (0..<4).map { SpreadsheetCell.text("r\(row)c\($0) 中文") } }
    let valid = try SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "S", rows: rows)]).xlsxData()
    var generator = SeededGenerator(seed: 42)
    for round in 0..<600 {
      var bytes = [UInt8](valid)
      // Half of the rounds hit the directory at the end, where offsets and sizes live.
      let range = round.isMultiple(of: 2) ? 0..<bytes.count : max(0, bytes.count - 600)..<bytes.count
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        bytes[Int.random(in: range, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      _ = try? SpreadsheetReader.rows(in: Data(bytes))
      _ = try? SpreadsheetReader.rows(in: Data(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator))))
    }
  }
}

/// Deterministic random numbers so that failures reproduce (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
