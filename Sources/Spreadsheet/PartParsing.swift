import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Helpers shared by the XML part readers.
enum PartParsing {
  /// Element or attribute name without its namespace prefix; writers differ in the prefixes they use (`x:`, none).
  static func localName(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
  }

  /// Attribute value by local name, whatever prefix the writer chose.
  static func attribute(_ local: String, in attributes: [String: String]) -> String? {
    if let value = attributes[local] { return value }
    return attributes.first { localName($0.key) == local }?.value
  }

  /// A parser over `data`. It reads through a stream because swift-corelibs-foundation hands `XMLParser(data:)` to
  /// libxml2 as one chunk, and libxml2 rejects a chunk over 10 MB ("huge input lookup"): a 50,000-row sheet.
  static func parser(for data: Data) -> XMLParser {
    XMLParser(stream: InputStream(data: data))
  }

  /// Runs `parser` with `delegate`; a failed parse becomes `failure()` unless the delegate recorded its own error.
  static func run(
    _ parser: XMLParser, delegate: some XMLParserDelegate & ErrorRecording, failure: () -> SpreadsheetError
  ) throws(SpreadsheetError) {
    parser.delegate = delegate
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    let succeeded = parser.parse()
    if let error = delegate.error { throw error }
    // swift-corelibs-foundation reports success for a document cut short, but still records the error.
    if !succeeded || parser.parserError != nil { throw failure() }
  }

  /// Resolves a relationship target against the folder of the part that owns the relationships (OPC rules: a leading
  /// "/" is package-absolute, ".." climbs).
  static func resolve(_ target: String, relativeTo sourcePart: String) -> String {
    var segments: [Substring]
    if target.hasPrefix("/") {
      segments = []
    } else {
      segments = sourcePart.split(separator: "/", omittingEmptySubsequences: true)
      if !segments.isEmpty { segments.removeLast() }
    }
    for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": if !segments.isEmpty { segments.removeLast() }
      default: segments.append(segment)
      }
    }
    return segments.joined(separator: "/")
  }
}

/// A delegate that can stop the parse with its own, more precise error.
protocol ErrorRecording: AnyObject {
  var error: SpreadsheetError? { get }
}

/// Collects the attributes of every element with one of the given local names; enough for `.rels` parts and
/// `workbook.xml`, which are small.
final class ElementCollector: NSObject, XMLParserDelegate, ErrorRecording {
  private let names: Set<Substring>
  private(set) var elements: [(name: Substring, attributes: [String: String])] = []
  private(set) var error: SpreadsheetError?

  init(names: Set<Substring>) {
    self.names = names
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    let local = PartParsing.localName(elementName)
    if names.contains(local) { elements.append((local, attributeDict)) }
  }

  /// Parses `data` and returns the collected elements.
  static func collect(
    _ names: Set<Substring>, in data: Data, part: String
  ) throws(SpreadsheetError)
    -> [(name: Substring, attributes: [String: String])]
  {
    let collector = ElementCollector(names: names)
    try PartParsing.run(PartParsing.parser(for: data), delegate: collector) {
      SpreadsheetError("malformed XML in \(part)")
    }
    return collector.elements
  }
}
