import Foundation

/// Values by name, in the order they were made: constructs and indicators in model order,
/// criteria as listed. Encoded as a JSON object whose keys keep that order (through
/// `OrderedJSON`). Foundation's decoder does not tell the order of an object's keys, so a decoded
/// value is read by name (`names` come back sorted); pages take the order from the model saved
/// with the run.
struct NamedValues<Value: Codable & Sendable>: Codable, Sendable {
  private(set) var names: [String] = []
  private var values: [String: Value] = [:]

  init() {}

  init(_ pairs: some Sequence<(String, Value)>) {
    for (name, value) in pairs { self[name] = value }
  }

  subscript(name: String) -> Value? {
    get { values[name] }
    set {
      if values[name] == nil, newValue != nil { names.append(name) }
      if newValue == nil { names.removeAll { $0 == name } }
      values[name] = newValue
    }
  }

  var isEmpty: Bool { names.isEmpty }
  var pairs: [(name: String, value: Value)] { names.compactMap { name in values[name].map { (name, $0) } } }

  private struct Key: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    for (name, value) in pairs { try container.encode(value, forKey: Key(stringValue: name)) }
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
      self[key.stringValue] = try container.decode(Value.self, forKey: key)
    }
  }
}
