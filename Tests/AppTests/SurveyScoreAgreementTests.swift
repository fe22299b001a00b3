import Domain
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A wave's scores from the database and the same results file scored without one must agree:
/// respondents counted once per module, whatever the path. (reference/compare_scores.py checks
/// the file path against pandas, so the database path is checked against pandas through this.)
@Suite("Survey scores: database and file agree")
struct SurveyScoreAgreementTests {
  /// `rows` interviews in county A: codes vary by row and item, every fifth respondent skips the
  /// hall module, weights 1–4, segments alternate.
  static func results(rows: Int) -> String {
    let questions = Questionnaire.standard.questions.filter { $0.kind != .text }
    var lines = ["unit_code,segment,weight," + questions.map(\.code).joined(separator: ",")]
    for r in 0..<rows {
      let answers = questions.enumerated().map { q, question -> String in
        if question.module == .hall && r % 5 == 0 { return "" }
        return question.kind == .fivePoint ? String(1 + (r * 7 + q * 3) % 5) : String(1 + (r + q) % 10)
      }
      let segment = r % 3 == 0 ? "commercial" : "residential"
      lines.append("A,\(segment),\(1 + r % 4)," + answers.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("Rule SV-SCORE-RESPONDENT: per module, the wave's scores equal the file's, with n = respondents")
  func databaseEqualsFile() async throws {
    try await withApp { app in
      // Setup: a sampled wave with 400 results imported from a file
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 10)])).status == .created)
      let wave = try await desk.sampledWave(count: 2)
      let file = Self.results(rows: 400)
      let imported = try await desk.upload(Paths.apiSurveyWaveResponses.link(wave), Data(file.utf8), token: desk.office)
      #expect(imported.status == .created, "\(imported.body.string.prefix(500))")

      // Act: read the wave's scores and score the same file without the database
      let res = try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office)
      let body = try JSONDecoder().decode(SurveyDesk.ScoresBody.self, from: Data(res.body.string.utf8))
      let county = try #require(body.units.first { $0.code == "A" })
      let fromFile = try ScoreFile.score(Data(file.utf8))
      // Check: per module the same n, mean, rate and intervals, with n = respondents
      for module in ServiceModule.allCases {
        var expected = ScoreAccumulator()
        for (cell, sums) in fromFile.cells where cell.unit == "A" && cell.module == module { expected.merge(sums) }
        let want = try #require(expected.summary())
        let got = try #require(county.modules[module.rawValue], "module \(module)")
        #expect(got.n == want.n, "module \(module)")
        #expect(abs(got.mean - want.mean) < 1e-9 && abs(got.satisfactionRate - want.satisfactionRate) < 1e-12)
        #expect(abs(got.meanCI[0] - want.meanCI.low) < 1e-9 && abs(got.rateCI[1] - want.rateCI.high) < 1e-9)
      }
      #expect(county.modules["hall"]?.n == 320)
      #expect(county.modules["stability"]?.n == 400)
      #expect(county.overall?.n == 400)
    }
  }
}
