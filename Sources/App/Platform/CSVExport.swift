import Foundation
import Vapor

/// The one CSV writer of every CSV export. A text cell that a spreadsheet would run as a formula
/// (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return: `=HYPERLINK(…)`,
/// `=cmd|…`) is written with a leading apostrophe, which spreadsheets show as text; numbers
/// are written as numbers, so a negative amount stays a negative number. Every field is quoted;
/// lines end in CRLF; a byte-order mark makes Excel read the Chinese text as UTF-8.
enum CSVExport {
  enum Cell: Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
  }

  static func data(header: [String], rows: [[Cell]]) -> Data {
    var out = Data([0xEF, 0xBB, 0xBF])
    out.append(contentsOf: line(header.map(Cell.text)).utf8)
    for row in rows { out.append(contentsOf: line(row).utf8) }
    return out
  }

  /// The file as a download named `name`.
  static func response(_ data: Data, name: String) -> Response {
    var headers = HTTPHeaders()
    headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
    headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
    return Response(status: .ok, headers: headers, body: .init(data: data))
  }

  static func line(_ cells: [Cell]) -> String {
    cells.map(field).joined(separator: ",") + "\r\n"
  }

  static func field(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return "\"" + neutralised(text).replacingOccurrences(of: "\"", with: "\"\"") + "\""
    case .integer(let value): return String(value)
    case .number(let value): return value.isFinite ? String(value) : ""
    }
  }

  /// Characters that make a spreadsheet read a cell as a formula when they come first.
  static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  static func neutralised(_ text: String) -> String {
    guard let first = text.first, formulaStarts.contains(first) else { return text }
    return "'" + text
  }
}
