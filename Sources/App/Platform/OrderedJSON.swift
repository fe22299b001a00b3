import Foundation

/// JSON with object keys in the order a value encodes them (a struct's declared order, a
/// `NamedValues` map's own order), for output people read in that order: `wanjia analyze …
/// --json` prints constructs and indicators in model order. Foundation's `JSONEncoder` keeps no
/// key order on Linux; this writer keeps it and leaves string escaping to `JSONEncoder` (the
/// app's configuration, `JSONCoding`). Numbers are written in Swift's shortest round-trip form
/// (`0.5`, `1.0`, `1e-05`); a non-finite number is an `EncodingError` naming its path.
enum OrderedJSON {
  static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
    let root = Slot()
    try Writer(slot: root, codingPath: []).put(value)
    var out = ""
    try root.write(into: &out, pretty: pretty, indent: 0)
    return out
  }

  /// `$.outerWeights.IMAG.imag1`, `$.judges[1]`: where in a value a coding path points.
  static func path(_ codingPath: [any CodingKey]) -> String {
    codingPath.reduce("$") { path, key in key.intValue.map { path + "[\($0)]" } ?? path + "." + key.stringValue }
  }

  /// A place in the tree being written: nothing yet, a leaf's JSON text, an object or an array.
  fileprivate final class Slot {
    enum Content {
      case empty
      case leaf(String)
      case object([(String, Slot)])
      case array([Slot])
    }
    var content = Content.empty

    func write(into out: inout String, pretty: Bool, indent: Int) throws {
      func newline(_ level: Int) { if pretty { out += "\n" + String(repeating: "  ", count: level) } }
      switch content {
      case .empty:
        out += "{}"
      case .leaf(let text):
        out += text
      case .object(let members):
        guard !members.isEmpty else {
          out += "{}"
          return
        }
        out += "{"
        for (k, (key, value)) in members.enumerated() {
          if k > 0 { out += "," }
          newline(indent + 1)
          out += try OrderedJSON.quoted(key) + (pretty ? ": " : ":")
          try value.write(into: &out, pretty: pretty, indent: indent + 1)
        }
        newline(indent)
        out += "}"
      case .array(let items):
        guard !items.isEmpty else {
          out += "[]"
          return
        }
        out += "["
        for (k, item) in items.enumerated() {
          if k > 0 { out += "," }
          newline(indent + 1)
          try item.write(into: &out, pretty: pretty, indent: indent + 1)
        }
        newline(indent)
        out += "]"
      }
    }
  }

  /// A string as JSON, escaped by Foundation's encoder.
  fileprivate static func quoted(_ text: String) throws -> String {
    String(decoding: try JSONCoding.encoder().encode(text), as: UTF8.self)
  }

  fileprivate static func number(_ value: Double, _ codingPath: [any CodingKey]) throws -> String {
    guard value.isFinite else {
      throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) is not a finite number"))
    }
    return value == 0 ? "0" : "\(value)"  // "-0.0" is written as 0
  }

  fileprivate struct Writer: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Writes `value` into this writer's slot: scalars directly, anything else by its own `encode(to:)`.
    func put<T: Encodable>(_ value: T) throws {
      switch value {
      case let text as String: slot.content = .leaf(try OrderedJSON.quoted(text))
      case let number as Double: slot.content = .leaf(try OrderedJSON.number(number, codingPath))
      case let number as Float: slot.content = .leaf(try OrderedJSON.number(Double(number), codingPath))
      case let flag as Bool: slot.content = .leaf(flag ? "true" : "false")
      case let integer as any BinaryInteger: slot.content = .leaf("\(integer)")
      default: try value.encode(to: self)
      }
    }

    func child(_ key: any CodingKey) -> Writer { Writer(slot: Slot(), codingPath: codingPath + [key]) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      if case .object = slot.content {} else { slot.content = .object([]) }
      return KeyedEncodingContainer(Keyed<Key>(writer: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      if case .array = slot.content {} else { slot.content = .array([]) }
      return Unkeyed(writer: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(writer: self) }
  }

  fileprivate struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: Writer
    var codingPath: [any CodingKey] { writer.codingPath }

    private func add(_ key: any CodingKey) -> Writer {
      let child = writer.child(key)
      if case .object(let members) = writer.slot.content { writer.slot.content = .object(members + [(key.stringValue, child.slot)]) }
      return child
    }

    mutating func encodeNil(forKey key: Key) throws { add(key).slot.content = .leaf("null") }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try add(key).put(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try add(key).put(value) }

    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
      add(key).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { add(key).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { add(Name(stringValue: "super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { add(key) }
  }

  fileprivate struct Unkeyed: UnkeyedEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] { writer.codingPath }
    var count: Int {
      if case .array(let items) = writer.slot.content { return items.count }
      return 0
    }

    private func add() -> Writer {
      let child = writer.child(Index(intValue: count))
      if case .array(let items) = writer.slot.content { writer.slot.content = .array(items + [child.slot]) }
      return child
    }

    mutating func encodeNil() throws { add().slot.content = .leaf("null") }
    mutating func encode<T: Encodable>(_ value: T) throws { try add().put(value) }
    mutating func encode(_ value: Bool) throws { try add().put(value) }
    mutating func encode(_ value: String) throws { try add().put(value) }
    mutating func encode(_ value: Double) throws { try add().put(value) }
    mutating func encode(_ value: Float) throws { try add().put(value) }
    mutating func encode(_ value: Int) throws { try add().put(value) }
    mutating func encode(_ value: Int8) throws { try add().put(value) }
    mutating func encode(_ value: Int16) throws { try add().put(value) }
    mutating func encode(_ value: Int32) throws { try add().put(value) }
    mutating func encode(_ value: Int64) throws { try add().put(value) }
    mutating func encode(_ value: UInt) throws { try add().put(value) }
    mutating func encode(_ value: UInt8) throws { try add().put(value) }
    mutating func encode(_ value: UInt16) throws { try add().put(value) }
    mutating func encode(_ value: UInt32) throws { try add().put(value) }
    mutating func encode(_ value: UInt64) throws { try add().put(value) }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> { add().container(keyedBy: type) }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { add().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { add() }
  }

  fileprivate struct Single: SingleValueEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] { writer.codingPath }
    mutating func encodeNil() throws { writer.slot.content = .leaf("null") }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.put(value) }
    mutating func encode(_ value: Bool) throws { try writer.put(value) }
    mutating func encode(_ value: String) throws { try writer.put(value) }
    mutating func encode(_ value: Double) throws { try writer.put(value) }
    mutating func encode(_ value: Float) throws { try writer.put(value) }
    mutating func encode(_ value: Int) throws { try writer.put(value) }
    mutating func encode(_ value: Int8) throws { try writer.put(value) }
    mutating func encode(_ value: Int16) throws { try writer.put(value) }
    mutating func encode(_ value: Int32) throws { try writer.put(value) }
    mutating func encode(_ value: Int64) throws { try writer.put(value) }
    mutating func encode(_ value: UInt) throws { try writer.put(value) }
    mutating func encode(_ value: UInt8) throws { try writer.put(value) }
    mutating func encode(_ value: UInt16) throws { try writer.put(value) }
    mutating func encode(_ value: UInt32) throws { try writer.put(value) }
    mutating func encode(_ value: UInt64) throws { try writer.put(value) }
  }

  fileprivate struct Name: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  fileprivate struct Index: CodingKey {
    let intValue: Int?
    var stringValue: String { intValue.map(String.init) ?? "" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
  }
}
