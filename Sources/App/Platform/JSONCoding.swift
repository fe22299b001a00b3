import Domain
import Foundation

/// The app's one JSON configuration, for the API, stored documents (an order's workflow and
/// clocks, a wave's questionnaire, analysis settings and outputs, audit snapshots), exchange
/// files and command output (the API's request bodies add their own date rule,
/// `JSONDecoder.requestBodies`): keys as the Swift names say, sorted; slashes not escaped; dates in
/// ISO 8601 (UTC, with milliseconds only when the time has a fraction of a second). Dates stored
/// before as seconds since 1970 still read.
enum JSONCoding {
  static func encoder(pretty: Bool = false) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970 ? whole(date) : fraction(date))
    }
    return encoder
  }

  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
      let text = try container.decode(String.self)
      guard let date = BusinessTime.parseInstant(text) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
      }
      return date
    }
    return decoder
  }

  /// The value as JSON text (a stored document).
  static func encode<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder().encode(value), as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try decoder().decode(type, from: Data(text.utf8))
  }

  // ISO8601DateFormatter is thread-safe; one of each is made once.
  private nonisolated(unsafe) static let wholeFormat = ISO8601DateFormatter()
  private nonisolated(unsafe) static let fractionFormat: ISO8601DateFormatter = {
    let format = ISO8601DateFormatter()
    format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return format
  }()

  private static func whole(_ date: Date) -> String { wholeFormat.string(from: date) }
  private static func fraction(_ date: Date) -> String { fractionFormat.string(from: date) }
}
