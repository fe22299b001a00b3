import Foundation

/// The analyses' JSON: inputs (a model file, an AHP input file, a pasted model) read by
/// Foundation's decoder into Codable structs, what is wrong said with the file's name (the line
/// and column of a syntax error, the place of a value of the wrong type); results written with
/// their keys in model order (`OrderedJSON`).
enum AnalysisJSON {
  /// Whole file as bytes; a clear error when it is missing or unreadable. `what` ("model" or
  /// "input") names the file in the message.
  static func read(_ path: String, what: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else { throw AnalysisFailure("analysis.fail.file_missing." + what, path) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AnalysisFailure("analysis.fail.file_unreadable." + what, path)
    }
    return data
  }

  /// `data` as `T`. `notObject` is the message key for a file that is not a JSON object.
  static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String, notObject: String) throws -> T {
    do {
      return try JSONCoding.decoder().decode(type, from: data)
    } catch let error as DecodingError {
      switch error {
      case .dataCorrupted(let context) where context.codingPath.isEmpty:
        let (line, column) = syntaxError(in: data)
        throw AnalysisFailure("analysis.fail.json.syntax", source, String(line), String(column))
      case .typeMismatch(_, let context) where context.codingPath.isEmpty:
        throw AnalysisFailure(notObject, source)
      case .typeMismatch(_, let context), .dataCorrupted(let context):
        throw AnalysisFailure("analysis.fail.json.type", source, place(context.codingPath))
      case .keyNotFound(let key, let context):
        throw AnalysisFailure("analysis.fail.json.missing", source, place(context.codingPath + [key]))
      case .valueNotFound(_, let context):
        throw AnalysisFailure("analysis.fail.json.missing", source, place(context.codingPath))
      @unknown default:
        throw AnalysisFailure("analysis.fail.json.type", source, "$")
      }
    }
  }

  /// A result as JSON text; a number that is not finite is refused, naming where it is, instead
  /// of printing invalid JSON.
  static func text<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
    do {
      return try OrderedJSON.encode(value, pretty: pretty)
    } catch EncodingError.invalidValue(let value, let context) {
      throw AnalysisFailure("analysis.fail.result_not_finite", OrderedJSON.path(context.codingPath), "\(value)")
    }
  }

  /// `constructs[0].name`: where a value is, as a person finds it in the file.
  static func place(_ codingPath: [any CodingKey]) -> String {
    let path = OrderedJSON.path(codingPath)
    return path == "$" ? path : String(path.dropFirst(path.hasPrefix("$.") ? 2 : 1))
  }

  /// Line and column (from 1) of a syntax error. The decoder does not say where; the
  /// serialization reader of the same library says "around character N", and without that the
  /// error is at the end (an unfinished file).
  static func syntaxError(in data: Data) -> (line: Int, column: Int) {
    var offset = data.count
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
      if let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
        let at = Int(text[range].dropFirst("character ".count))
      {
        offset = min(max(at, 0), data.count)
      }
    }
    let before = data.prefix(offset)
    let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? before.startIndex
    let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
    return (line, column)
  }
}
