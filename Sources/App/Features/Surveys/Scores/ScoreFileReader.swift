import Domain
import Foundation

/// Reads a results file's bytes: RFC 4180 fields (quotes, doubled quotes, quoted line breaks),
/// CRLF or LF, a UTF-8 byte-order mark, blank lines. Rows are summed straight into `ChunkSums`.
struct ScoreFileReader {
  /// Bytes `start..<end` of the body, beginning at physical line `line`.
  struct Chunk: Sendable {
    let start: Int
    let end: Int
    let line: Int
  }

  /// The cells of the row being read; a refused row never reaches the sums.
  private struct Row {
    var unit: [UInt8] = []
    var segment = 0
    var weight = 0.0
    var codes: [Int]
  }

  let buf: UnsafeBufferPointer<UInt8>
  private(set) var position = 0
  private(set) var line = 1
  private var scratch: [UInt8] = []

  private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")

  init(_ buf: UnsafeBufferPointer<UInt8>) {
    self.buf = buf
    if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { position = 3 }
  }

  /// The first non-blank line as text; leaves `position` at the first data line.
  mutating func header() throws(ScoreFile.HeaderError) -> [String] {
    skipBlankLines(end: buf.count)
    guard position < buf.count else { throw ScoreFile.HeaderError(description: "the file is empty") }
    var names: [String] = []
    while true {
      guard let found = field(from: position, end: buf.count) else {
        throw ScoreFile.HeaderError(description: "malformed quoting in the header (line \(line))")
      }
      names.append(
        found.quoted
          ? String(decoding: scratch, as: UTF8.self)
          : String(decoding: UnsafeBufferPointer(rebasing: buf[found.start..<found.end]), as: UTF8.self))
      line += found.lines
      position = found.next
      if position < buf.count, buf[position] == Self.comma {
        position += 1
        continue
      }
      break
    }
    skipLineEnd(end: buf.count)
    return names
  }

  /// The body from `position` cut into `parts` chunks just after line breaks.
  func chunks(parts: Int) -> [Chunk] {
    var bounds = [position]
    for k in 1..<max(parts, 1) {
      var p = max(position + (buf.count - position) * k / parts, bounds.last!)
      while p < buf.count, buf[p - 1] != Self.lf { p += 1 }
      bounds.append(p)
    }
    bounds.append(buf.count)
    var chunks: [Chunk] = []
    var startLine = line
    for k in 0..<(bounds.count - 1) {
      chunks.append(Chunk(start: bounds[k], end: bounds[k + 1], line: startLine))
      startLine += lineBreaks(bounds[k], bounds[k + 1])
    }
    return chunks
  }

  /// Sums the rows of one chunk.
  mutating func sum(_ chunk: Chunk, layout: ScoreFileLayout, problemLimit: Int) -> ChunkSums {
    var out = ChunkSums()
    var row = Row(codes: Array(repeating: -1, count: layout.roles.count))
    var lastUnit = -1
    // One respondent's answers per module, reused row after row.
    var modules = [RespondentAnswers](repeating: .init(), count: ServiceModule.allCases.count)
    let end = chunk.end
    position = chunk.start
    line = chunk.line
    while true {
      skipBlankLines(end: end)
      guard position < end else { break }
      let rowLine = line
      var problem: ScoreFile.Problem?
      var column = 0
      while true {
        guard let found = field(from: position, end: end) else {
          problem = problem ?? .init(line: rowLine, column: name(column, layout), reason: .malformed)
          skipToLineEnd(end: end)
          break
        }
        line += found.lines
        position = found.next
        if problem == nil, column < layout.roles.count {
          let reason =
            found.quoted
            ? scratch.withUnsafeBufferPointer { Self.read($0, 0, $0.count, column, layout, &row) }
            : Self.read(buf, found.start, found.end, column, layout, &row)
          if let reason { problem = .init(line: rowLine, column: name(column, layout), reason: reason) }
        }
        column += 1
        if position < end, buf[position] == Self.comma {
          position += 1
          continue
        }
        break
      }
      skipLineEnd(end: end)
      out.rows += 1
      if problem == nil, column != layout.roles.count {
        problem = .init(line: rowLine, column: "", reason: .fieldCount)
      }
      if let problem {
        out.rejected += 1
        if out.problems.count < problemLimit { out.problems.append(problem) }
        continue
      }
      let unit = out.unitIndex(row.unit, last: &lastUnit)
      let base = ChunkSums.index(unit: unit, segment: row.segment, module: 0)
      for m in modules.indices { modules[m] = RespondentAnswers() }
      for item in layout.items {
        let code = row.codes[item.column]
        guard code >= 0 else { continue }
        modules[item.module].add(value: layout.values[code], topBox: layout.topBox[code])
      }
      for (m, answers) in modules.enumerated() where answers.count > 0 {
        out.sums[base + m].add(answers, weight: row.weight)
      }
    }
    return out
  }

  private func name(_ column: Int, _ layout: ScoreFileLayout) -> String {
    column < layout.names.count ? layout.names[column] : ""
  }

  /// Reads one cell into `row`; returns why it is refused, or nil.
  private static func read(
    _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ column: Int, _ layout: ScoreFileLayout,
    _ row: inout Row
  ) -> ScoreFile.Problem.Reason? {
    var s = start, e = end
    while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
    while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
    switch layout.roles[column] {
    case .skip:
      return nil
    case .unit:
      guard s < e else { return .missing }
      row.unit.removeAll(keepingCapacity: true)
      row.unit.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
      return nil
    case .segment:
      guard s < e else { return .missing }
      guard let segment = ScoreFileCells.segment(b, s, e, layout.segmentKeys) else { return .badSegment }
      row.segment = segment
      return nil
    case .weight:
      guard s < e else { return .missing }
      guard let weight = ScoreFileCells.number(b, s, e), weight.isFinite, weight > 0 else { return .badWeight }
      row.weight = weight
      return nil
    case .item:
      guard s < e else {
        row.codes[column] = -1
        return nil
      }
      guard let code = ScoreFileCells.integer(b, s, e) else { return .notANumber }
      guard (0...9).contains(code), layout.isPoint[code] else { return .outOfRange }
      row.codes[column] = code
      return nil
    }
  }

  private mutating func skipBlankLines(end: Int) {
    while position < end {
      if buf[position] == Self.lf {
        line += 1
      } else if buf[position] != Self.cr {
        return
      }
      position += 1
    }
  }

  private mutating func skipLineEnd(end: Int) {
    if position < end, buf[position] == Self.cr { position += 1 }
    if position < end, buf[position] == Self.lf {
      position += 1
      line += 1
    }
  }

  private mutating func skipToLineEnd(end: Int) {
    while position < end, buf[position] != Self.lf { position += 1 }
  }

  private func lineBreaks(_ start: Int, _ end: Int) -> Int {
    var count = 0
    var p = buf.baseAddress! + start
    let stop = buf.baseAddress! + end
    while p < stop, let hit = memchr(p, Int32(Self.lf), stop - p) {
      count += 1
      p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
    }
    return count
  }

  /// One field from `from`: unquoted as a byte range, quoted unescaped into `scratch`. `next` is
  /// the index at the ',', line end or `end` after it; nil for broken quoting.
  private mutating func field(
    from: Int, end: Int
  ) -> (start: Int, end: Int, quoted: Bool, next: Int, lines: Int)? {
    var i = from
    if i < end, buf[i] == Self.quote {
      scratch.removeAll(keepingCapacity: true)
      var lines = 0
      i += 1
      while true {
        guard i < end else { return nil }
        let b = buf[i]
        if b == Self.quote {
          if i + 1 < end, buf[i + 1] == Self.quote {
            scratch.append(Self.quote)
            i += 2
            continue
          }
          i += 1
          break
        }
        if b == Self.lf { lines += 1 }
        scratch.append(b)
        i += 1
      }
      while i < end, buf[i] == 0x20 { i += 1 }
      guard i >= end || buf[i] == Self.comma || buf[i] == Self.lf || buf[i] == Self.cr else { return nil }
      return (0, 0, true, i, lines)
    }
    while i < end {
      let b = buf[i]
      if b == Self.comma || b == Self.lf || b == Self.cr { break }
      if b == Self.quote { return nil }
      i += 1
    }
    return (from, i, false, i, 0)
  }
}

/// Cell parsers on byte ranges (already trimmed).
enum ScoreFileCells {
  /// Index into `CustomerSegment.allCases`: the raw value in any ASCII case or the Chinese label.
  static func segment(
    _ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ keys: [(raw: [UInt8], zh: [UInt8])]
  ) -> Int? {
    let cell = UnsafeBufferPointer(rebasing: b[s..<e])
    for (index, key) in keys.enumerated() {
      if cell.elementsEqual(key.zh) { return index }
      if cell.count == key.raw.count, zip(cell, key.raw).allSatisfy({ lowerASCII($0) == $1 }) { return index }
    }
    return nil
  }

  /// [+-]digits, at most 9 of them; nil for anything else.
  static func integer(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
    var i = s
    var negative = false
    if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
      negative = b[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < e, e - i <= 9 else { return nil }
    var value = 0
    while i < e {
      guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
      value = value * 10 + Int(b[i] - 0x30)
      i += 1
    }
    return negative ? -value : value
  }

  private static let powersOfTen: [Double] = (0...15).map { pow(10.0, Double($0)) }

  /// A decimal number. Plain digits[.digits] with at most 15 digits is exact as one division
  /// (both operands are exact doubles); anything else goes to the standard library's parser.
  static func number(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
    var i = s
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    while i < e, b[i] >= 0x30, b[i] <= 0x39 {
      mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30)
      digits += 1
      i += 1
    }
    if i < e, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < e, b[i] >= 0x30, b[i] <= 0x39 {
        mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30)
        digits += 1
        fraction += 1
        i += 1
      }
    }
    if i == e, digits > 0, digits <= 15 { return Double(mantissa) / powersOfTen[fraction] }
    return Double(String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self))
  }

  private static func lowerASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
  }
}
