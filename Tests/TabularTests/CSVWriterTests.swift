import Foundation
import Testing

@testable import Tabular

@Suite("The one CSV writer")
struct CSVWriterTests {
  @Test("A text cell that a spreadsheet would run as a formula gets an apostrophe; numbers stay numbers")
  func formulas() {
    for payload in ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
      #expect(CSVWriter.field(.text(payload)).hasPrefix("\"'"), "\(payload)")
    }
    #expect(CSVWriter.field(.integer(-3)) == "-3")
    #expect(CSVWriter.field(.number(-12.5)) == "-12.5")
    #expect(CSVWriter.field(.number(.nan)) == "")
    #expect(CSVWriter.field(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
    #expect(CSVWriter.field(.text("张三 = 李四")) == "\"张三 = 李四\"")
    let data = CSVWriter.document(header: ["a", "b"], rows: [[.text("=1+1"), .number(-2)]])
    #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "\"a\",\"b\"\r\n\"'=1+1\",-2.0\r\n")
  }

  @Test("A document starts with a byte-order mark and ends its lines in CRLF; the reader gives its cells back")
  func documentRoundTrip() throws {
    let cells: [[CSVWriter.Cell]] = [[.text("张,三"), .integer(3), .text("两\r\n行")], [.text("\"q\""), .number(1.5), .text("")]]
    let data = CSVWriter.document(header: ["名", "数", "注"], rows: cells)
    #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: data, as: UTF8.self).hasSuffix("\r\n"))
    let read = try TabularReader.rows(in: data)
    #expect(read.map(\.fields) == [["名", "数", "注"], ["张,三", "3", "两\r\n行"], ["\"q\"", "1.5", ""]])
  }

  @Test("A record for a program quotes only what needs it, and reads back to the same fields")
  func records() throws {
    #expect(CSVWriter.record(["weight", "csi.sat.1", "", "-1.5"]) == "weight,csi.sat.1,,-1.5\n")
    let awkward = ["a,b", "say \"x\"", "line\nbreak", " padded ", "=not a formula here", "cr\r"]
    #expect(try TabularReader.rows(in: Data(CSVWriter.record(awkward).utf8)).first?.fields == awkward)
  }
}
