import Spreadsheet
import Vapor

/// A workbook as a download: every XLSX export answers through this.
enum XLSXDownload {
  static let contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

  static func response(_ workbook: SpreadsheetWorkbook, name: String) throws -> Response {
    let response = Response(status: .ok, body: .init(data: try workbook.xlsxData()))
    response.headers.contentType = contentType
    let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export.xlsx"
    response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"export.xlsx\"; filename*=UTF-8''\(encoded)")
    return response
  }
}
