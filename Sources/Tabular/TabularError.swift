/// Why a table cannot be read, with the line (from 1, the header's line is 1) where a person
/// finds the problem in the file. Apps turn these into their own messages.
public enum TabularError: Error, Equatable, Sendable {
  /// No header row: the file is empty or holds only blank lines.
  case empty
  /// A NUL character (a database cannot store it) on this line.
  case nul(line: Int)
  /// Bytes that are not UTF-8 in the record starting on this line.
  case notUTF8(line: Int)
  /// A field opened with a quote on this line is never closed.
  case unclosedQuote(line: Int)
  /// A quote inside a field that did not start with one.
  case strayQuote(line: Int)
  /// Text after the closing quote of a field (other than spaces).
  case textAfterQuote(line: Int)
  /// An XLSX file the spreadsheet reader refused, with its reason.
  case xlsx(String)

  /// The line the problem is on, when it has one.
  public var line: Int? {
    switch self {
    case .empty, .xlsx: return nil
    case .nul(let line), .notUTF8(let line), .unclosedQuote(let line), .strayQuote(let line), .textAfterQuote(let line):
      return line
    }
  }
}

/// One row of a table: its cells as text and the line it starts on.
public struct TabularRow: Equatable, Sendable {
  public let line: Int
  public let fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }
}

/// Text from a file's bytes.
public enum TabularText {
  /// The bytes as text, or nil when they are not UTF-8. `String(decoding:)` is the fast path but
  /// repairs bad bytes with U+FFFD (EF BF BD); a repair shows as a different length or as an EF
  /// byte in the result, and only then does the slower strict check decide.
  @inlinable
  public static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.utf8.count == bytes.count else { return nil }
    let mayBeRepaired = text.utf8.withContiguousStorageIfAvailable { $0.contains(0xEF) } ?? true
    if mayBeRepaired, String(validating: bytes, as: UTF8.self) == nil { return nil }
    return text
  }

  public static func utf8(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { utf8($0) }
  }
}
