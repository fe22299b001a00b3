import Foundation

/// The one CSV grammar of every import (RFC 4180), on a file's bytes: fields separated by commas,
/// a field in double quotes may hold commas, line ends and doubled quotes (`""`); a record ends at
/// LF, CRLF or a lone CR; a UTF-8 byte-order mark at the start is skipped; blank lines are skipped
/// but counted, so each record knows the physical line it starts on (the header's line is 1).
/// Spaces after a closing quote are allowed; any other text there, a quote inside an unquoted
/// field or a quote never closed is an error naming its line.
///
/// Fields come back as byte ranges (no `String` per cell), which is what the fast numeric
/// readers need; `nextRow()` gives a record as text.
public struct CSVScanner {
  public let bytes: UnsafeBufferPointer<UInt8>
  /// Where this scanner stops (the end of the buffer or of its chunk).
  public let end: Int
  @usableFromInline var cursor: Int
  @usableFromInline var lineNumber: Int
  @usableFromInline var ended = true
  /// The content of the last quoted field, quotes removed and doubled quotes made single.
  public var scratch: [UInt8] = []

  @usableFromInline static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
  @usableFromInline static let cr = UInt8(ascii: "\r"), space = UInt8(ascii: " ")

  /// A scanner at the start of the file, after a byte-order mark.
  public init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    end = bytes.count
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    cursor = bom ? 3 : 0
    lineNumber = 1
  }

  /// A scanner over one chunk of the body (see `CSVChunks`).
  public init(_ bytes: UnsafeBufferPointer<UInt8>, chunk: CSVChunk) {
    self.bytes = bytes
    end = min(chunk.end, bytes.count)
    cursor = chunk.start
    lineNumber = chunk.line
  }

  /// The index of the next byte to read.
  public var position: Int { cursor }
  /// The physical line of the next byte (from 1).
  public var line: Int { lineNumber }
  /// True when the last field read ended its record.
  public var recordEnded: Bool { ended }

  /// Skips blank lines; true when a record starts at `position`, false at the end.
  @inlinable
  public mutating func nextRecord() -> Bool {
    while cursor < end {
      let b = bytes[cursor]
      if b == Self.lf {
        cursor += 1
      } else if b == Self.cr {
        cursor += 1
        if cursor < end, bytes[cursor] == Self.lf { cursor += 1 }
      } else {
        return true
      }
      lineNumber += 1
    }
    return false
  }

  /// The next field of the current record, and the comma or line end after it consumed
  /// (`recordEnded` tells which). A quoted field's content is in `scratch`.
  @inlinable
  public mutating func field() throws(TabularError) -> CSVField {
    var i = cursor
    if i < end, bytes[i] == Self.quote {
      scratch.removeAll(keepingCapacity: true)
      // Committed only when the field is good, so that `skipLine` after an error starts from
      // the line the field began on.
      var line = lineNumber
      i += 1
      while true {
        guard i < end else { throw .unclosedQuote(line: lineNumber) }
        let b = bytes[i]
        if b == Self.quote {
          if i + 1 < end, bytes[i + 1] == Self.quote {
            scratch.append(Self.quote)
            i += 2
            continue
          }
          i += 1
          break
        }
        if b == Self.lf || (b == Self.cr && (i + 1 >= end || bytes[i + 1] != Self.lf)) { line += 1 }
        scratch.append(b)
        i += 1
      }
      while i < end, bytes[i] == Self.space { i += 1 }
      guard i >= end || bytes[i] == Self.comma || bytes[i] == Self.lf || bytes[i] == Self.cr else {
        throw .textAfterQuote(line: line)
      }
      (cursor, lineNumber) = (i, line)
      finishField()
      return CSVField(start: 0, end: 0, quoted: true)
    }
    let start = i
    while i < end {
      let b = bytes[i]
      if b == Self.comma || b == Self.lf || b == Self.cr { break }
      if b == Self.quote { throw .strayQuote(line: lineNumber) }
      i += 1
    }
    cursor = i
    finishField()
    return CSVField(start: start, end: i, quoted: false)
  }

  /// Consumes the comma after a field, or the line end that ends the record.
  @inlinable
  mutating func finishField() {
    if cursor < end, bytes[cursor] == Self.comma {
      cursor += 1
      ended = false
      return
    }
    ended = true
    guard cursor < end else { return }
    if bytes[cursor] == Self.cr { cursor += 1 }
    if cursor < end, bytes[cursor] == Self.lf { cursor += 1 }
    lineNumber += 1
  }

  /// After an error inside a record: moves past the end of the line it is on, so reading can go
  /// on with the next record (only where a record cannot span lines: a body without quotes).
  public mutating func skipLine() {
    while cursor < end, bytes[cursor] != Self.lf, bytes[cursor] != Self.cr { cursor += 1 }
    ended = true
    guard cursor < end else { return }
    if bytes[cursor] == Self.cr { cursor += 1 }
    if cursor < end, bytes[cursor] == Self.lf { cursor += 1 }
    lineNumber += 1
  }

  /// The field's bytes (a range of the file, or `scratch` for a quoted field).
  @inlinable
  public func withBytes<R>(_ field: CSVField, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if field.quoted { return try scratch.withUnsafeBufferPointer(body) }
    return try body(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
  }

  /// The field as text; an error naming `line` when it is not UTF-8.
  public func text(_ field: CSVField, line: Int) throws(TabularError) -> String {
    guard let text = withBytes(field, { TabularText.utf8($0) }) else { throw .notUTF8(line: line) }
    return text
  }

  /// The next record as text, skipping blank lines and records whose every field is empty; nil
  /// at the end.
  public mutating func nextRow() throws(TabularError) -> TabularRow? {
    while nextRecord() {
      let line = lineNumber
      var fields: [String] = []
      repeat {
        let found = try field()
        fields.append(try text(found, line: line))
      } while !ended
      if fields.contains(where: { !$0.isEmpty }) { return TabularRow(line: line, fields: fields) }
    }
    return nil
  }

  /// The line of the first NUL byte from `position` on, or nil when there is none. The common
  /// case, no NUL at all, runs at `memchr` speed; line ends are counted only when one is found.
  public func firstNUL() -> Int? {
    guard let base = bytes.baseAddress, cursor < end,
      let hit = memchr(base + cursor, 0, end - cursor)
    else { return nil }
    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    return lineNumber + CSVChunks.lineEnds(bytes, from: cursor, to: at)
  }
}

/// A field found by `CSVScanner.field()`: bytes `start..<end` of the file, or (quoted) the
/// scanner's `scratch`.
public struct CSVField: Sendable {
  public let start: Int
  public let end: Int
  public let quoted: Bool

  @inlinable
  public init(start: Int, end: Int, quoted: Bool) {
    self.start = start
    self.end = end
    self.quoted = quoted
  }
}
