import Foundation
import Tabular

/// Columns read from a CSV file by `FastCSV`.
struct CSVColumns {
  /// Header names as written (quotes removed), in file order.
  var header: [String]
  /// Numeric columns by header index, 8 bytes a value; NaN marks a missing value (empty, NA,
  /// NaN, N/A, null).
  var values: [Int: [Double]] = [:]
  /// The numeric columns with `nil` for missing values (a copy, for small files).
  var numeric: [Int: [Double?]] { values.mapValues { $0.map { $0.isNaN ? nil : $0 } } }
  /// Text columns by header index (the raw field; `nil` for an empty field or NA).
  var text: [Int: [String?]] = [:]
  /// Physical line number (1-based) of every data row, for error messages.
  var lineNumbers: [Int32] = []
  var rowCount: Int { lineNumbers.count }
}

/// How a selected column is read.
enum CSVColumnKind {
  case skip, numeric, text
}

/// The analyses' CSV columns, read by the one CSV reader (`Tabular`): the file memory-mapped, a
/// large body without quotes read on all cores, and only the selected columns converted —
/// numbers straight from the bytes into plain `[Double]`, no `String` per cell.
enum FastCSV {
  /// Reads `path` (memory-mapped, not copied); `select` gets the header and says which columns
  /// to keep and how.
  static func read(path: String, select: ([String]) throws -> [CSVColumnKind]) throws -> CSVColumns {
    let file: MappedFile
    do {
      file = try MappedFile(path: path)
    } catch {
      switch error {
      case .missing: throw AnalysisFailure("analysis.fail.data_missing", path)
      case .directory: throw AnalysisFailure("analysis.fail.data_directory", path)
      case .unreadable(let reason): throw AnalysisFailure("analysis.fail.data_unreadable_because", path, reason)
      }
    }
    return try withExtendedLifetime(file) {
      try parse(buffer: file.bytes, source: path, parallelThreshold: CSVChunks.parallelBytes, file: file, select: select)
    }
  }

  static func parse(
    _ bytes: [UInt8], source: String, parallelThreshold: Int = CSVChunks.parallelBytes,
    select: ([String]) throws -> [CSVColumnKind]
  ) throws -> CSVColumns {
    try bytes.withUnsafeBufferPointer { try parse(buffer: $0, source: source, parallelThreshold: parallelThreshold, select: select) }
  }

  /// `file`, when given, is where the bytes are mapped: the pages read are released as the
  /// chunks go, so the file never sits whole in memory next to the columns.
  static func parse(
    buffer: UnsafeBufferPointer<UInt8>, source: String, parallelThreshold: Int, file: MappedFile? = nil,
    select: ([String]) throws -> [CSVColumnKind]
  ) throws -> CSVColumns {
    var scanner = CSVScanner(buffer)
    if let line = scanner.firstNUL() { throw failure(.nul(line: line), source) }
    guard scanner.nextRecord() else { throw AnalysisFailure("analysis.fail.data_empty", source) }
    let headerLine = scanner.line
    var header: [String] = []
    do {
      repeat {
        let field = try scanner.field()
        let name = try scanner.text(field, line: headerLine)
        header.append(field.quoted ? name : name.trimmingCharacters(in: .whitespaces))
      } while !scanner.recordEnded
    } catch {
      throw failure(error, source)
    }
    var seen = Set<String>()
    for h in header where !h.isEmpty && !seen.insert(h).inserted {
      throw AnalysisFailure("analysis.fail.header_twice", source, h, String(headerLine))
    }
    let kinds = try select(header)
    guard kinds.count == header.count else {
      throw AnalysisFailure("analysis.fail.column_kinds", String(kinds.count), String(header.count))
    }
    let chunks = CSVChunks.split(scanner, threshold: parallelThreshold)
    // Drop the pages the line count read; the chunks read them again from the page cache and
    // drop them as they go.
    file?.release(from: 0, to: buffer.count)
    var out = CSVColumns(header: header)
    try readBody(buffer, chunks, Layout(kinds: kinds, header: header, source: source), file: file, into: &out)
    return out
  }

  /// What every chunk needs to know about the columns.
  private struct Layout: Sendable {
    let kinds: [CSVColumnKind]
    let header: [String]
    let source: String
    var numericColumns: [Int] { kinds.indices.filter { kinds[$0] == .numeric } }
  }

  /// One chunk's rows: numeric values written into `Columns` from `offset` on, text and line
  /// numbers kept here.
  private struct ChunkRows: Sendable {
    var rows = 0
    var lines: [Int32] = []
    var text: [Int: [String?]] = [:]
    var error: AnalysisFailure?
  }

  /// Per-column output buffers shared by the chunk workers (each writes its own row range).
  private final class Columns: @unchecked Sendable {
    var pointers: [UnsafeMutablePointer<Double>?]
    init(count: Int) { pointers = Array(repeating: nil, count: count) }
  }

  private final class Release: @unchecked Sendable {
    let file: MappedFile?
    init(_ file: MappedFile?) { self.file = file }
  }

  private static func readBody(
    _ buffer: UnsafeBufferPointer<UInt8>, _ chunks: [CSVChunk], _ layout: Layout, file: MappedFile?, into out: inout CSVColumns
  ) throws {
    var offsets: [Int] = []
    var total = 0
    for chunk in chunks {
      offsets.append(total)
      total += chunk.lineEnds + 1
    }
    let columns = Columns(count: layout.header.count)
    for j in layout.numericColumns {
      // Left uninitialised: every parsed row writes every numeric column, and only the parsed
      // rows are copied out (Double is a trivial type).
      columns.pointers[j] = UnsafeMutablePointer<Double>.allocate(capacity: total)
    }
    defer { for j in layout.numericColumns { columns.pointers[j]?.deallocate() } }
    let (release, starts) = (Release(file), offsets)
    let results = CSVChunks.map(buffer, chunks) { k, scanner in
      readRows(&scanner, layout, columns, offset: starts[k], release: release.file)
    }
    // The first error in file order.
    if let error = results.compactMap(\.error).first { throw error }
    let rows = results.reduce(0) { $0 + $1.rows }
    // Copy out column by column, freeing each buffer at once, so the peak stays near one copy.
    for j in layout.numericColumns {
      guard let p = columns.pointers[j] else { continue }
      out.values[j] = [Double](unsafeUninitializedCapacity: rows) { dst, count in
        count = 0
        guard let target = dst.baseAddress else { return }  // no rows
        for (k, chunk) in results.enumerated() {
          (target + count).initialize(from: p + offsets[k], count: chunk.rows)
          count += chunk.rows
        }
      }
      p.deallocate()
      columns.pointers[j] = nil
    }
    out.lineNumbers = results.flatMap(\.lines)
    for j in layout.kinds.indices where layout.kinds[j] == .text {
      out.text[j] = results.flatMap { $0.text[j] ?? [] }
    }
  }

  /// Reads one chunk's rows into `columns` from row `offset`.
  private static func readRows(
    _ scanner: inout CSVScanner, _ layout: Layout, _ columns: Columns, offset: Int, release file: MappedFile?
  ) -> ChunkRows {
    var out = ChunkRows()
    let width = layout.header.count
    let pointers = columns.pointers
    var released = scanner.position
    for j in layout.kinds.indices where layout.kinds[j] == .text { out.text[j] = [] }
    do {
      while scanner.nextRecord() {
        let line = scanner.line
        var column = 0
        repeat {
          let field = try scanner.field()
          if column < width {
            switch layout.kinds[column] {
            case .skip: break
            case .numeric:
              let cell =
                field.quoted
                ? scanner.scratch.withUnsafeBufferPointer { number($0, 0, $0.count) } : number(scanner.bytes, field.start, field.end)
              switch cell {
              case .value(let value): pointers[column]?[offset + out.rows] = value
              case .missing: pointers[column]?[offset + out.rows] = .nan
              case .notANumber(let text):
                throw AnalysisFailure("analysis.fail.not_a_number", layout.source, String(line), layout.header[column], text)
              case .outOfRange(let text):
                throw AnalysisFailure("analysis.fail.number_range", layout.source, String(line), layout.header[column], text)
              }
            case .text:
              let t = try scanner.text(field, line: line).trimmingCharacters(in: .whitespaces)
              out.text[column, default: []].append(isMissingToken(t) ? nil : t)
            }
          }
          column += 1
        } while !scanner.recordEnded
        guard column == width else {
          throw AnalysisFailure("analysis.fail.csv_field_count", layout.source, String(line), String(column), String(width))
        }
        out.lines.append(Int32(truncatingIfNeeded: line))
        out.rows += 1
        if let file, scanner.position - released >= 1 << 20 {
          file.release(from: released, to: scanner.position)
          released = scanner.position
        }
      }
    } catch let error as TabularError {
      out.error = failure(error, layout.source)
    } catch {
      out.error = error as? AnalysisFailure ?? AnalysisFailure("analysis.fail.command", "\(error)")
    }
    return out
  }

  /// The reader's refusal in the analyses' words.
  static func failure(_ error: TabularError, _ source: String) -> AnalysisFailure {
    switch error {
    case .empty: return AnalysisFailure("analysis.fail.data_empty", source)
    case .nul(let line): return AnalysisFailure("analysis.fail.csv_nul", source, String(line))
    case .notUTF8(let line): return AnalysisFailure("analysis.fail.csv_not_utf8", source, String(line))
    case .unclosedQuote(let line): return AnalysisFailure("analysis.fail.csv_unclosed_quote", source, String(line))
    case .strayQuote(let line): return AnalysisFailure("analysis.fail.csv_stray_quote", source, String(line))
    case .textAfterQuote(let line): return AnalysisFailure("analysis.fail.csv_text_after_quote", source, String(line))
    case .xlsx(let reason): return AnalysisFailure("analysis.fail.data_unreadable_because", source, reason)
    }
  }

  static func isMissingToken(_ t: String) -> Bool {
    switch t.lowercased() {
    case "", "na", "nan", "n/a", "null", "#n/a": return true
    default: return false
    }
  }

  /// What a numeric cell holds.
  enum NumericCell {
    case value(Double)
    /// Empty, NA, NaN, N/A, null or #N/A.
    case missing
    case notANumber(String)
    case outOfRange(String)
  }

  /// The number in `b[start..<end]`, spaces around it allowed.
  @inline(__always)
  static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> NumericCell {
    let (s, e) = CSVNumbers.trimmed(b, start, end)
    if s == e { return .missing }
    if let value = CSVNumbers.decimal(b, s, e) { return value.isFinite ? .value(value) : .outOfRange(text(b, s, e)) }
    let found = text(b, s, e)
    return isMissingToken(found) ? .missing : .notANumber(found)
  }

  private static func text(_ cell: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: cell[s..<e]), as: UTF8.self)
  }
}
