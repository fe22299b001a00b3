import Vapor

/// A CSV file to fill in (import templates): UTF-8 with a byte-order mark so that Excel opens the
/// Chinese headers correctly. Template cells are the product's own text, never user input.
enum CSVTemplate {
  static func download(_ rows: [[String]], name: String) -> Response {
    let text = rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    let response = Response(status: .ok, body: .init(data: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)))
    response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
    response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
    return response
  }
}
