import Foundation
import Testing

@testable import Spreadsheet

@Suite("ZIP container")
struct ZipReaderTests {
  private let parts: [(path: String, xml: String)] = [
    ("[Content_Types].xml", PackageParts.contentTypes(sheetCount: 1)),
    ("_rels/.rels", PackageParts.rootRelationships),
    ("xl/workbook.xml", PackageParts.workbook(sheetNames: ["Stored"])),
    ("xl/_rels/workbook.xml.rels", PackageParts.workbookRelationships(sheetCount: 1)),
    (
      "xl/worksheets/sheet1.xml",
      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>ok</t></is></c></row></sheetData></worksheet>"
    ),
  ]

  @Test func readsStoredEntries() throws {
    let data = try ZipPackage.write(parts: parts, compressed: false)
    #expect(try SpreadsheetReader.sheetNames(in: data) == ["Stored"])
    #expect(try SpreadsheetReader.rows(in: data) == [["ok"]])
  }

  @Test func partNamesMatchCaseInsensitively() throws {
    let reader = try ZipReader(ZipPackage.write(parts: parts))
    #expect(reader.entry("/XL/Workbook.xml")?.name == "xl/workbook.xml")
    #expect(reader.entry("xl/missing.xml") == nil)
  }

  @Test func corruptCRCIsAnError() throws {
    var bytes = [UInt8](try ZipPackage.write(parts: parts, compressed: false))
    let text = [UInt8]("<t>ok</t>".utf8)
    let index = try #require(bytes.indices.first { Array(bytes[$0..<min($0 + text.count, bytes.count)]) == text })
    bytes[index + 3] = UInt8(ascii: "K")
    #expect(TestSupport.readError(Data(bytes)) == "corrupt XLSX archive: cannot read xl/worksheets/sheet1.xml")
  }

  @Test func zip64ExtraFieldReplacesSaturatedValues() throws {
    var values = [0xFFFF_FFFF, 0xFFFF_FFFF, 100]
    let extra: [UInt8] =
      [0x09, 0x00, 0x01, 0x00, 0xAA, 0x01, 0x00, 0x10, 0x00] + [5, 0, 0, 0, 0, 0, 0, 0] + [3, 0, 0, 0, 0, 0, 0, 0]
    try ZipReader.applyZip64(extra: extra[...], to: &values)
    #expect(values == [5, 3, 100])
  }
}
