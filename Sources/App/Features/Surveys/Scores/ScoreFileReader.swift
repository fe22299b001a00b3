import Domain
import Foundation
import Tabular

/// Sums the rows of a results file's chunk straight into `ChunkSums`, the cells read by the one
/// CSV reader as byte ranges. A row with a bad cell, the wrong number of fields or broken quoting
/// is refused whole (reported by line and column) and reading goes on with the next line.
enum ScoreFileReader {
  /// The cells of the row being read; a refused row never reaches the sums.
  private struct Row {
    var unit: [UInt8] = []
    var segment = 0
    var weight = 0.0
    var codes: [Int]
  }

  /// The header's names; leaves the scanner at the first data line.
  static func header(_ scanner: inout CSVScanner) throws(ScoreFile.HeaderError) -> [String] {
    if let line = scanner.firstNUL() { throw ScoreFile.HeaderError(description: "line \(line) holds a NUL character") }
    guard scanner.nextRecord() else { throw ScoreFile.HeaderError(description: "the file is empty") }
    let line = scanner.line
    var names: [String] = []
    do {
      repeat {
        let field = try scanner.field()
        names.append(try scanner.text(field, line: line))
      } while !scanner.recordEnded
    } catch {
      throw ScoreFile.HeaderError(description: "the header (line \(line)) cannot be read: \(error)")
    }
    return names
  }

  /// Sums the rows of one chunk.
  static func sum(_ scanner: inout CSVScanner, layout: ScoreFileLayout, problemLimit: Int) -> ChunkSums {
    var out = ChunkSums()
    var row = Row(codes: Array(repeating: -1, count: layout.roles.count))
    var lastUnit = -1
    // One respondent's answers per module, reused row after row.
    var modules = [RespondentAnswers](repeating: .init(), count: ServiceModule.allCases.count)
    while scanner.nextRecord() {
      let rowLine = scanner.line
      var problem: ScoreFile.Problem?
      var column = 0
      repeat {
        let field: CSVField
        do {
          field = try scanner.field()
        } catch {
          problem = problem ?? .init(line: rowLine, column: name(column, layout), reason: .malformed)
          scanner.skipLine()
          break
        }
        if problem == nil, column < layout.roles.count,
          let reason = scanner.withBytes(field, { read($0, column, layout, &row) })
        {
          problem = .init(line: rowLine, column: name(column, layout), reason: reason)
        }
        column += 1
      } while !scanner.recordEnded
      out.rows += 1
      if problem == nil, column != layout.roles.count {
        problem = .init(line: rowLine, column: "", reason: .fieldCount)
      }
      if let problem {
        out.rejected += 1
        if out.problems.count < problemLimit { out.problems.append(problem) }
        continue
      }
      let unit = out.unitIndex(row.unit, last: &lastUnit)
      let base = ChunkSums.index(unit: unit, segment: row.segment, module: 0)
      for m in modules.indices { modules[m] = RespondentAnswers() }
      for item in layout.items {
        let code = row.codes[item.column]
        guard code >= 0 else { continue }
        modules[item.module].add(value: layout.values[code], topBox: layout.topBox[code])
      }
      for (m, answers) in modules.enumerated() where answers.count > 0 {
        out.sums[base + m].add(answers, weight: row.weight)
      }
    }
    return out
  }

  private static func name(_ column: Int, _ layout: ScoreFileLayout) -> String {
    column < layout.names.count ? layout.names[column] : ""
  }

  /// Reads one cell into `row`; returns why it is refused, or nil.
  private static func read(
    _ cell: UnsafeBufferPointer<UInt8>, _ column: Int, _ layout: ScoreFileLayout, _ row: inout Row
  ) -> ScoreFile.Problem.Reason? {
    let (s, e) = CSVNumbers.trimmed(cell, 0, cell.count)
    switch layout.roles[column] {
    case .skip:
      return nil
    case .unit:
      guard s < e else { return .missing }
      row.unit.removeAll(keepingCapacity: true)
      row.unit.append(contentsOf: UnsafeBufferPointer(rebasing: cell[s..<e]))
      return nil
    case .segment:
      guard s < e else { return .missing }
      guard let segment = segment(cell, s, e, layout.segmentKeys) else { return .badSegment }
      row.segment = segment
      return nil
    case .weight:
      guard s < e else { return .missing }
      guard let weight = CSVNumbers.decimal(cell, s, e), weight.isFinite, weight > 0 else { return .badWeight }
      row.weight = weight
      return nil
    case .item:
      guard s < e else {
        row.codes[column] = -1
        return nil
      }
      guard let code = CSVNumbers.integer(cell, s, e) else { return .notANumber }
      guard (0...9).contains(code), layout.isPoint[code] else { return .outOfRange }
      row.codes[column] = code
      return nil
    }
  }

  /// Index into `CustomerSegment.allCases`: the raw value in any ASCII case or the Chinese label.
  private static func segment(
    _ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ keys: [(raw: [UInt8], zh: [UInt8])]
  ) -> Int? {
    let cell = UnsafeBufferPointer(rebasing: b[s..<e])
    for (index, key) in keys.enumerated() {
      if cell.elementsEqual(key.zh) { return index }
      if cell.count == key.raw.count, zip(cell, key.raw).allSatisfy({ lowerASCII($0) == $1 }) { return index }
    }
    return nil
  }

  private static func lowerASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
  }
}
