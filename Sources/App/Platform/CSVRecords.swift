import Foundation

/// A fast RFC 4180 reader for text imports (rosters, survey results): quoted fields, doubled
/// quotes, CRLF or LF, a UTF-8 byte-order mark. Each record keeps the line it starts on, so that
/// problems are reported where a person finds them in the file. Large files are read in batches
/// of records (`parse(_:from:limit:)`), each starting where the last one stopped.
enum CSVRecords {
  struct Record: Sendable {
    let line: Int
    let fields: [String]
  }

  struct NotUTF8: Error {
    let line: Int
  }

  /// Where a batch starts: always at the beginning of a record, outside quotes.
  struct Position: Sendable {
    let index: Int
    let line: Int
  }

  /// The first record's position (after a byte-order mark).
  static func start(of bytes: [UInt8]) -> Position {
    Position(index: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, line: 1)
  }

  /// Every record of the file.
  static func parse(_ bytes: [UInt8]) throws(NotUTF8) -> [Record] {
    try parse(bytes, from: start(of: bytes)).records
  }

  /// Up to `limit` records from `position` (blank lines are skipped and not counted) and where
  /// the next batch starts, or nil at the end of the file.
  static func parse(
    _ bytes: [UInt8], from position: Position, limit: Int = .max
  ) throws(NotUTF8) -> (records: [Record], next: Position?) {
    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var i = position.index
    var line = position.line
    var recordLine = line
    var inQuotes = false
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    func endField() throws(NotUTF8) {
      guard let text = utf8String(field) else { throw NotUTF8(line: recordLine) }
      fields.append(text)
      field.removeAll(keepingCapacity: true)
    }
    func endRecord() throws(NotUTF8) {
      try endField()
      if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
      fields.removeAll(keepingCapacity: true)
    }

    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == quote {
          if i + 1 < bytes.count && bytes[i + 1] == quote {
            field.append(quote)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if b == lf { line += 1 }
          field.append(b)
        }
      } else if b == quote && field.isEmpty {
        inQuotes = true
      } else if b == comma {
        try endField()
      } else if b == lf || b == cr {
        if b == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
        try endRecord()
        line += 1
        recordLine = line
        if records.count >= limit {
          return (records, i + 1 < bytes.count ? Position(index: i + 1, line: line) : nil)
        }
      } else {
        field.append(b)
      }
      i += 1
    }
    if !field.isEmpty || !fields.isEmpty { try endRecord() }
    return (records, nil)
  }

  /// The bytes as text, or nil when they are not UTF-8. `String(decoding:)` is the fast path but
  /// repairs bad bytes with U+FFFD (EF BF BD); a repair shows as a different length or as an EF
  /// byte in the result, and only then does the slower strict check decide.
  static func utf8String(_ bytes: [UInt8]) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.utf8.count == bytes.count else { return nil }
    let mayBeRepaired = text.utf8.withContiguousStorageIfAvailable { $0.contains(0xEF) } ?? true
    if mayBeRepaired, String(validating: bytes, as: UTF8.self) == nil { return nil }
    return text
  }
}
