import Foundation

/// The application's Swift sources as text, for tests that hold the code to its architecture
/// (docs/architecture.md): which files name which types, where a construct may appear.
struct SourceTree {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Paths relative to the repository root of the Swift files under `folder`, sorted.
  func swiftFiles(under folder: String) -> [String] {
    let base = root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
    let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
    return walker.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(".swift") }
      .map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }.sorted()
  }

  func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The code of a file without its comments and the text of its string literals (what is
  /// interpolated into a string stays: it is code).
  func code(_ path: String) throws -> String { Self.code(of: try text(path)) }

  static func code(of text: String) -> String {
    var scanner = CodeScanner(Array(text.unicodeScalars))
    scanner.scanCode(untilClosingParenthesis: false)
    return String(String.UnicodeScalarView(scanner.output))
  }

  /// Types declared at the top level of a file (not nested in another type).
  static func topLevelTypes(in code: String) -> Set<String> { types(in: code, indented: false) }

  /// Every type a file declares, nested ones included.
  static func declaredTypes(in code: String) -> Set<String> { types(in: code, indented: true) }

  private static func types(in code: String, indented: Bool) -> Set<String> {
    let pattern =
      "^" + (indented ? "[ \\t]*" : "")
      + "(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|internal|fileprivate|private|final|indirect)\\s+)*"
      + "(?:struct|enum|class|protocol|actor|typealias)\\s+([A-Za-z_][A-Za-z0-9_]*)"
    return matches(pattern, in: code, options: .anchorsMatchLines)
  }

  /// Capitalised identifiers a file's code uses: the type names it may refer to.
  static func typeNames(in code: String) -> Set<String> {
    matches("\\b([A-Z][A-Za-z0-9_]*)\\b", in: code)
  }

  static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = []) -> Set<String> {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    return Set(
      regex.matches(in: text, range: range).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
      })
  }
}

/// Removes comments and string-literal text, keeping interpolations (`\(…)`), raw strings
/// (`#"…"#`) and multi-line strings in mind. Removed characters become spaces, line breaks stay.
private struct CodeScanner {
  let input: [Unicode.Scalar]
  var index = 0
  var output: [Unicode.Scalar] = []

  init(_ input: [Unicode.Scalar]) { self.input = input }

  func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < input.count ? input[index + offset] : nil
  }

  func starts(with text: String) -> Bool {
    for (offset, scalar) in text.unicodeScalars.enumerated() where peek(offset) != scalar { return false }
    return true
  }

  mutating func blank(_ count: Int) {
    for _ in 0..<count {
      guard let scalar = peek() else { return }
      output.append(scalar == "\n" ? "\n" : " ")
      index += 1
    }
  }

  mutating func keep() {
    if let scalar = peek() { output.append(scalar) }
    index += 1
  }

  /// Code up to the end of input, or up to the parenthesis that closes an interpolation.
  mutating func scanCode(untilClosingParenthesis: Bool) {
    var depth = 0
    while let scalar = peek() {
      if starts(with: "/") {
        while let s = peek(), s != "\n" { blank(1) }
      } else if starts(with: "/*") {
        while peek() != nil, !starts(with: "*/") { blank(1) }
        blank(2)
      } else if scalar == "\"" || (scalar == "#" && rawStringStarts()) {
        scanString()
      } else if untilClosingParenthesis, scalar == ")", depth == 0 {
        keep()
        return
      } else {
        if scalar == "(" { depth += 1 }
        if scalar == ")" { depth -= 1 }
        keep()
      }
    }
  }

  func rawStringStarts() -> Bool {
    var offset = 0
    while peek(offset) == "#" { offset += 1 }
    return peek(offset) == "\""
  }

  mutating func scanString() {
    var hashes = 0
    while peek() == "#" {
      hashes += 1
      keep()
    }
    let multiline = starts(with: "\"\"\"")
    let quote = multiline ? "\"\"\"" : "\""
    for _ in quote.unicodeScalars { keep() }
    let closing = quote + String(repeating: "#", count: hashes)
    let escape = "\\" + String(repeating: "#", count: hashes)
    while peek() != nil {
      if starts(with: closing) {
        for _ in closing.unicodeScalars { keep() }
        return
      }
      if starts(with: escape) {
        blank(escape.unicodeScalars.count)
        if peek() == "(" {
          keep()
          scanCode(untilClosingParenthesis: true)
        } else {
          blank(1)
        }
      } else if !multiline, peek() == "\n" {
        return
      } else {
        blank(1)
      }
    }
  }
}
