import Foundation
import Spreadsheet

/// An uploaded table, CSV or XLSX alike: its header row, then its data rows in batches, each row
/// with the line it is on (the header's line is 1; for XLSX the sheet's row number). Blank lines
/// and rows whose every cell is empty are skipped; a NUL anywhere refuses the file naming its
/// line; an XLSX row short of the header is padded with empty cells, as CSV writes them. For CSV
/// the next batch is read in a task of its own while the caller validates and stores this one,
/// so that reading a large file overlaps with storing it instead of coming first.
public struct TabularReader: Sendable {
  public enum Format: Sendable {
    case csv, xlsx
  }

  public let format: Format
  public let header: TabularRow
  /// Data rows, estimated from the first batch's bytes per row (for progress bars).
  public let estimatedRows: Int
  private let batchSize: Int
  private let bytes: [UInt8]
  private var ready: [TabularRow]?
  private var pending: Task<Batch, any Error>?

  private struct Batch: Sendable {
    let rows: [TabularRow]
    /// Where the next batch starts (a record's first byte and its line), nil at the end.
    let next: (position: Int, line: Int)?
  }

  /// True when the bytes are an XLSX file (a zip archive), not CSV.
  public static func isXLSX(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

  public init(_ data: Data, batchSize: Int = 20_000) throws(TabularError) {
    let size = max(1, batchSize)
    self.batchSize = size
    if Self.isXLSX(data) {
      let rows = try Self.xlsxRows(data)
      guard let header = rows.first else { throw .empty }
      (format, self.header, ready, estimatedRows, bytes) = (.xlsx, header, Array(rows.dropFirst()), rows.count - 1, [])
      return
    }
    format = .csv
    bytes = [UInt8](data)
    let first = try bytes.withUnsafeBufferPointer { (buffer) throws(TabularError) -> Batch in
      let scanner = CSVScanner(buffer)
      if let line = scanner.firstNUL() { throw .nul(line: line) }
      return try Self.read(buffer, from: (scanner.position, scanner.line), limit: size + 1)
    }
    guard let header = first.rows.first else { throw .empty }
    self.header = header
    ready = Array(first.rows.dropFirst())
    if let next = first.next, next.position > 0 {
      estimatedRows = Int(Double(first.rows.count) * Double(bytes.count) / Double(next.position)) - 1
    } else {
      estimatedRows = first.rows.count - 1
    }
    pending = first.next.map { prefetch(from: $0) }
  }

  /// The next batch of data rows, or nil after the last. Throws `TabularError`.
  public mutating func next() async throws -> [TabularRow]? {
    if let rows = ready {
      ready = nil
      return rows
    }
    guard let task = pending else { return nil }
    let batch = try await task.value
    pending = batch.next.map { prefetch(from: $0) }
    return batch.rows
  }

  /// Every row of a table, header first.
  public static func rows(in data: Data) throws(TabularError) -> [TabularRow] {
    if isXLSX(data) { return try xlsxRows(data) }
    return try [UInt8](data).withUnsafeBufferPointer { (buffer) throws(TabularError) -> [TabularRow] in
      var scanner = CSVScanner(buffer)
      if let line = scanner.firstNUL() { throw .nul(line: line) }
      var rows: [TabularRow] = []
      while let row = try scanner.nextRow() { rows.append(row) }
      return rows
    }
  }

  private func prefetch(from start: (position: Int, line: Int)) -> Task<Batch, any Error> {
    let (bytes, limit) = (bytes, batchSize)
    return Task { try bytes.withUnsafeBufferPointer { try Self.read($0, from: start, limit: limit) } }
  }

  private static func read(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: (position: Int, line: Int), limit: Int
  ) throws(TabularError) -> Batch {
    let chunk = CSVChunk(start: start.position, end: buffer.count, line: start.line, lineEnds: 0)
    var scanner = CSVScanner(buffer, chunk: chunk)
    var rows: [TabularRow] = []
    while rows.count < limit, let row = try scanner.nextRow() { rows.append(row) }
    let more = rows.count == limit && scanner.nextRecord()
    return Batch(rows: rows, next: more ? (scanner.position, scanner.line) : nil)
  }

  /// The first worksheet's rows; the sheet's row numbers are the lines.
  private static func xlsxRows(_ data: Data) throws(TabularError) -> [TabularRow] {
    let rows: [[String]]
    do {
      rows = try SpreadsheetReader.rows(in: data)
    } catch {
      throw .xlsx(error.message)
    }
    var found: [TabularRow] = []
    for (index, fields) in rows.enumerated() where fields.contains(where: { !$0.isEmpty }) {
      // The `_x0000_` escape of SpreadsheetML decodes to NUL.
      if fields.contains(where: { $0.utf8.contains(0) }) { throw .nul(line: index + 1) }
      // A sheet leaves out empty cells at the end of a row; CSV writes them.
      let width = found.first?.fields.count ?? 0
      let padded = fields.count < width ? fields + Array(repeating: "", count: width - fields.count) : fields
      found.append(TabularRow(line: index + 1, fields: padded))
    }
    return found
  }
}
