import Domain
import Foundation
import Testing

@testable import App

@Suite("Scoring a results file (docs/results-format.md)")
struct ScoreFileTests {
  static let file = """
    \u{FEFF}id,unit_code,segment,weight,m.stability.1,m.stability.2,m.hall.1,comment\r
    1,QH-LC-S1,residential,2,5,4,,ok\r
    2,QH-LC-S1,居民,1.5,1,,3,"said ""fine"", then
    hung up"\r
    3,QH-LC-S2,Commercial,10,3,2,5,\r
    \r
    4,QH-LC-S2,commercial,0,5,5,5,\r
    5,,residential,1,5,5,5,\r
    6,QH-LC-S1,farm,1,5,5,5,\r
    7,QH-LC-S1,residential,1,6,5,5,\r
    8,QH-LC-S1,residential,1,x,5,5,\r
    9,QH-LC-S1,residential,1,5,5\r
    10,QH-LC-S1,other,3,4,4,4,\r

    """

  static func score(_ text: String, parallelBytes: Int = ScoreFile.parallelBytes) throws -> ScoreFile.Summary {
    try ScoreFile.score(Data(text.utf8), parallelBytes: parallelBytes)
  }

  @Test("Rule SV-SCORE-RESPONDENT: weighted 满意度 and 满意率 per unit × module × segment, as ScoreAccumulator sums them")
  func cells() throws {
    // Setup: the results file above
    // Act: score it
    let summary = try Self.score(Self.file)
    // Check: each cell sums respondents as ScoreAccumulator does
    // Line 2 answers stability 5 and 4 (100, 80: one respondent scoring 90, all top box), line 3
    // answers 1 (0): two respondents, not three answers.
    var expected = ScoreAccumulator()
    expected.add(score: 90, topBoxShare: 1, weight: 2)
    expected.add(score: 0, topBoxShare: 0, weight: 1.5)
    #expect(summary.cells[.init(unit: "QH-LC-S1", module: .stability, segment: .residential)] == expected)
    var hall = ScoreAccumulator()
    hall.add(score: 60, topBoxShare: 1, weight: 1.5)
    #expect(summary.cells[.init(unit: "QH-LC-S1", module: .hall, segment: .residential)] == hall)
    // Line 5 answers stability 3 and 2: one respondent, top-box share 1/2.
    var mixed = ScoreAccumulator()
    mixed.add(score: 50, topBoxShare: 0.5, weight: 10)
    #expect(summary.cells[.init(unit: "QH-LC-S2", module: .stability, segment: .commercial)] == mixed)
    #expect(summary.cells.count == 6)
  }

  @Test("A row with a bad cell is refused whole and reported by line, column and reason")
  func problems() throws {
    // Setup: the results file above
    // Act: score it
    let summary = try Self.score(Self.file)
    // Check: ten rows, four scored, six refused by line, column and reason
    #expect(summary.rows == 10)
    #expect(summary.scoredRows == 4)
    #expect(summary.rejectedRows == 6)
    let found = summary.problems.map { "\($0.line) \($0.column) \($0.reason.rawValue)" }
    #expect(
      found == [
        "7 weight badWeight", "8 unit_code missing", "9 segment badSegment", "10 m.stability.1 outOfRange",
        "11 m.stability.1 notANumber", "12  fieldCount",
      ])
  }

  @Test("Large files read in parallel chunks give the same cells as one pass")
  func parallel() throws {
    // Setup: 2,000 rows and a bad one at the end
    let body = (0..<2000).map { i in
      "\(["QH-LC-S1", "QH-LC-S2", "QH-LC-S3"][i % 3]),\(["residential", "commercial"][i % 2]),\(1 + i % 7),"
        + "\(1 + i % 5),\(1 + (i / 5) % 5)"
    }
    let text = "unit_code,segment,weight,m.billing.1,m.safety.2\n" + body.joined(separator: "\n") + "\nQH-LC-S1,x,1,1,1\n"
    // Act: score serially and in parallel chunks
    let serial = try Self.score(text, parallelBytes: .max)
    let chunked = try Self.score(text, parallelBytes: 0)
    // Check: the same cells and the same problem line
    #expect(serial.cells.keys == chunked.cells.keys)
    for (key, sums) in serial.cells {
      #expect(sums.count == chunked.cells[key]?.count)
      #expect(abs(sums.sumWeightedValues - (chunked.cells[key]?.sumWeightedValues ?? 0)) < 1e-6)
    }
    #expect(chunked.problems == [ScoreFile.Problem(line: 2002, column: "segment", reason: .badSegment)])
  }

  @Test("A header without unit, segment, weight or any module item is refused")
  func header() {
    // Setup: headers lacking weight, module items, or everything
    // Act: score them
    // Check: each is a header error
    #expect(throws: ScoreFile.HeaderError.self) { try Self.score("unit_code,segment,m.hall.1\nA,other,5\n") }
    #expect(throws: ScoreFile.HeaderError.self) { try Self.score("unit_code,segment,weight,csi.image.1\nA,other,1,5\n") }
    #expect(throws: ScoreFile.HeaderError.self) { try Self.score("") }
  }
}
