/// Builds SVG markup as a string. Attributes are ordered arrays so output is byte-for-byte stable.
struct SVGBuilder {
  typealias Attributes = [(String, String)]
  private(set) var markup = ""

  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default:
        // Control characters are not allowed in XML 1.0; drop them rather than break the page.
        if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func attributeString(_ attributes: Attributes) -> String {
    attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }

  mutating func open(_ name: String, _ attributes: Attributes = []) {
    markup += "<\(name)\(Self.attributeString(attributes))>"
  }

  mutating func close(_ name: String) {
    markup += "</\(name)>"
  }

  mutating func empty(_ name: String, _ attributes: Attributes) {
    markup += "<\(name)\(Self.attributeString(attributes))/>"
  }

  /// An element with an optional `<title>` child (hover tooltip and screen-reader text).
  mutating func element(_ name: String, _ attributes: Attributes, tooltip: String?) {
    guard let tooltip else { return empty(name, attributes) }
    open(name, attributes)
    markup += "<title>\(Self.escape(tooltip))</title>"
    close(name)
  }

  mutating func text(_ content: String, _ attributes: Attributes, tooltip: String? = nil) {
    open("text", attributes)
    if let tooltip { markup += "<title>\(Self.escape(tooltip))</title>" }
    markup += Self.escape(content)
    close("text")
  }

  /// Text cut to `maxWidth` with an ellipsis; the full text stays available as a `<title>`.
  mutating func fittedText(
    _ content: String, maxWidth: Double, fontSize: Double, _ attributes: Attributes
  ) {
    let shown = TextMetrics.truncate(content, maxWidth: maxWidth, fontSize: fontSize)
    text(shown, attributes, tooltip: shown == content ? nil : content)
  }

  /// Wraps `body` in a link when the caller supplied one (dashboards drill down to orders).
  mutating func linked(_ href: String?, _ body: (inout SVGBuilder) -> Void) {
    guard let href, !href.isEmpty else { return body(&self) }
    // Both forms: SVG 2 browsers read href, older embedded browsers only xlink:href.
    open("a", [("href", href), ("xlink:href", href)])
    body(&self)
    close("a")
  }

  /// The outer document shared by every chart.
  static func document(
    width: Double, height: Double, title: String, description: String, kind: String,
    body: String
  ) -> String {
    let size = "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))"
    var builder = SVGBuilder()
    builder.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("class", "chart chart-\(kind)"), ("role", "img"), ("viewBox", size), ("width", "100%"),
        ("preserveAspectRatio", "xMidYMid meet"), ("font-family", ChartTheme.fontFamily),
        ("font-size", SVGNumber.format(ChartTheme.fontSize)), ("fill", ChartTheme.text),
      ])
    builder.markup += "<title>\(escape(title))</title><desc>\(escape(description))</desc>"
    builder.markup += body
    builder.close("svg")
    return builder.markup
  }

  /// The document for a chart without data: just the caller's (localised) message.
  static func emptyDocument(
    width: Double, height: Double, title: String, description: String, kind: String,
    noDataText: String
  ) -> String {
    var body = SVGBuilder()
    body.fittedText(
      noDataText, maxWidth: width - 16, fontSize: ChartTheme.fontSize,
      [
        ("class", "no-data"), ("x", SVGNumber.format(width / 2)),
        ("y", SVGNumber.format(height / 2)), ("text-anchor", "middle"),
        ("dominant-baseline", "middle"), ("fill", ChartTheme.mutedText),
      ])
    return document(
      width: width, height: height, title: title, description: description, kind: kind,
      body: body.markup)
  }
}

/// Shorthand for numeric attribute values.
func num(_ value: Double) -> String { SVGNumber.format(value) }
