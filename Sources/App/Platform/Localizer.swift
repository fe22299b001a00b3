import Foundation
import Leaf
import Vapor

/// The languages of the interface, zh-CN first; a user's choice is stored as the raw value.
enum UILocale: String, Codable, Sendable, CaseIterable {
  case zhCN = "zh-CN"
  case en
}

/// Every user-visible string, per locale, loaded from Resources/Locales/<locale>.json.
/// zh-CN is the default; English the second.
struct Localizer: Sendable {
  static let defaultLocale = UILocale.zhCN.rawValue
  static let supported = UILocale.allCases.map(\.rawValue)

  let tables: [String: [String: String]]

  static func load(from directory: String) throws -> Localizer {
    var tables: [String: [String: String]] = [:]
    for locale in supported {
      let url = URL(fileURLWithPath: directory).appendingPathComponent("\(locale).json")
      let data = try Data(contentsOf: url)
      tables[locale] = try JSONCoding.decoder().decode([String: String].self, from: data)
    }
    return Localizer(tables: tables)
  }

  static func normalise(_ locale: String?) -> String {
    guard let locale else { return defaultLocale }
    return supported.first { $0.caseInsensitiveCompare(locale) == .orderedSame } ?? defaultLocale
  }

  /// Whether a key has a text (in zh-CN, which every key must have).
  func has(_ key: String) -> Bool { tables[Self.defaultLocale]?[key] != nil }

  /// The text for a key with `{0}`, `{1}`… replaced; a missing key falls back to zh-CN, then to
  /// the key itself (a test keeps both files complete).
  func text(_ key: String, locale: String, args: [String] = []) -> String {
    var text = tables[locale]?[key] ?? tables[Self.defaultLocale]?[key] ?? key
    for (i, arg) in args.enumerated() {
      text = text.replacingOccurrences(of: "{\(i)}", with: arg)
    }
    return text
  }
}

struct LocalizerKey: StorageKey {
  typealias Value = Localizer
}

extension Application {
  var localizer: Localizer {
    get { storage[LocalizerKey.self] ?? Localizer(tables: [:]) }
    set { storage[LocalizerKey.self] = newValue }
  }
}

extension Request {
  /// The signed-in user's language, else the session's choice, else zh-CN.
  var locale: String {
    if let actor = storage[ActorKey.self] { return actor.locale }
    if hasSession, let chosen = session.data["locale"] { return Localizer.normalise(chosen) }
    return Localizer.defaultLocale
  }

  func t(_ key: String, _ args: String...) -> String {
    application.localizer.text(key, locale: locale, args: args)
  }
}

/// `#t("key")` in templates.
struct LocalizeTag: LeafTag {
  func render(_ ctx: LeafContext) throws -> LeafData {
    guard let key = ctx.parameters.first?.string else { return .string("") }
    guard let request = ctx.request else { return .string(key) }
    return .string(request.application.localizer.text(key, locale: request.locale))
  }
}

/// `#tf("key", arg0, arg1…)` in templates: a text with placeholders.
struct LocalizeFormatTag: LeafTag {
  func render(_ ctx: LeafContext) throws -> LeafData {
    guard let key = ctx.parameters.first?.string else { return .string("") }
    let args = ctx.parameters.dropFirst().map { $0.string ?? "" }
    guard let request = ctx.request else { return .string(key) }
    return .string(request.application.localizer.text(key, locale: request.locale, args: Array(args)))
  }
}
