import Foundation
import Testing

@testable import Charts

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses chart output with XMLParser so tests check real structure, not string fragments.
final class SVGInspector: NSObject, XMLParserDelegate {
  struct Element {
    let name: String
    let attributes: [String: String]
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
  }

  private(set) var elements: [Element] = []
  private(set) var texts: [String] = []
  /// Each element's own character data, without that of its children (a `<title>` inside a
  /// `<text>` is not part of what the text shows).
  private(set) var ownTexts: [String] = []
  private var open: [Int] = []
  private(set) var isWellFormed = false
  let source: String

  init(_ svg: String) {
    source = svg
    super.init()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = self
    isWellFormed = parser.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements.append(Element(name: elementName, attributes: attributes))
    texts.append("")
    ownTexts.append("")
    open.append(elements.count - 1)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    _ = open.popLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if !texts.isEmpty { texts[texts.count - 1] += string }
    if let current = open.last { ownTexts[current] += string }
  }

  /// The font size each element is drawn at: its own attribute or the nearest ancestor's
  /// (groups here only set it on the root).
  func fontSize(of index: Int) -> Double {
    Double(elements[index].attributes["font-size"] ?? "") ?? Double(root?.attributes["font-size"] ?? "") ?? 16
  }

  /// The box of every visible text label, estimated the way the charts estimate them.
  func textBoxes() -> [(text: String, box: LabelBox)] {
    elements.indices.compactMap { index in
      let element = elements[index]
      guard element.name == "text", let x = Double(element.attributes["x"] ?? ""),
        let y = Double(element.attributes["y"] ?? "")
      else { return nil }
      let text = ownTexts[index]
      return (
        text,
        LabelBox(text, x: x, baseline: y, fontSize: fontSize(of: index), anchor: element.attributes["text-anchor"] ?? "start")
      )
    }
  }

  /// Pairs of labels that cover each other.
  func overlappingTexts() -> [String] {
    let boxes = textBoxes()
    var found: [String] = []
    for i in boxes.indices {
      for j in boxes.indices where j > i && boxes[i].box.overlaps(boxes[j].box) {
        found.append("“\(boxes[i].text)” × “\(boxes[j].text)”")
      }
    }
    return found
  }

  var root: Element? { elements.first }

  func elements(_ name: String, class className: String? = nil) -> [Element] {
    elements.filter { element in element.name == name && (className.map { element.classes.contains($0) } ?? true) }
  }

  func count(_ name: String, class className: String? = nil) -> Int {
    elements(name, class: className).count
  }

  /// All character data, joined (includes <title> children).
  var allText: String { texts.joined(separator: "\n") }

  var viewBox: (width: Double, height: Double) {
    let parts = (root?.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
    return parts.count == 4 ? (parts[2], parts[3]) : (0, 0)
  }

  /// Every coordinate the chart emits, checked against the viewBox.
  func coordinatesOutsideViewBox() -> [String] {
    let (width, height) = viewBox
    var problems: [String] = []
    func check(_ value: Double?, _ limit: Double, _ what: String) {
      guard let value, value.isFinite, value >= -0.01, value <= limit + 0.01 else {
        problems.append(what)
        return
      }
    }
    for element in elements.dropFirst() {
      let attributes = element.attributes
      for key in ["x", "cx", "x1", "x2"] {
        if let value = attributes[key] { check(Double(value), width, "\(element.name).\(key)=\(value)") }
      }
      for key in ["y", "cy", "y1", "y2"] {
        if let value = attributes[key] { check(Double(value), height, "\(element.name).\(key)=\(value)") }
      }
      if element.name == "rect", let x = Double(attributes["x"] ?? ""), let w = Double(attributes["width"] ?? ""),
        let y = Double(attributes["y"] ?? ""), let h = Double(attributes["height"] ?? "")
      {
        check(x + w, width, "rect right")
        check(y + h, height, "rect bottom")
      }
      if let points = attributes["points"] {
        for pair in points.split(separator: " ") {
          let xy = pair.split(separator: ",").map { Double($0) }
          check(xy.first ?? nil, width, "points x")
          check(xy.last ?? nil, height, "points y")
        }
      }
      if let path = attributes["d"] {
        let numbers = path.split(whereSeparator: { " MLAZ,".contains($0) }).map { Double($0) }
        for number in numbers { check(number, max(width, height), "path \(path)") }
      }
    }
    return problems
  }

  /// The standard checks every chart must pass.
  func expectValidChart(title: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(isWellFormed, "not well-formed XML", sourceLocation: sourceLocation)
    #expect(root?.name == "svg", sourceLocation: sourceLocation)
    #expect(root?.attributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(root?.attributes["width"] == "100%", sourceLocation: sourceLocation)
    #expect(root?.attributes["font-family"]?.contains("Noto Sans CJK SC") == true, sourceLocation: sourceLocation)
    #expect(elements.count > 2 && elements[1].name == "title" && elements[2].name == "desc", sourceLocation: sourceLocation)
    #expect(texts.count > 1 && texts[1] == title, sourceLocation: sourceLocation)
    #expect(coordinatesOutsideViewBox().isEmpty, "\(coordinatesOutsideViewBox())", sourceLocation: sourceLocation)
    // Word-level check: "dominant-baseline" legitimately contains the letters "nan".
    let words = Set(source.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
    #expect(words.isDisjoint(with: ["nan", "inf", "infinity"]), sourceLocation: sourceLocation)
  }
}
