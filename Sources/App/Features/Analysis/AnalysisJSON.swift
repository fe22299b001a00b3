import Foundation

/// A JSON value that keeps object keys in insertion order, so `wanjia analyze … --json` prints
/// constructs and indicators in model order. Numbers must be finite: `render` refuses NaN and
/// infinity instead of printing invalid JSON.
enum JSONValue: Equatable, Sendable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.object(let a), .object(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.array(let a), .array(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.integer(let a), .integer(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.null, .null): return true
    default: return false
    }
  }

  /// Member of an object by key (nil for other values or a missing key).
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  var doubleValue: Double? {
    switch self {
    case .number(let d): return d
    case .integer(let i): return Double(i)
    default: return nil
    }
  }

  var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
  var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
  var objectKeys: [String] { if case .object(let m) = self { return m.map(\.0) } else { return [] } }

  /// Compact (or two-space indented) JSON text. Throws on a non-finite number, naming its key path.
  func render(pretty: Bool = false) throws -> String {
    var out = ""
    try write(into: &out, pretty: pretty, indent: 0, path: "$")
    return out
  }

  private func write(into out: inout String, pretty: Bool, indent: Int, path: String) throws {
    switch self {
    case .object(let members):
      if members.isEmpty { out += "{}"; return }
      out += "{"
      for (k, (key, value)) in members.enumerated() {
        if k > 0 { out += "," }
        if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
        Self.writeString(key, into: &out)
        out += pretty ? ": " : ":"
        try value.write(into: &out, pretty: pretty, indent: indent + 1, path: path + "." + key)
      }
      if pretty { out += "\n" + String(repeating: "  ", count: indent) }
      out += "}"
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += "," }
        if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
        try item.write(into: &out, pretty: pretty, indent: indent + 1, path: path + "[\(k)]")
      }
      if pretty { out += "\n" + String(repeating: "  ", count: indent) }
      out += "]"
    case .number(let d):
      guard d.isFinite else { throw AnalysisFailure("analysis.fail.result_not_finite", path, "\(d)") }
      out += d == 0 ? "0" : "\(d)"  // Swift's shortest round-trip form; "-0.0" printed as 0
    case .integer(let i):
      out += String(i)
    case .string(let s):
      Self.writeString(s, into: &out)
    case .bool(let b):
      out += b ? "true" : "false"
    case .null:
      out += "null"
    }
  }

  private static func writeString(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

/// A small strict JSON parser (RFC 8259) whose errors name the line and column, so a typo in a
/// hand-written model or judgment file is found at once.
struct JSONParser {
  private let bytes: [UInt8]
  private var pos = 0
  private let source: String

  /// `source` names the input in error messages (usually the file path).
  static func parse(_ data: [UInt8], source: String) throws -> JSONValue {
    var parser = JSONParser(bytes: data, source: source)
    // Skip a UTF-8 byte-order mark.
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { parser.pos = 3 }
    parser.skipWhitespace()
    guard parser.pos < data.count else { throw parser.failure("empty") }
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.pos == data.count else { throw parser.failure("trailing_text") }
    return value
  }

  private init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
  }

  private func location(_ at: Int) -> (line: Int, column: Int) {
    var line = 1, column = 1
    for i in 0..<min(at, bytes.count) {
      if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
    }
    return (line, column)
  }

  /// `problem` completes the key `analysis.fail.json.`; its texts start with the source, line and column.
  private func failure(_ problem: String, _ args: String..., at: Int? = nil) -> AnalysisFailure {
    let (line, column) = location(at ?? pos)
    return AnalysisFailure(key: "analysis.fail.json." + problem, args: [source, String(line), String(column)] + args)
  }

  private mutating func skipWhitespace() {
    while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
  }

  private mutating func parseValue(depth: Int) throws -> JSONValue {
    guard depth < 512 else { throw failure("too_deep") }
    skipWhitespace()
    guard pos < bytes.count else { throw failure("end_expected_value") }
    switch bytes[pos] {
    case UInt8(ascii: "{"):
      pos += 1
      var members: [(String, JSONValue)] = []
      skipWhitespace()
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
      while true {
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw failure("expected_key") }
        let keyStart = pos
        let key = try parseString()
        if members.contains(where: { $0.0 == key }) { throw failure("duplicate_key", key, at: keyStart) }
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw failure("expected_colon", key) }
        pos += 1
        members.append((key, try parseValue(depth: depth + 1)))
        skipWhitespace()
        guard pos < bytes.count else { throw failure("end_expected_object") }
        if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
        if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
        throw failure("expected_object")
      }
    case UInt8(ascii: "["):
      pos += 1
      var items: [JSONValue] = []
      skipWhitespace()
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
      while true {
        items.append(try parseValue(depth: depth + 1))
        skipWhitespace()
        guard pos < bytes.count else { throw failure("end_expected_array") }
        if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
        if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        throw failure("expected_array")
      }
    case UInt8(ascii: "\""):
      return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default:
      return try parseNumber()
    }
  }

  private mutating func literal(_ word: String) throws {
    let w = Array(word.utf8)
    guard pos + w.count <= bytes.count, Array(bytes[pos..<(pos + w.count)]) == w else {
      throw failure("unexpected_character")
    }
    pos += w.count
  }

  private mutating func parseNumber() throws -> JSONValue {
    let start = pos
    func digits() -> Int {
      let s = pos
      while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
      return pos - s
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    guard digits() > 0 else { pos = start; throw failure("unexpected_character") }
    var isInteger = true
    if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      isInteger = false
      guard digits() > 0 else { throw failure("fraction_digits") }
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
      pos += 1
      isInteger = false
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
      guard digits() > 0 else { throw failure("exponent_digits") }
    }
    let text = String(decoding: bytes[start..<pos], as: UTF8.self)
    if isInteger, let i = Int(text) { return .integer(i) }
    guard let d = Double(text), d.isFinite else { throw failure("number_range", text, at: start) }
    return .number(d)
  }

  private mutating func parseString() throws -> String {
    pos += 1  // opening quote
    var buffer: [UInt8] = []
    while true {
      guard pos < bytes.count else { throw failure("unterminated_string") }
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") { pos += 1; break }
      if b < 0x20 { throw failure("control_character") }
      if b == UInt8(ascii: "\\") {
        pos += 1
        guard pos < bytes.count else { throw failure("unterminated_string") }
        let e = bytes[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
              throw failure("unpaired_surrogate")
            }
            pos += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid_surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw failure("invalid_unicode_escape") }
          buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
          throw failure("invalid_escape")
        }
      } else {
        buffer.append(b)
        pos += 1
      }
    }
    return String(decoding: buffer, as: UTF8.self)
  }

  private mutating func hex4() throws -> UInt32 {
    guard pos + 4 <= bytes.count else { throw failure("incomplete_unicode_escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[pos]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw failure("invalid_hex_digit")
      }
      v = v * 16 + d
      pos += 1
    }
    return v
  }
}

enum AnalysisFiles {
  /// Whole file as bytes; a clear error when it is missing or unreadable.
  /// `what` ("model" or "input") names the file in the message.
  static func read(_ path: String, what: String) throws -> [UInt8] {
    guard FileManager.default.fileExists(atPath: path) else { throw AnalysisFailure("analysis.fail.file_missing." + what, path) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AnalysisFailure("analysis.fail.file_unreadable." + what, path)
    }
    return [UInt8](data)
  }
}
