import Foundation
import Testing

@testable import Analytics

/// Loads fixture files copied into the test bundle (never reads ../shared at run time).
enum Fixtures {
  static func text(_ name: String) throws -> String {
    let base = (name as NSString).deletingPathExtension
    let ext = (name as NSString).pathExtension
    guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures") else {
      throw AnalyticsError.invalidArgument("fixture \(name) not found in bundle")
    }
    return try String(contentsOf: url, encoding: .utf8)
  }

  static func dataset(_ name: String) throws -> Dataset { try Dataset(csv: text(name)) }

  /// R `write.csv` table: header names and rows of raw string fields (first field = row name).
  static func table(_ name: String) throws -> (header: [String], rows: [[String]]) {
    let lines = try text(name).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    return (CSVLine.split(lines[0]), lines.dropFirst().map(CSVLine.split))
  }

  /// Column `column` of an R table keyed by the value in key column `keyColumn` (default the row name).
  static func keyed(_ name: String, column: String, keyColumn: Int = 0) throws -> [String: Double] {
    let t = try table(name)
    guard let c = t.header.firstIndex(of: column) else { throw AnalyticsError.unknownColumn(name: column) }
    var out: [String: Double] = [:]
    for row in t.rows { out[row[keyColumn]] = Double(row[c]) }
    return out
  }
}

/// The ECSI satisfaction model of R plspm (blocks by column prefix, paths from the README).
enum ECSIModels {
  static let satisfactionPaths: [(String, String)] = [
    ("IMAG", "EXPE"), ("IMAG", "SAT"), ("IMAG", "LOY"), ("EXPE", "QUAL"), ("EXPE", "VAL"), ("EXPE", "SAT"),
    ("QUAL", "VAL"), ("QUAL", "SAT"), ("VAL", "SAT"), ("SAT", "LOY"),
  ]

  static var satisfaction: PLSModel {
    func items(_ p: String, _ n: Int) -> [String] { (1...n).map { "\(p)\($0)" } }
    return PLSModel(
      constructs: [
        ConstructSpec(name: "IMAG", indicators: items("imag", 5)),
        ConstructSpec(name: "EXPE", indicators: items("expe", 5)),
        ConstructSpec(name: "QUAL", indicators: items("qual", 5)),
        ConstructSpec(name: "VAL", indicators: items("val", 4)),
        ConstructSpec(name: "SAT", indicators: items("sat", 4)),
        ConstructSpec(name: "LOY", indicators: items("loy", 4)),
      ],
      paths: satisfactionPaths.map { StructuralPath(from: $0.0, to: $0.1) })
  }

  /// R plspm defaults used to produce the fixtures: scaled = FALSE, tol = 1e-6, maxiter = 100.
  static func plspmSettings(_ scheme: InnerWeightingScheme) -> PLSSettings {
    PLSSettings(scheme: scheme, scaling: .raw, tolerance: 1e-6, maxIterations: 100)
  }
}

func expectClose(
  _ a: Double, _ b: Double, _ tol: Double, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(abs(a - b) <= tol, "\(what()): \(a) vs \(b) (tolerance \(tol))", sourceLocation: sourceLocation)
}
