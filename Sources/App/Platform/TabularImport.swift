import Foundation
import Tabular

/// Uploaded tables (CSV or XLSX) for the imports, read by the one reader of the `Tabular`
/// library; its refusals become answers naming the form field and the line.
enum TabularImport {
  /// The table's header and its data rows in batches.
  static func reader(_ data: Data, field: String = "file", batchSize: Int = 20_000) throws -> TabularReader {
    do {
      return try TabularReader(data, batchSize: batchSize)
    } catch {
      throw error.appError(field: field)
    }
  }

  /// Every row, header first.
  static func rows(_ data: Data, field: String = "file") throws -> [TabularRow] {
    do {
      return try TabularReader.rows(in: data)
    } catch {
      throw error.appError(field: field)
    }
  }

  /// The next batch of a reader, its refusals as answers.
  static func next(_ reader: inout TabularReader, field: String = "file") async throws -> [TabularRow]? {
    do {
      return try await reader.next()
    } catch let error as TabularError {
      throw error.appError(field: field)
    }
  }
}

extension TabularError {
  /// NUL is a 400 naming the line, as everywhere text comes in; every other refusal is a 422 on
  /// the file's field naming the line where there is one.
  func appError(field: String) -> AppError {
    switch self {
    case .empty: return .invalid(field, "import.error.empty")
    case .nul(let line): return NulCharacters.refusal(line: line)
    case .notUTF8(let line): return .invalid(field, "import.error.not_utf8", String(line))
    case .unclosedQuote(let line), .strayQuote(let line), .textAfterQuote(let line):
      return .invalid(field, "import.error.quoting", String(line))
    case .xlsx(let reason): return .invalid(field, "import.error.xlsx", reason)
    }
  }
}
