import Foundation

/// An uploaded table (CSV or XLSX) as its header and then its data rows in batches. For CSV the
/// next batch is parsed in a task of its own while the caller validates and writes this one, so
/// that reading a large roster overlaps with storing it instead of coming before it.
struct TabularBatches: Sendable {
  typealias Batch = (records: [CSVRecords.Record], next: CSVRecords.Position?)

  let header: CSVRecords.Record
  /// Data rows, estimated from the first batch's bytes per record (for progress bars).
  let estimatedRows: Int
  private let field: String
  private let batchSize: Int
  private let bytes: [UInt8]
  private var ready: [CSVRecords.Record]?
  private var pending: Task<Batch, any Error>?

  init(_ data: Data, field: String = "file", batchSize: Int = 20_000) throws {
    (self.field, self.batchSize) = (field, batchSize)
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      let rows = try TabularFile.records(data, field: field)
      guard let header = rows.first else { throw AppError.invalid(field, "import.error.empty") }
      (self.header, ready, estimatedRows, bytes) = (header, Array(rows.dropFirst()), rows.count - 1, [])
      return
    }
    guard !data.isEmpty else { throw AppError.invalid(field, "import.error.empty") }
    bytes = [UInt8](data)
    try NulCharacters.refuse(in: bytes, format: .raw)
    let first = try Self.parse(bytes, from: CSVRecords.start(of: bytes), field: field, limit: batchSize + 1)
    guard let header = first.records.first else { throw AppError.invalid(field, "import.error.empty") }
    self.header = header
    ready = Array(first.records.dropFirst())
    if let next = first.next {
      estimatedRows = Int(Double(first.records.count) * Double(bytes.count) / Double(next.index)) - 1
    } else {
      estimatedRows = first.records.count - 1
    }
    pending = first.next.map { prefetch(from: $0) }
  }

  /// The next batch of data rows, or nil after the last.
  mutating func next() async throws -> [CSVRecords.Record]? {
    if let rows = ready {
      ready = nil
      return rows
    }
    guard let task = pending else { return nil }
    let batch = try await task.value
    pending = batch.next.map { prefetch(from: $0) }
    return batch.records
  }

  private func prefetch(from position: CSVRecords.Position) -> Task<Batch, any Error> {
    let (bytes, field, batchSize) = (bytes, field, batchSize)
    return Task { try Self.parse(bytes, from: position, field: field, limit: batchSize) }
  }

  private static func parse(
    _ bytes: [UInt8], from position: CSVRecords.Position, field: String, limit: Int
  ) throws -> Batch {
    do {
      return try CSVRecords.parse(bytes, from: position, limit: limit)
    } catch {
      throw AppError.invalid(field, "import.error.not_utf8", String(error.line))
    }
  }
}
