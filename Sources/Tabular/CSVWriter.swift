import Foundation

/// The one CSV writer. A download for people (`document`) quotes every text cell and writes a
/// text cell that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return: `=HYPERLINK(…)`, `=cmd|…`) with a leading apostrophe, which spreadsheets
/// show as text; numbers are written as numbers, so a negative amount stays a negative number;
/// lines end in CRLF and a byte-order mark makes Excel read Chinese text as UTF-8. A record for
/// a program (`record`) quotes only the fields that need it (RFC 4180) and changes nothing else.
public enum CSVWriter {
  public enum Cell: Equatable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
  }

  /// A file for people: a header row and data rows.
  public static func document(header: [String], rows: [[Cell]]) -> Data {
    var out = Data([0xEF, 0xBB, 0xBF])
    out.append(contentsOf: line(header.map(Cell.text)).utf8)
    for row in rows { out.append(contentsOf: line(row).utf8) }
    return out
  }

  public static func line(_ cells: [Cell]) -> String {
    cells.map(field).joined(separator: ",") + "\r\n"
  }

  public static func field(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return quoted(neutralised(text))
    case .integer(let value): return String(value)
    case .number(let value): return value.isFinite ? String(value) : ""
    }
  }

  /// Characters that make a spreadsheet read a cell as a formula when they come first.
  public static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  public static func neutralised(_ text: String) -> String {
    guard let first = text.first, formulaStarts.contains(first) else { return text }
    return "'" + text
  }

  /// One record for a program, LF-terminated: a field is quoted only when it holds a comma, a
  /// quote, a line end, or space at either end.
  public static func record(_ fields: [String]) -> String {
    fields.map { field in
      let needsQuotes =
        field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        || field.first == " " || field.last == " "
      return needsQuotes ? quoted(field) : field
    }.joined(separator: ",") + "\n"
  }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
