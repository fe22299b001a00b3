import Vapor

/// A CSV file to fill in (import templates), written by the one CSV writer like every export:
/// a template's header can carry codes someone typed (a questionnaire's question codes).
enum CSVTemplate {
  static func download(_ rows: [[String]], name: String) -> Response {
    let data = CSVExport.data(header: rows.first ?? [], rows: rows.dropFirst().map { $0.map(CSVExport.Cell.text) })
    return CSVExport.response(data, name: name)
  }
}
