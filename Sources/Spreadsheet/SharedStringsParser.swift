import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Streams `sharedStrings.xml` into an array. Rich text is flattened by concatenating the `<t>` of every run;
/// phonetic hints (`<rPh>`, used for Japanese readings) are not part of the cell text and are skipped.
final class SharedStringsParser: NSObject, XMLParserDelegate, ErrorRecording {
  private(set) var strings: [String] = []
  private(set) var error: SpreadsheetError?
  private var current = ""
  private var inItem = false
  private var inText = false
  private var phoneticDepth = 0

  static func parse(_ data: Data) throws(SpreadsheetError) -> [String] {
    let delegate = SharedStringsParser()
    try PartParsing.run(PartParsing.parser(for: data), delegate: delegate) {
      SpreadsheetError("malformed shared strings XML at string \(delegate.strings.count + 1)")
    }
    return delegate.strings
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    switch PartParsing.localName(elementName) {
    case "si":
      inItem = true
      current = ""
    case "rPh": phoneticDepth += 1
    case "t": inText = inItem && phoneticDepth == 0
    default: break
    }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    switch PartParsing.localName(elementName) {
    case "si":
      strings.append(XMLText.decodingExcelEscapes(current))
      inItem = false
    case "rPh": phoneticDepth -= 1
    case "t": inText = false
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current += string }
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    if inText { current += String(decoding: CDATABlock, as: UTF8.self) }
  }
}
