import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Survey scores against targets")
struct SurveyScoreTests {

  /// Two interviews in county A: one answers every five-point item "very satisfied" (100), the
  /// other "not very satisfied" (40).
  func twoInterviews(_ desk: SurveyDesk) async throws -> String {
    #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 10)])).status == .created)
    let wave = try await desk.sampledWave(count: 2)
    try await desk.open(wave)
    for code in [5, 2] {
      let sample = try #require(try await desk.next())
      let res = try await desk.call(sample, #"{"outcome":"completed","answers":\#(SurveyDesk.answers(fivePoint: code))}"#)
      #expect(res.status == .ok, "\(res.body.string)")
    }
    return wave
  }

  @Test(
    "Rule SV-SCORE-RESPONDENT, SV-TOP-BOX, SV-SCORE-CI: 满意度 = mean of respondents' scores, 满意率 = share in the top three boxes, n = respondents, with 95 % CIs"
  )
  func scores() async throws {
    try await withApp { app in
      // Setup: a wave with two completed interviews in county A, scoring 100 and 40
      let desk = try await SurveyDesk.make(app)
      let wave = try await twoInterviews(desk)
      // Act: read the wave's scores
      let res = try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office)
      // Check: n 2, mean 70, rate 0.5 with 95 % intervals, flagged small; rolled up to the city only
      #expect(res.status == .ok, "\(res.body.string)")
      let body = try JSONDecoder().decode(SurveyDesk.ScoresBody.self, from: Data(res.body.string.utf8))
      let a = try #require(body.units.first { $0.code == "A" })
      let overall = try #require(a.overall)
      // Two respondents (24 answers each) scoring 100 and 40, equal design weights: n = 2, mean 70;
      // s² = ((100² + 40²)/2 − 70²) × 2/1 = 1800, half-width 1.959964 × √(1800/2) = 58.79892;
      // rate 0.5, s² = 0.25 × 2 = 0.5, half-width 1.959964 × √(0.5/2) = 0.97998 → [0, 1].
      #expect(overall.n == 2)
      #expect(abs(overall.mean - 70) < 1e-9)
      #expect(abs(overall.meanCI[0] - 11.20108) < 1e-3 && abs(overall.meanCI[1] - 128.79892) < 1e-3)
      #expect(abs(overall.satisfactionRate - 0.5) < 1e-12)
      #expect(overall.rateCI[0] == 0 && overall.rateCI[1] == 1)
      #expect(overall.smallSample)
      let stability = try #require(a.modules["stability"])
      #expect(stability.n == 2 && stability.smallSample && abs(stability.mean - 70) < 1e-9)
      #expect(a.segments["residential"]?.n == 2)
      #expect(a.channels["phone"]?.n == 2)
      // Rolled up: the city carries county A's answers; county B has none; the company is outside
      // the city office's subtree.
      #expect(body.units.first { $0.code == "C" }?.overall?.n == 2)
      #expect(!body.units.contains { $0.code == "B" || $0.code == "P" })
    }
  }

  @Test("Rule SV-TARGETS: each unit against its assessment and stretch target (example 76 / 78)")
  func targets() async throws {
    try await withApp { app in
      // Setup: a wave with two completed interviews in county A, scoring 100 and 40
      let desk = try await SurveyDesk.make(app)
      let wave = try await twoInterviews(desk)
      // Act: set targets for county A and the city, then for the company and an assessment of 120
      for (unit, a, s) in [(desk.org.countyA, 76.0, 78.0), (desk.org.city, 60.0, 69.0)] {
        let res = try await app.api(
          .POST, Paths.apiSurveyWaveTargets.link(wave), token: desk.office,
          json: #"{"unitId":"\#(unit.savedID)","assessment":\#(a),"stretch":\#(s)}"#)
        // Check: set; the company forbidden; 120 refused naming assessment
        #expect(res.status == .noContent, "\(res.body.string)")
      }
      let outside = try await app.api(
        .POST, Paths.apiSurveyWaveTargets.link(wave), token: desk.office,
        json: #"{"unitId":"\#(desk.org.company.savedID)","assessment":77,"stretch":78}"#)
      #expect(outside.status == .forbidden)
      let bad = try await app.api(
        .POST, Paths.apiSurveyWaveTargets.link(wave), token: desk.office,
        json: #"{"unitId":"\#(desk.org.countyA.savedID)","assessment":120,"stretch":78}"#)
      #expect(bad.status == .unprocessableEntity && bad.apiError?.field == "assessment")
      // Check: county A failed its target, the city met its stretch
      let body = try JSONDecoder().decode(
        SurveyDesk.ScoresBody.self,
        from: Data(try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office).body.string.utf8))
      #expect(body.units.first { $0.code == "A" }?.target?.outcome == "failed")
      #expect(body.units.first { $0.code == "C" }?.target?.outcome == "stretchMet")
    }
  }

  @Test("Survey pages: waves, quotas, the interviewer's page and the results page")
  func pages() async throws {
    try await withApp { app in
      // Setup: a wave with two completed interviews and the office signed in
      let desk = try await SurveyDesk.make(app)
      let wave = try await twoInterviews(desk)
      let office = PageClient(app)
      try await office.login("office")
      // Act: open the wave list, the wave, the results and the rosters
      let list = try await office.get(Paths.surveys.link())
      // Check: each page shows its part
      #expect(list.status == .ok && list.body.string.contains("W2026"))
      let detail = try await office.get(Paths.surveyWave.link(wave))
      #expect(detail.status == .ok)
      #expect(detail.body.string.contains("id=\"quotas\""))
      let results = try await office.get(Paths.surveyWaveScores.link(wave) + "?unitId=\(desk.org.countyA.savedID)")
      #expect(results.status == .ok)
      #expect(results.body.string.contains(#"<strong id="overall-mean">70.00</strong>"#))
      #expect(results.body.string.contains("<svg"))
      let rosters = try await office.get(Paths.rosters.link())
      #expect(rosters.status == .ok && rosters.body.string.contains("临川县供电公司"))

      // Act: open the interview page as a surveyor and as handlerA
      let surveyor = PageClient(app)
      try await surveyor.login("surveyor1")
      let idle = try await surveyor.get(Paths.interview.link())
      // Check: the surveyor gets the page; handlerA is forbidden
      #expect(idle.status == .ok && idle.body.string.contains("id=\"next-customer\""))
      let handler = PageClient(app)
      try await handler.login("handlerA")
      #expect(try await handler.get(Paths.interview.link()).status == .forbidden)
    }
  }
}
