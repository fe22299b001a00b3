import Foundation

/// A fast RFC 4180 reader for text imports (rosters, survey results): quoted fields, doubled
/// quotes, CRLF or LF, a UTF-8 byte-order mark. Each record keeps the line it starts on, so that
/// problems are reported where a person finds them in the file.
enum CSVRecords {
  struct Record: Sendable {
    let line: Int
    let fields: [String]
  }

  struct NotUTF8: Error {
    let line: Int
  }

  static func parse(_ bytes: [UInt8]) throws(NotUTF8) -> [Record] {
    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    var recordLine = 1
    var inQuotes = false
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    func endField() throws(NotUTF8) {
      guard let text = String(validating: field, as: UTF8.self) else { throw NotUTF8(line: recordLine) }
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
      } else {
        field.append(b)
      }
      i += 1
    }
    if !field.isEmpty || !fields.isEmpty { try endRecord() }
    return records
  }
}
