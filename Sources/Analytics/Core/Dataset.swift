import Foundation

/// A rectangular numeric data set with named columns. Held column-major as plain `[Double]`
/// (8 bytes a value) with NaN marking a missing value; `columns` gives the `Double?` view.
public struct Dataset: Sendable {
  public let columnNames: [String]
  /// Column-major values; NaN marks a missing value.
  public let values: [[Double]]

  public var rowCount: Int { values.first?.count ?? 0 }

  /// The columns with `nil` for missing values (a copy; prefer `values` for large data).
  public var columns: [[Double?]] { values.map { $0.map { $0.isNaN ? nil : $0 } } }

  /// Throws on duplicate names, length mismatch or non-finite numbers (use `nil` for missing).
  public init(columnNames: [String], columns: [[Double?]]) throws {
    for (name, col) in zip(columnNames, columns) where col.contains(where: { $0.map { !$0.isFinite } ?? false }) {
      throw AnalyticsError.nonFiniteValue(context: "column '\(name)'")
    }
    try self.init(columnNames: columnNames, values: columns.map { $0.map { $0 ?? .nan } })
  }

  /// Takes column-major values with NaN for missing values (no copy); throws on duplicate names,
  /// length mismatch or infinite values.
  public init(columnNames: [String], values: [[Double]]) throws {
    guard columnNames.count == values.count else {
      throw AnalyticsError.dimensionMismatch(context: "\(columnNames.count) column names for \(values.count) columns")
    }
    var seen = Set<String>()
    for name in columnNames where !seen.insert(name).inserted { throw AnalyticsError.duplicateName(name: name) }
    let n = values.first?.count ?? 0
    for (name, col) in zip(columnNames, values) {
      guard col.count == n else {
        throw AnalyticsError.dimensionMismatch(context: "column '\(name)' has \(col.count) rows, expected \(n)")
      }
      let infinite = col.withUnsafeBufferPointer { b in
        var bad = false
        for v in b where v.isInfinite { bad = true; break }
        return bad
      }
      if infinite { throw AnalyticsError.nonFiniteValue(context: "column '\(name)'") }
    }
    self.columnNames = columnNames
    self.values = values
  }

  /// Convenience for complete data.
  public init(columnNames: [String], completeColumns: [[Double]]) throws {
    for (name, col) in zip(columnNames, completeColumns) where col.contains(where: { !$0.isFinite }) {
      throw AnalyticsError.nonFiniteValue(context: "column '\(name)'")
    }
    try self.init(columnNames: columnNames, values: completeColumns)
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
    let v = try values(named: name)
    return v.map { $0.isNaN ? nil : $0 }
  }

  /// A column with NaN for missing values (shares storage, no copy).
  public func values(named name: String) throws -> [Double] {
    guard let j = columnNames.firstIndex(of: name) else { throw AnalyticsError.unknownColumn(name: name) }
    return values[j]
  }
}

extension Dataset: Equatable {
  /// Equal names and values, a missing value equal only to a missing value.
  public static func == (a: Dataset, b: Dataset) -> Bool {
    a.columnNames == b.columnNames && a.values.count == b.values.count
      && zip(a.values, b.values).allSatisfy { x, y in
        x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
      }
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
