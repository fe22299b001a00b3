import XMLEscaping

/// Builds SVG markup as a string. Attributes are ordered arrays so output is byte-for-byte stable.
struct SVGBuilder {
  typealias Attributes = [(String, String)]
  private(set) var markup = ""

  private static func attributeString(_ attributes: Attributes) -> String {
    attributes.map { " \($0.0)=\"\(XMLEscaping.escaped($0.1))\"" }.joined()
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
    markup += "<title>\(XMLEscaping.escaped(tooltip))</title>"
    close(name)
  }

  mutating func text(_ content: String, _ attributes: Attributes, tooltip: String? = nil) {
    open("text", attributes)
    if let tooltip { markup += "<title>\(XMLEscaping.escaped(tooltip))</title>" }
    markup += XMLEscaping.escaped(content)
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
    builder.markup += "<title>\(XMLEscaping.escaped(title))</title><desc>\(XMLEscaping.escaped(description))</desc>"
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
