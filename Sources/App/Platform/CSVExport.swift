import Foundation
import Tabular
import Vapor

/// CSV downloads (exports and import templates), written by the one CSV writer of the `Tabular`
/// library: every text cell quoted, cells a spreadsheet would run as formulas neutralised,
/// numbers as numbers, CRLF and a byte-order mark.
enum CSVExport {
  typealias Cell = CSVWriter.Cell

  static func data(header: [String], rows: [[Cell]]) -> Data {
    CSVWriter.document(header: header, rows: rows)
  }

  /// The file as a download named `name`.
  static func response(_ data: Data, name: String) -> Response {
    var headers = HTTPHeaders()
    headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
    headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
    return Response(status: .ok, headers: headers, body: .init(data: data))
  }

  /// A file to fill in (an import template): a template's header can carry codes someone typed
  /// (a questionnaire's question codes), so it is written like every export.
  static func template(_ rows: [[String]], name: String) -> Response {
    response(data(header: rows.first ?? [], rows: rows.dropFirst().map { $0.map(Cell.text) }), name: name)
  }
}
