import Foundation
import Testing

@testable import App

@Suite("Reading CSV in batches")
struct CSVRecordsTests {
  /// Quoted commas and line breaks, doubled quotes, CRLF, a lone CR, blank lines, a BOM and no
  /// final line break: every place where a batch could be cut wrongly.
  static let text =
    "\u{FEFF}户号,户名,用电地址\r\n1001,\"张,三\",\"临川县\n解放路\"\r\n\n1002,李四,\"说\"\"好\"\"的\"\r1003,王五,城区\n\n\n1004,\"赵\r\n六\",\n1005,钱七,末行"

  @Test("Batches of any size give the same records, with the same line numbers, as one read")
  func batchesAgree() throws {
    let bytes = Array(Self.text.utf8)
    let whole = try CSVRecords.parse(bytes)
    #expect(whole.map(\.line) == [1, 2, 5, 6, 9, 11])
    #expect(whole[1].fields == ["1001", "张,三", "临川县\n解放路"])
    #expect(whole[2].fields == ["1002", "李四", "说\"好\"的"])
    #expect(whole[4].fields == ["1004", "赵\r\n六", ""])
    #expect(whole[5].fields == ["1005", "钱七", "末行"])
    for limit in 1...8 {
      var batches: [[CSVRecords.Record]] = []
      var position: CSVRecords.Position? = CSVRecords.start(of: bytes)
      while let start = position {
        let batch = try CSVRecords.parse(bytes, from: start, limit: limit)
        #expect(batch.records.count <= limit)
        batches.append(batch.records)
        position = batch.next
      }
      let joined = batches.flatMap { $0 }
      #expect(joined.map(\.line) == whole.map(\.line), "limit \(limit)")
      #expect(joined.map(\.fields) == whole.map(\.fields), "limit \(limit)")
    }
  }

  @Test("An uploaded table yields its header, then every data row once, in order, batch by batch")
  func tabularBatches() async throws {
    let data = Data(Self.text.utf8)
    var rows = try TabularBatches(data, batchSize: 2)
    #expect(rows.header.fields == ["户号", "户名", "用电地址"])
    var lines: [Int] = []
    while let batch = try await rows.next() { lines += batch.map(\.line) }
    #expect(lines == [2, 5, 6, 9, 11])
    #expect(rows.estimatedRows > 0)
  }

  @Test("Bytes that are not UTF-8 in a later batch are refused naming their line")
  func notUTF8InLaterBatch() async throws {
    var bytes = Array("户号,户名\n1,甲\n2,乙\n3,丙\n".utf8)
    bytes += [0x34, 0x2C, 0xFF, 0xFE, 0x0A]
    var rows = try TabularBatches(Data(bytes), batchSize: 1)
    await #expect {
      while try await rows.next() != nil {}
    } throws: { error in
      guard let error = error as? AppError else { return false }
      return error.args == ["5"] && error.field == "file"
    }
  }

  @Test(
    "Text is accepted exactly when it is UTF-8, including bad bytes that a repair would hide",
    arguments: [
      ([0x41], true), (Array("临川，（城区）\u{FFFD}".utf8), true), ([0xF0, 0x9F, 0x98], false),
      ([0xF0, 0x9F, 0x98, 0x41], false), ([0xFF], false), ([0xED, 0xA0, 0x80], false), ([0xC4, 0xE3], false),
      (Array("😀".utf8), true), ([], true),
    ] as [([UInt8], Bool)])
  func utf8Check(bytes: [UInt8], valid: Bool) {
    #expect((CSVRecords.utf8String(bytes) != nil) == valid)
    #expect((CSVRecords.utf8String(bytes) != nil) == (String(validating: bytes, as: UTF8.self) != nil))
  }

  @Test("A file with nothing but blank lines is refused as empty")
  func blankFile() {
    #expect(throws: AppError.self) { try TabularBatches(Data("\n\r\n\n".utf8)) }
  }
}
