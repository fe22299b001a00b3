import Foundation
import Logging

/// One JSON object per line on standard error, so that log collectors need no parsing rules.
public struct JSONLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  let label: String

  public init(label: String, level: Logger.Level) {
    self.label = label
    self.logLevel = level
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var object: [String: String] = [
      "ts": ISO8601DateFormatter().string(from: SystemClock().now()),
      "level": event.level.rawValue,
      "logger": label,
      "msg": event.message.description,
    ]
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
      object[key] = value.description
    }
    guard let data = try? JSONCoding.encoder().encode(object) else { return }
    FileHandle.standardError.write(data + Data("\n".utf8))
  }
}
