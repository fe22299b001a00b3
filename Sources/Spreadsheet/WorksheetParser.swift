import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Streams one worksheet into rows of strings (see `SpreadsheetReader.rows`). Element names are compared with the
/// prefix the root element uses, computed once, because this runs for every cell of large sheets.
final class WorksheetParser: NSObject, XMLParserDelegate, ErrorRecording {
  private let sharedStrings: [String]
  private(set) var rows: [[String]] = []
  private(set) var error: SpreadsheetError?
  private var names = ElementNames(prefix: "")
  private var sawRoot = false

  private var rowNumber = 0
  private var row: [String] = []
  private var inRow = false
  private var cell = CellState()
  private var inCell = false
  private var capture: Capture = .none
  private var phoneticDepth = 0

  private enum Capture { case none, value, inlineText }

  private struct ElementNames {
    let row: String, cell: String, value: String, inline: String, text: String, phonetic: String
    init(prefix: String) {
      (row, cell, value) = (prefix + "row", prefix + "c", prefix + "v")
      (inline, text, phonetic) = (prefix + "is", prefix + "t", prefix + "rPh")
    }
  }

  private struct CellState {
    var column = -1
    var type: String?
    var value = ""
    var inlineText = ""
    var hasValue = false
    var hasInline = false
  }

  init(sharedStrings: [String]) {
    self.sharedStrings = sharedStrings
  }

  static func parse(_ data: Data, sharedStrings: [String]) throws(SpreadsheetError) -> [[String]] {
    let delegate = WorksheetParser(sharedStrings: sharedStrings)
    try PartParsing.run(PartParsing.parser(for: data), delegate: delegate) {
      SpreadsheetError("malformed sheet XML at row \(delegate.inRow ? delegate.rowNumber : delegate.rowNumber + 1)")
    }
    var rows = delegate.rows
    while rows.last?.isEmpty == true { rows.removeLast() }
    return rows
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    if !sawRoot {
      sawRoot = true
      let colon = elementName.lastIndex(of: ":")
      names = ElementNames(prefix: colon.map { String(elementName[...$0]) } ?? "")
      return
    }
    if elementName == names.cell {
      startCell(attributeDict, parser: parser)
    } else if elementName == names.value {
      if inCell { capture = .value }
    } else if elementName == names.text {
      if inCell && cell.hasInline && phoneticDepth == 0 { capture = .inlineText }
    } else if elementName == names.inline {
      if inCell { cell.hasInline = true }
    } else if elementName == names.row {
      startRow(attributeDict, parser: parser)
    } else if elementName == names.phonetic {
      phoneticDepth += 1
    }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    if elementName == names.value || elementName == names.text {
      if capture == .value { cell.hasValue = true }
      capture = .none
    } else if elementName == names.cell {
      endCell(parser: parser)
    } else if elementName == names.row {
      endRow()
    } else if elementName == names.phonetic {
      phoneticDepth -= 1
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    switch capture {
    case .none: return
    case .value: cell.value += string
    case .inlineText: cell.inlineText += string
    }
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
  }

  private func fail(_ parser: XMLParser, _ detail: String) {
    guard error == nil else { return }
    error = SpreadsheetError("malformed sheet XML at row \(rowNumber): \(detail)")
    parser.abortParsing()
  }

  private func startRow(_ attributes: [String: String], parser: XMLParser) {
    let number = attributes["r"].map { Int($0) } ?? rowNumber + 1
    guard let number, number >= 1, number <= CellReference.maxRows else {
      rowNumber += 1
      return fail(parser, "invalid row number \"\(attributes["r"] ?? "")\"")
    }
    rowNumber = number
    inRow = true
    // Rows should be ascending; if a writer repeats or reorders one, its cells are merged into the earlier row.
    row = number <= rows.count ? rows[number - 1] : []
    cell.column = -1
  }

  private func endRow() {
    guard inRow else { return }
    inRow = false
    while row.last?.isEmpty == true { row.removeLast() }
    if rowNumber <= rows.count {
      rows[rowNumber - 1] = row
    } else {
      rows.append(contentsOf: repeatElement([], count: rowNumber - 1 - rows.count))
      rows.append(row)
    }
  }

  private func startCell(_ attributes: [String: String], parser: XMLParser) {
    inCell = true
    let column: Int?
    if let reference = attributes["r"] {
      column = CellReference.columnIndex(of: reference)
    } else {
      column = cell.column + 1 < CellReference.maxColumns ? cell.column + 1 : nil
    }
    guard let column else { return fail(parser, "invalid cell reference \"\(attributes["r"] ?? "")\"") }
    cell = CellState(column: column, type: attributes["t"])
  }

  private func endCell(parser: XMLParser) {
    inCell = false
    guard inRow else { return }
    let text: String
    switch cell.type {
    case "s":
      guard cell.hasValue else {
        text = ""
        break
      }
      guard let index = Int(cell.value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index)
      else {
        return fail(parser, "shared string \"\(cell.value)\" not found")
      }
      text = sharedStrings[index]
    case "inlineStr": text = XMLText.decodingExcelEscapes(cell.hasInline ? cell.inlineText : cell.value)
    case "str": text = XMLText.decodingExcelEscapes(cell.value)
    case "b": text = cell.value == "1" ? "TRUE" : cell.value == "0" ? "FALSE" : cell.value
    case "e", "d": text = cell.value
    default: text = cell.hasValue ? CellValues.normalisedNumber(cell.value) : ""
    }
    if cell.column < row.count {
      row[cell.column] = text
    } else if !text.isEmpty {
      row.append(contentsOf: repeatElement("", count: cell.column - row.count))
      row.append(text)
    }
  }
}
