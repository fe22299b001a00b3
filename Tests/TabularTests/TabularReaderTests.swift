import Foundation
import Testing

@testable import Spreadsheet
@testable import Tabular

@Suite("Tables in batches, CSV and XLSX behind one row interface")
struct TabularReaderTests {
  static func allBatches(_ data: Data, batchSize: Int) async throws -> (header: TabularRow, rows: [[TabularRow]]) {
    var reader = try TabularReader(data, batchSize: batchSize)
    var batches: [[TabularRow]] = []
    while let batch = try await reader.next() { batches.append(batch) }
    return (reader.header, batches)
  }

  @Test("Batches of any size give the header, then every data row once, in order, as one read does")
  func batchesAgree() async throws {
    let data = Data(TabularFixtures.text.utf8)
    let whole = try TabularReader.rows(in: data)
    for size in 1...8 {
      let read = try await Self.allBatches(data, batchSize: size)
      #expect(read.header == whole[0])
      #expect(read.rows.allSatisfy { $0.count <= size })
      #expect(read.rows.flatMap { $0 } == Array(whole.dropFirst()), "batch size \(size)")
    }
  }

  @Test("The row estimate of a large file is near its real count")
  func estimate() throws {
    let text = "a,b\n" + (10_000..<20_000).map { "\($0),name\($0)" }.joined(separator: "\n")
    let reader = try TabularReader(Data(text.utf8), batchSize: 100)
    #expect(abs(reader.estimatedRows - 10_000) < 1_000)
  }

  @Test("Bytes that are not UTF-8 in a later batch are refused naming their line")
  func notUTF8InLaterBatch() async throws {
    var bytes = Array("户号,户名\n1,甲\n2,乙\n3,丙\n".utf8)
    bytes += [0x34, 0x2C, 0xFF, 0xFE, 0x0A]
    var reader = try TabularReader(Data(bytes), batchSize: 1)
    await #expect(throws: TabularError.notUTF8(line: 5)) {
      while try await reader.next() != nil {}
    }
  }

  @Test("An XLSX file gives the same rows as the same table in CSV: lines are the sheet's row numbers, short rows padded")
  func xlsxEqualsCSV() async throws {
    let table: [[String]] = [
      ["户号", "户名", "用电地址"], ["1001", "张,三", "临川县解放路"], [], ["1002", "说\"好\"的", ""], ["", "", ""],
      ["1003", "王五", "城区"],
    ]
    let csv = table.map { CSVWriter.record($0) }.joined()
    let sheet = SpreadsheetSheet(name: "S", rows: table.map { $0.map(SpreadsheetCell.text) })
    let xlsx = try SpreadsheetWorkbook(sheets: [sheet]).xlsxData()
    let fromCSV = try TabularReader.rows(in: Data(csv.utf8))
    let fromXLSX = try TabularReader.rows(in: xlsx)
    #expect(fromXLSX == fromCSV)
    #expect(fromCSV.map(\.line) == [1, 2, 4, 6])
    let reader = try TabularReader(xlsx)
    #expect(reader.format == .xlsx && reader.header.fields == ["户号", "户名", "用电地址"])
    let batches = try await Self.allBatches(xlsx, batchSize: 2)
    #expect(batches.rows.flatMap { $0 } == Array(fromCSV.dropFirst()))
    // A cell with a line break is one cell in both; in CSV the record spans two lines.
    let multiline = [["a", "b"], ["x", "两\n行"], ["y", "z"]]
    let multilineXLSX = try SpreadsheetWorkbook(sheets: [
      SpreadsheetSheet(name: "S", rows: multiline.map { $0.map(SpreadsheetCell.text) })
    ]).xlsxData()
    #expect(try TabularReader.rows(in: multilineXLSX).map(\.fields) == multiline)
    #expect(try TabularReader.rows(in: Data(multiline.map { CSVWriter.record($0) }.joined().utf8)).map(\.line) == [1, 2, 4])
  }

  @Test("An XLSX cell holding NUL (Excel's _x0000_ escape) is refused naming its row; a broken XLSX gives the reader's reason")
  func xlsxRefusals() throws {
    // The writer keeps a typed `_x0000_` literal (as `_x005F_x0000_`); the sheet is re-packed
    // with that protection undone, as another program could write it.
    let rows = [["a", "b"], ["1", "2"], ["3", "x_x0000_y"]].map { $0.map(SpreadsheetCell.text) }
    let package = try ZipPackage.open(try SpreadsheetWorkbook(sheets: [SpreadsheetSheet(name: "S", rows: rows)]).xlsxData())
    let parts = try package.entries.keys.sorted().map { path in
      (path: path, xml: String(decoding: try ZipPackage.part(path, in: package) ?? Data(), as: UTF8.self))
    }
    let xlsx = try ZipPackage.write(parts: parts.map { ($0.path, $0.xml.replacingOccurrences(of: "_x005F_x0000_", with: "_x0000_")) })
    #expect(throws: TabularError.nul(line: 3)) { try TabularReader.rows(in: xlsx) }
    let broken = Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])
    #expect {
      try TabularReader.rows(in: broken)
    } throws: { error in
      if case .xlsx(let reason) = error as? TabularError { return !reason.isEmpty }
      return false
    }
  }

  @Test("A file of several MB with thousands of rows reads in batches to the same rows")
  func largeFile() async throws {
    let header = "户号,户名,联系电话,用电地址"
    let body = (0..<40_000).map { i in
      "\(3_000_000_000 + i),\"客户\(i)\",1380013\(String(format: "%04d", i % 10_000)),\"临川县城区解放路\(i)号, 门面\""
    }
    let data = Data(([header] + body).joined(separator: "\r\n").utf8)
    #expect(data.count > 3_000_000)
    let whole = try TabularReader.rows(in: data)
    let read = try await Self.allBatches(data, batchSize: 5_000)
    #expect(read.rows.count == 8)
    #expect(read.rows.flatMap { $0 } == Array(whole.dropFirst()))
    #expect(whole.last == TabularRow(line: 40_001, fields: ["3000039999", "客户39999", "13800139999", "临川县城区解放路39999号, 门面"]))
  }
}
