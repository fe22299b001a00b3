import Domain
import Foundation
import Tabular

/// Scores a survey results file (docs/results-format.md) without a database: 满意度 and 满意率 per
/// unit × module × segment, summed with the same `ScoreAccumulator` as a wave's scores, so that a
/// third party's file can be checked before it is imported. Works on the bytes; a large file
/// without quote characters is cut at line breaks and read on all cores, each chunk summing its
/// own cells (sums merge by addition). A refused row is skipped whole and reported by line.
enum ScoreFile {
  struct Cell: Hashable, Sendable {
    let unit: String
    let module: ServiceModule
    let segment: CustomerSegment
  }

  struct Problem: Sendable, Equatable {
    enum Reason: String, Sendable {
      case missing, badSegment, badWeight, notANumber, outOfRange, fieldCount, malformed
    }
    let line: Int
    let column: String
    let reason: Reason
  }

  struct Summary: Sendable {
    var rows = 0
    var scoredRows = 0
    var cells: [Cell: ScoreAccumulator] = [:]
    /// The first refused rows in file order (up to the limit); `rejectedRows` counts them all.
    var problems: [Problem] = []
    var rejectedRows = 0
  }

  struct HeaderError: Error, CustomStringConvertible {
    let description: String
  }

  /// Bodies at least this long (and free of quote characters) are read in parallel chunks.
  static let parallelBytes = CSVChunks.parallelBytes

  static func score(
    _ data: Data, questionnaire: Questionnaire = .standard, problemLimit: Int = 100, parallelBytes: Int = parallelBytes
  ) throws(HeaderError) -> Summary {
    let outcome = data.withUnsafeBytes { raw -> Result<Summary, HeaderError> in
      do throws(HeaderError) {
        return .success(try score(raw.bindMemory(to: UInt8.self), questionnaire, problemLimit, parallelBytes))
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }

  /// The same on bytes in place (a mapped file).
  static func score(
    _ buffer: UnsafeBufferPointer<UInt8>, _ questionnaire: Questionnaire = .standard, _ problemLimit: Int = 100,
    _ parallelBytes: Int = parallelBytes
  ) throws(HeaderError) -> Summary {
    var scanner = CSVScanner(buffer)
    let layout = try ScoreFileLayout(header: ScoreFileReader.header(&scanner), questionnaire: questionnaire)
    let chunks = CSVChunks.split(scanner, threshold: parallelBytes)
    let sums = CSVChunks.map(buffer, chunks) { _, scanner in
      ScoreFileReader.sum(&scanner, layout: layout, problemLimit: problemLimit)
    }
    return merge(sums, layout: layout, problemLimit: problemLimit)
  }

  private static func merge(_ chunks: [ChunkSums], layout: ScoreFileLayout, problemLimit: Int) -> Summary {
    var summary = Summary()
    let segments = CustomerSegment.allCases
    for chunk in chunks {
      summary.rows += chunk.rows
      summary.scoredRows += chunk.rows - chunk.rejected
      summary.rejectedRows += chunk.rejected
      summary.problems += chunk.problems.prefix(max(0, problemLimit - summary.problems.count))
      for (u, unitBytes) in chunk.units.enumerated() {
        let unit = String(decoding: unitBytes, as: UTF8.self)
        for (s, segment) in segments.enumerated() {
          for (m, module) in ServiceModule.allCases.enumerated() {
            let sums = chunk.sums[ChunkSums.index(unit: u, segment: s, module: m)]
            guard sums.count > 0 else { continue }
            summary.cells[Cell(unit: unit, module: module, segment: segment), default: .init()].merge(sums)
          }
        }
      }
    }
    return summary
  }
}

/// What one chunk found: its units (as bytes, in order of first sight) and a flat array of sums
/// indexed by unit × segment × module.
struct ChunkSums {
  var units: [[UInt8]] = []
  var sums: [ScoreAccumulator] = []
  var rows = 0
  var rejected = 0
  var problems: [ScoreFile.Problem] = []

  static let cellsPerUnit = CustomerSegment.allCases.count * ServiceModule.allCases.count

  static func index(unit: Int, segment: Int, module: Int) -> Int {
    (unit * CustomerSegment.allCases.count + segment) * ServiceModule.allCases.count + module
  }

  /// The index of a unit code, added on first sight. The last unit is tried first (files are
  /// often sorted by unit), then a scan: a results file names a few dozen units at most.
  mutating func unitIndex(_ code: [UInt8], last: inout Int) -> Int {
    if last >= 0, units[last] == code { return last }
    if let found = units.firstIndex(of: code) {
      last = found
      return found
    }
    units.append(code)
    sums += Array(repeating: ScoreAccumulator(), count: Self.cellsPerUnit)
    last = units.count - 1
    return last
  }
}
