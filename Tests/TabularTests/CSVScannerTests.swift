import Foundation
import Testing

@testable import Tabular

/// Every row of `text` as the one reader gives it (header included).
func rows(_ text: String) throws(TabularError) -> [TabularRow] {
  try TabularReader.rows(in: Data(text.utf8))
}

func rows(_ bytes: [UInt8]) throws(TabularError) -> [TabularRow] {
  try TabularReader.rows(in: Data(bytes))
}

@Suite("CSV grammar: quoting, byte-order mark, line ends, blank lines, line numbers")
struct CSVScannerTests {

  @Test("Quoted fields keep commas, line breaks and doubled quotes; each record has the line it starts on")
  func quoting() throws {
    let found = try rows(TabularFixtures.text)
    #expect(found.map(\.line) == [1, 2, 5, 6, 9, 11])
    #expect(found[0].fields == ["户号", "户名", "用电地址"], "the byte-order mark is not part of the first name")
    #expect(found[1].fields == ["1001", "张,三", "临川县\n解放路"])
    #expect(found[2].fields == ["1002", "李四", "说\"好\"的"])
    #expect(found[3].fields == ["1003", "王五", "城区"])
    #expect(found[4].fields == ["1004", "赵\r\n六", ""])
    #expect(found[5].fields == ["1005", "钱七", "末行"])
  }

  @Test("LF, CRLF and a lone CR each end a record and count as one line", arguments: ["\n", "\r\n", "\r"])
  func lineEnds(end: String) throws {
    let text = ["a,b", "1,2", "", "3,4", ""].joined(separator: end)
    let found = try rows(text)
    #expect(found.map(\.line) == [1, 2, 4])
    #expect(found.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
  }

  @Test("Blank lines and rows of empty cells are skipped but counted; a header after blank lines keeps its line")
  func blankLines() throws {
    let found = try rows("\n\r\nname,code\n,\n\n\"\",\"\"\nx,1\n   ,\n")
    #expect(found.map(\.line) == [3, 7, 8])
    #expect(found[2].fields == ["   ", ""], "spaces are content, not blank")
  }

  @Test("Ragged rows keep the fields they have: fewer or more than the header")
  func ragged() throws {
    let found = try rows("a,b,c\n1\n1,2,3,4\n1,,\n")
    #expect(found.map(\.fields) == [["a", "b", "c"], ["1"], ["1", "2", "3", "4"], ["1", "", ""]])
  }

  @Test("Spaces after a closing quote are allowed; other text there, a stray quote or an unclosed quote names its line")
  func malformedQuoting() throws {
    #expect(try rows("a,b\n\"x\"  ,y\n").last?.fields == ["x", "y"])
    #expect(throws: TabularError.textAfterQuote(line: 3)) { try rows("a,b\n1,2\n\"x\"y,2\n") }
    #expect(throws: TabularError.strayQuote(line: 2)) { try rows("a,b\n5\"寸,2\n") }
    #expect(throws: TabularError.unclosedQuote(line: 3)) { try rows("a,b\n1,2\n\"open,2\n3,4\n") }
    // An error inside a quoted field that spans lines names the line where it is.
    #expect(throws: TabularError.textAfterQuote(line: 3)) { try rows("a\n\"two\nlines\"x\n") }
  }

  @Test("NUL is refused naming its physical line, counted as the records are (lone CR and CRLF included)")
  func nul() throws {
    #expect(throws: TabularError.nul(line: 4)) { try rows(Array("a,b\r\n1,2\r3,\"x\ny\0\"\n".utf8)) }
    #expect(throws: TabularError.nul(line: 1)) { try rows([0x61, 0x00, 0x0A, 0x62]) }
    #expect(try rows("a\n1\n").count == 2)
  }

  @Test("Bytes that are not UTF-8 are refused naming the line of their record")
  func notUTF8() {
    var bytes = Array("户号,户名\n1,甲\n2,乙\n".utf8)
    bytes += [0x34, 0x2C, 0xC4, 0xE3, 0x0A]  // GBK 你
    #expect(throws: TabularError.notUTF8(line: 4)) { try rows(bytes) }
  }

  @Test(
    "Text is accepted exactly when it is UTF-8, including bad bytes that a repair would hide",
    arguments: [
      ([0x41], true), (Array("临川，（城区）\u{FFFD}".utf8), true), ([0xF0, 0x9F, 0x98], false),
      ([0xF0, 0x9F, 0x98, 0x41], false), ([0xFF], false), ([0xED, 0xA0, 0x80], false), ([0xC4, 0xE3], false),
      (Array("😀".utf8), true), ([], true),
    ] as [([UInt8], Bool)])
  func utf8Check(bytes: [UInt8], valid: Bool) {
    #expect((TabularText.utf8(bytes) != nil) == valid)
    #expect((TabularText.utf8(bytes) != nil) == (String(validating: bytes, as: UTF8.self) != nil))
  }

  @Test("A file of nothing but blank lines, or nothing at all, has no header")
  func empty() throws {
    #expect(try rows("\n\r\n\n").isEmpty)
    #expect(throws: TabularError.empty) { try TabularReader(Data("\n\r\n\n".utf8)) }
    #expect(throws: TabularError.empty) { try TabularReader(Data()) }
  }

  @Test("Fields as byte ranges: unquoted fields are ranges of the file, quoted ones are unescaped into scratch")
  func fieldRanges() throws {
    let bytes = Array("\u{FEFF}x,\"a \"\"q\"\"\",  7 \r\n".utf8)
    try bytes.withUnsafeBufferPointer { buffer in
      var scanner = CSVScanner(buffer)
      let started = scanner.nextRecord()
      #expect(started)
      let x = try scanner.field()
      #expect(!x.quoted && !scanner.recordEnded && scanner.withBytes(x) { Array($0) } == Array("x".utf8))
      let q = try scanner.field()
      #expect(q.quoted && scanner.withBytes(q) { String(decoding: $0, as: UTF8.self) } == "a \"q\"")
      let seven = try scanner.field()
      #expect(scanner.recordEnded && scanner.withBytes(seven) { String(decoding: $0, as: UTF8.self) } == "  7 ")
      let more = scanner.nextRecord()
      #expect(scanner.line == 2 && !more)
    }
  }

  @Test("After a refused field, skipLine goes on at the next record with the right line number")
  func skipLine() throws {
    let bytes = Array("a,b\n1,x\"y,3\n4,5\n".utf8)
    try bytes.withUnsafeBufferPointer { buffer in
      var scanner = CSVScanner(buffer)
      var lines: [Int] = []
      var refused: [Int] = []
      while scanner.nextRecord() {
        let line = scanner.line
        do throws(TabularError) {
          repeat { _ = try scanner.field() } while !scanner.recordEnded
          lines.append(line)
        } catch {
          refused.append(try #require(error.line))
          scanner.skipLine()
        }
      }
      #expect(lines == [1, 3] && refused == [2])
    }
  }
}
