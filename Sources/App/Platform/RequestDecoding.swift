import Domain
import Foundation

extension JSONDecoder {
  /// Request bodies: a date is ISO 8601 (with or without fractional seconds, or a bare date as
  /// 00:00 Beijing time) in the years a request may name; anything else is a 422 naming the
  /// field, not a 400 for the whole body.
  static var requestBodies: JSONDecoder {
    let decoder = JSONCoding.decoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = BusinessTime.parseInstant(text), Limits.years.contains(BusinessTime.civilDate(of: date).year) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date-time in the years allowed")
      }
      return date
    }
    return decoder
  }
}
