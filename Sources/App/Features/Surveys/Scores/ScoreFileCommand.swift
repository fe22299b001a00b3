import ConsoleKit
import Domain
import Foundation
import Tabular
import Vapor

/// `wanjia survey score-file --data F.csv [--json]`: 满意度 and 满意率 per unit × module × segment
/// of a results file (docs/results-format.md), e.g. a survey company's delivery checked before
/// it is imported. Reads only the file: no database, no login.
struct ScoreFileCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "data", help: "Results file (CSV, UTF-8) in the format of docs/results-format.md") var data: String?
    @Flag(name: "json", help: "Print JSON: rows, refused rows (first 100) and one score per cell") var json: Bool
  }

  var help: String {
    "Scores a results file per unit × module × segment without importing it: survey score-file --data F.csv"
  }

  struct CellDTO: Encodable {
    let unit: String
    let module: String
    let segment: String
    let score: ScoreDTO
  }

  struct ProblemDTO: Encodable {
    let line: Int
    let column: String
    let reason: String
  }

  struct FileScoresDTO: Encodable {
    let file: String
    let rows: Int
    let scoredRows: Int
    let rejectedRows: Int
    let problems: [ProblemDTO]
    let cells: [CellDTO]
  }

  func run(using context: CommandContext, signature: Signature) async throws {
    guard let path = signature.data else { throw CommandFailure("--data must name a results file") }
    let file: MappedFile
    do {
      file = try MappedFile(path: path)
    } catch {
      throw CommandFailure("cannot read \(path)")
    }
    let summary: ScoreFile.Summary
    do {
      summary = try withExtendedLifetime(file) { () throws(ScoreFile.HeaderError) in try ScoreFile.score(file.bytes) }
    } catch {
      throw CommandFailure("\(path): \(error.description)")
    }
    let dto = Self.dto(summary, file: (path as NSString).lastPathComponent)
    if signature.json {
      let encoder = JSONCoding.encoder(pretty: true)
      FileHandle.standardOutput.write(try encoder.encode(dto) + Data("\n".utf8))
      return
    }
    context.console.info("\(dto.file): \(dto.scoredRows) of \(dto.rows) rows scored, \(dto.rejectedRows) refused")
    for problem in dto.problems.prefix(20) {
      context.console.warning("line \(problem.line) \(problem.column): \(problem.reason)")
    }
    for cell in dto.cells {
      let line = [
        cell.unit, cell.module, cell.segment, "n=\(cell.score.n)", String(format: "%.2f", cell.score.mean),
        DisplayFormat.percent(cell.score.satisfactionRate),
      ]
      context.console.output(line.joined(separator: "  ").consoleText())
    }
  }

  /// Cells by unit code, then module and segment in their declared order.
  static func dto(_ summary: ScoreFile.Summary, file: String) -> FileScoresDTO {
    // Every case is in allCases, so each has a position.
    let moduleOrder = Dictionary(uniqueKeysWithValues: ServiceModule.allCases.enumerated().map { ($1, $0) })
    let segmentOrder = Dictionary(uniqueKeysWithValues: CustomerSegment.allCases.enumerated().map { ($1, $0) })
    let cells = summary.cells.sorted { a, b in
      if a.key.unit != b.key.unit { return a.key.unit < b.key.unit }
      let (ma, mb) = (moduleOrder[a.key.module] ?? 0, moduleOrder[b.key.module] ?? 0)
      if ma != mb { return ma < mb }
      return (segmentOrder[a.key.segment] ?? 0) < (segmentOrder[b.key.segment] ?? 0)
    }
    return FileScoresDTO(
      file: file, rows: summary.rows, scoredRows: summary.scoredRows, rejectedRows: summary.rejectedRows,
      problems: summary.problems.map { ProblemDTO(line: $0.line, column: $0.column, reason: $0.reason.rawValue) },
      cells: cells.compactMap { key, sums in
        ScoreDTO(sums).map {
          CellDTO(unit: key.unit, module: key.module.rawValue, segment: key.segment.rawValue, score: $0)
        }
      })
  }
}
