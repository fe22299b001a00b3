import Foundation

/// A rectangular numeric data set with named columns; `nil` marks a missing value. Kept
/// column-oriented because every analysis selects a few indicator columns by name.
public struct Dataset: Sendable, Equatable {
  public let columnNames: [String]
  public let columns: [[Double?]]

  public var rowCount: Int { columns.first?.count ?? 0 }

  /// Throws on duplicate names, length mismatch or non-finite numbers (use `nil` for missing).
  public init(columnNames: [String], columns: [[Double?]]) throws {
    guard columnNames.count == columns.count else {
      throw AnalyticsError.dimensionMismatch(context: "\(columnNames.count) column names for \(columns.count) columns")
    }
    var seen = Set<String>()
    for name in columnNames where !seen.insert(name).inserted { throw AnalyticsError.duplicateName(name: name) }
    let n = columns.first?.count ?? 0
    for (name, col) in zip(columnNames, columns) {
      guard col.count == n else {
        throw AnalyticsError.dimensionMismatch(context: "column '\(name)' has \(col.count) rows, expected \(n)")
      }
      if col.contains(where: { $0.map { !$0.isFinite } ?? false }) {
        throw AnalyticsError.nonFiniteValue(context: "column '\(name)'")
      }
    }
    self.columnNames = columnNames
    self.columns = columns
  }

  /// Convenience for complete data.
  public init(columnNames: [String], completeColumns: [[Double]]) throws {
    try self.init(columnNames: columnNames, columns: completeColumns.map { $0.map { Optional($0) } })
  }

  /// Parses comma-separated text with a header row. Empty, `NA` and non-numeric fields become
  /// missing, so text columns (e.g. gender) load but cannot be used as indicators.
  public init(csv text: String) throws {
    let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    guard let header = lines.first else { throw AnalyticsError.insufficientData(context: "CSV text is empty") }
    let names = CSVLine.split(header)
    var cols = Array(repeating: [Double?](), count: names.count)
    for (lineNo, line) in lines.dropFirst().enumerated() {
      let fields = CSVLine.split(line)
      guard fields.count == names.count else {
        throw AnalyticsError.dimensionMismatch(context: "CSV line \(lineNo + 2) has \(fields.count) fields, header has \(names.count)")
      }
      for (j, f) in fields.enumerated() {
        let v = Double(f.trimmingCharacters(in: .whitespaces))
        cols[j].append(v.flatMap { $0.isFinite ? $0 : nil })
      }
    }
    try self.init(columnNames: names, columns: cols)
  }

  public func column(named name: String) throws -> [Double?] {
    guard let j = columnNames.firstIndex(of: name) else { throw AnalyticsError.unknownColumn(name: name) }
    return columns[j]
  }
}

/// Minimal RFC 4180 field splitter (quotes and doubled quotes), enough for R `write.csv` output.
enum CSVLine {
  static func split(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var inQuotes = false
    var chars = Array(line)
    if chars.last == "\r" { chars.removeLast() }
    var i = 0
    while i < chars.count {
      let ch = chars[i]
      if inQuotes {
        if ch == "\"" {
          if i + 1 < chars.count, chars[i + 1] == "\"" { current.append("\""); i += 1 } else { inQuotes = false }
        } else {
          current.append(ch)
        }
      } else if ch == "\"" {
        inQuotes = true
      } else if ch == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(ch)
      }
      i += 1
    }
    fields.append(current)
    return fields
  }
}
