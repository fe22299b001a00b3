import Foundation
import Testing

@testable import Tabular

@Suite("CSV in parallel chunks")
struct CSVChunksTests {
  /// Records and line numbers read chunk by chunk, in chunk order.
  static func chunked(_ bytes: [UInt8], threshold: Int) throws -> (chunks: Int, rows: [TabularRow]) {
    try bytes.withUnsafeBufferPointer { buffer in
      var scanner = CSVScanner(buffer)
      _ = try scanner.nextRow()  // the header
      let chunks = CSVChunks.split(scanner, threshold: threshold)
      let parts = CSVChunks.map(buffer, chunks) { _, scanner -> Result<[TabularRow], TabularError> in
        var found: [TabularRow] = []
        do throws(TabularError) {
          while let row = try scanner.nextRow() { found.append(row) }
        } catch {
          return .failure(error)
        }
        return .success(found)
      }
      return (chunks.count, try parts.flatMap { try $0.get() })
    }
  }

  @Test("Chunks read in parallel give the same records and line numbers as one pass, whatever the line ends")
  func parallelEqualsSerial() throws {
    for end in ["\n", "\r\n", "\r"] {
      var lines = ["a,b,c"]
      for i in 0..<3000 {
        if i % 97 == 0 { lines.append("") }  // blank lines shift physical line numbers
        lines.append("\(i),\(Double(i) / 7),\(i % 7 == 0 ? "" : "x\(i % 3)")")
      }
      let bytes = Array((lines.joined(separator: end) + end).utf8)
      let serial = try Self.chunked(bytes, threshold: .max)
      let parallel = try Self.chunked(bytes, threshold: 0)
      #expect(serial.chunks == 1)
      #expect(parallel.chunks >= 2)
      #expect(serial.rows.count == 3000)
      #expect(parallel.rows == serial.rows, "line end \(end.debugDescription)")
      #expect(serial.rows.last?.line == 3000 + 3000 / 97 + 2)
    }
  }

  @Test("A body with a quote character is never cut (a quoted field may span lines)")
  func quotesKeepOneChunk() throws {
    let bytes = Array(("a,b\n" + String(repeating: "1,2\n", count: 500) + "\"x\ny\",3\n").utf8)
    let read = try Self.chunked(bytes, threshold: 0)
    #expect(read.chunks == 1)
    #expect(read.rows.last == TabularRow(line: 502, fields: ["x\ny", "3"]))
  }

  @Test("Line ends are counted as LF, CRLF and lone CR, once each")
  func lineEnds() {
    let bytes = Array("a\nb\r\nc\rd\r".utf8)
    bytes.withUnsafeBufferPointer { #expect(CSVChunks.lineEnds($0, from: 0, to: $0.count) == 4) }
    bytes.withUnsafeBufferPointer { #expect(CSVChunks.lineEnds($0, from: 0, to: 4) == 1, "a CR whose LF lies beyond counts with its LF") }
  }
}
