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

extension Fixtures {
  static let twoConstructs = PLSModel(
    constructs: [ConstructSpec(name: "A", indicators: ["a1", "a2", "a3"]), ConstructSpec(name: "B", indicators: ["b1", "b2", "b3"])],
    paths: [StructuralPath(from: "A", to: "B")])

  static func smallData(rows: Int = 40, seed: UInt64 = 7) throws -> Dataset {
    var rng = Xoshiro256StarStar(seed: seed)
    var cols = Array(repeating: [Double](), count: 6)
    for _ in 0..<rows {
      let f1 = rng.nextGaussian()
      let f2 = 0.6 * f1 + 0.8 * rng.nextGaussian()
      for k in 0..<3 { cols[k].append(f1 + 0.5 * rng.nextGaussian()) }
      for k in 3..<6 { cols[k].append(f2 + 0.5 * rng.nextGaussian()) }
    }
    return try Dataset(columnNames: ["a1", "a2", "a3", "b1", "b2", "b3"], completeColumns: cols)
  }
}

/// Fixtures more than one suite uses (rule ARCH-TEST-FIXTURES).
extension Fixtures {
  /// The seminr comparison's settings: path scheme, standardised, iterated to 1e-14.
  static let seminrSettings = PLSSettings(scheme: .path, scaling: .standardized, tolerance: 1e-14, maxIterations: 300)

  static var seminrInnerWeightsModel: PLSModel {
    PLSModel(
      constructs: [
        ConstructSpec(name: "Image", indicators: (1...5).map { "IMAG\($0)" }),
        ConstructSpec(name: "Expectation", indicators: (1...3).map { "CUEX\($0)" }),
        ConstructSpec(name: "Value", indicators: (1...2).map { "PERV\($0)" }),
        ConstructSpec(name: "Satisfaction", indicators: (1...3).map { "CUSA\($0)" }),
      ],
      paths: ["Image", "Expectation", "Value"].map { StructuralPath(from: $0, to: "Satisfaction") })
  }

  /// Saaty (1990), "How to make a decision: the analytic hierarchy process", EJOR 48:9–26,
  /// house-buying example (8 criteria): published weights .173 .054 .188 .018 .031 .036 .167 .333,
  /// λmax = 9.669, CI = 0.238, CR = 0.169 (inconsistent).
  static let saatyHouse: [[Double]] = [
    [1, 5, 3, 7, 6, 6, 1.0 / 3, 1.0 / 4],
    [1.0 / 5, 1, 1.0 / 3, 5, 3, 3, 1.0 / 5, 1.0 / 7],
    [1.0 / 3, 3, 1, 6, 3, 4, 6, 1.0 / 5],
    [1.0 / 7, 1.0 / 5, 1.0 / 6, 1, 1.0 / 3, 1.0 / 4, 1.0 / 7, 1.0 / 8],
    [1.0 / 6, 1.0 / 3, 1.0 / 3, 3, 1, 1.0 / 2, 1.0 / 5, 1.0 / 6],
    [1.0 / 6, 1.0 / 3, 1.0 / 4, 4, 2, 1, 1.0 / 5, 1.0 / 6],
    [3, 5, 1.0 / 6, 7, 5, 5, 1, 1.0 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
  ]
}
