import Domain
import Fluent
import Foundation
import Spreadsheet
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Survey results from other channels, reports and exports")
struct SurveyChannelTests {

  @Test("Third-party results are all or nothing; a bad row names its line and question")
  func thirdParty() async throws {
    try await withApp { app in
      // Setup: a sampled wave
      let desk = try await SurveyDesk.make(app)
      let wave = try await desk.smallWave()
      // Act: upload results with a score of 9, then with an unknown question
      let bad = SurveyDesk.results(rows: 2, code: 4).replacingOccurrences(of: "A,居民,2,4", with: "A,居民,2,9")
      let refused = try await desk.upload(Paths.apiSurveyWaveResponses.link(wave), Data(bad.utf8), token: desk.office)
      // Check: refused whole, naming lines and question; nothing saved
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.apiError?.lines?.map(\.line) == [2, 3])
      #expect(refused.apiError?.lines?.first?.field == "m.stability.1")
      #expect(try await SurveyResponse.query(on: app.db).count() == 0)
      let unknown = try await desk.upload(
        Paths.apiSurveyWaveResponses.link(wave), Data("unit_code,segment,m.nope.1\nA,居民,5\n".utf8), token: desk.office)
      #expect(unknown.apiError?.lines?.first?.field == "m.nope.1")

      // Act: upload three good rows
      let ok = try await desk.upload(
        Paths.apiSurveyWaveResponses.link(wave), Data(SurveyDesk.results(rows: 3, code: 4).utf8), token: desk.office)
      // Check: saved as third party and scored per channel
      #expect(ok.status == .created, "\(ok.body.string)")
      #expect(try await SurveyResponse.query(on: app.db).filter(\.$channel == .thirdParty).count() == 3)
      let scores = try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office)
      #expect(scores.body.string.contains(#""third_party""#))
    }
  }

  @Test("Rule SV-THIRD-PARTY, SV-SAMPLE-WEIGHT: weighted with the weights of the results file (1 × 100 and 3 × 40 → 55)")
  func weighted() async throws {
    try await withApp { app in
      // Setup: a sampled wave and a results file weighting a 5 by 1 and a 2 by 3
      let desk = try await SurveyDesk.make(app)
      let wave = try await desk.smallWave()
      let five = SurveyDesk.results(rows: 1, code: 5).split(separator: "\n")
      let two = SurveyDesk.results(rows: 1, code: 2).split(separator: "\n")
      let file = [
        String(five[0]), String(five[1]).replacingOccurrences(of: "A,居民,2,", with: "A,居民,1,"),
        String(two[1]).replacingOccurrences(of: "A,居民,2,", with: "A,居民,3,"),
      ].joined(separator: "\n")
      // Act: upload it and read the scores
      let ok = try await desk.upload(Paths.apiSurveyWaveResponses.link(wave), Data(file.utf8), token: desk.office)
      // Check: mean 55, satisfaction rate 0.25
      #expect(ok.status == .created, "\(ok.body.string)")
      let res = try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office)
      let body = try JSONDecoder().decode(SurveyDesk.ScoresBody.self, from: Data(res.body.string.utf8))
      let overall = try #require(body.units.first { $0.code == "A" }?.overall)
      #expect(abs(overall.mean - 55) < 1e-9)
      #expect(abs(overall.satisfactionRate - 0.25) < 1e-12)  // only the weight-1 respondent is satisfied
    }
  }

  @Test("Rule SV-CHANNELS: hall ratings and government ratings are scored per channel, beside the sample")
  func channels() async throws {
    try await withApp { app in
      // Setup: a sampled wave, a hall and the office signed in
      let desk = try await SurveyDesk.make(app)
      let wave = try await desk.smallWave()
      let hall = OrgUnit(code: "A-S1-H", name: "城关营业厅", kind: .hall, parent: desk.org.stationA)
      try await hall.create(on: app.db)
      let office = PageClient(app)
      try await office.login("office")
      // Act: rate the hall on the kiosk three times, then rate the county as a government, incomplete and in full
      #expect(try await office.get(Paths.kiosk.link() + "?unitId=\(hall.savedID)").status == .ok)
      for rating in ["5", "5", "2"] {
        let res = try await office.post(Paths.kiosk.link(), [("unitId", hall.savedID.uuidString), ("rating", rating)])
        // Check: each kiosk rating thanked; the incomplete one refused, the full one recorded
        #expect(res.status == .ok && res.body.string.contains("kiosk-thanks"))
      }
      #expect(try await office.get(Paths.governmentRating.link()).status == .ok)
      let missing = try await office.post(
        Paths.governmentRating.link(),
        [("unitId", desk.org.countyA.savedID.uuidString), ("agency", "临川县人民政府办公室"), ("a_gov.stability", "4")])
      #expect(missing.status == .unprocessableEntity && missing.body.string.contains("has-error"))
      let recorded = try await office.post(
        Paths.governmentRating.link(),
        [
          ("unitId", desk.org.countyA.savedID.uuidString), ("agency", "临川县人民政府办公室"), ("a_gov.stability", "4"),
          ("a_gov.communication", "5"), ("a_gov.problemHandling", "3"),
        ])
      #expect(recorded.status == .ok && recorded.body.string.contains("government-notice"))

      // Act: read the wave's scores
      let res = try await app.api(.GET, Paths.apiSurveyWaveScores.link(wave), token: desk.office)
      let body = try JSONDecoder().decode(SurveyDesk.ScoresBody.self, from: Data(res.body.string.utf8))
      let county = try #require(body.units.first { $0.code == "A" })
      // Check: kiosk 80 with two of three satisfied, government 80, no overall
      // Kiosk: 100, 100, 40 → 80, two of three satisfied. Government: 80, 100, 60 → 80.
      #expect(abs((county.channels["kiosk"]?.mean ?? 0) - 80) < 1e-9)
      #expect(abs((county.channels["kiosk"]?.satisfactionRate ?? 0) - 2.0 / 3) < 1e-9)
      #expect(abs((county.channels["government"]?.mean ?? 0) - 80) < 1e-9)
      // Neither changes the sample-based score: no interviews yet, so no overall.
      #expect(county.overall == nil)
    }
  }

  @Test("The report lists the problems customers raised by module, and both XLSX exports open")
  func reportAndExports() async throws {
    try await withApp { app in
      // Setup: a sampled wave with four third-party results, the office signed in
      let desk = try await SurveyDesk.make(app)
      let wave = try await desk.smallWave()
      let ok = try await desk.upload(
        Paths.apiSurveyWaveResponses.link(wave), Data(SurveyDesk.results(rows: 4, code: 4).utf8), token: desk.office)
      #expect(ok.status == .created)
      let office = PageClient(app)
      try await office.login("office")
      // Act: open the county's report and the two templates
      let report = try await office.get(Paths.surveyWaveReport.link(wave) + "?unitId=\(desk.org.countyA.savedID)")
      // Check: the report's title, problem shares and departments; the templates' headers
      #expect(report.status == .ok)
      let html = report.body.string
      #expect(html.contains("临川县供电公司客户满意度分析报告（2026年）"))
      // One comment of four respondents mentions 停电 (stability) and 95598 (hotline): 25 % each.
      #expect(html.contains("反映人次 1，占比 25.0%"))
      #expect(html.contains("营销部"))  // a department answerable for the weakest modules
      // The results template lists the wave's question codes after unit, segment and weight.
      let template = try await office.get(Paths.surveyWaveResultsTemplate.link(wave))
      #expect(template.status == .ok)
      #expect(template.body.string.hasPrefix(#"\#u{FEFF}"单位编码","客户类别","权重","m.stability.1","#))
      let roster = try await office.get(Paths.rosterTemplate.link())
      #expect(roster.body.string.hasPrefix(#"\#u{FEFF}"户号","户名","联系电话","用电地址","单位编码","客户类别","电压等级","区域类别"\#r\#n"#))

      // Act: download both XLSX exports
      for path in [Paths.surveyWaveResponsesXLSX.link(wave), Paths.surveyWaveScoresXLSX.link(wave)] {
        var data = Data()
        try await app.testing().test(
          .GET, path,
          beforeRequest: { req in
            if let cookie = office.cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
          },
          afterResponse: { res async throws in
            #expect(res.status == .ok)
            data = Data(buffer: res.body)
          })
        // Check: they open, with texts, Beijing times and the scores
        let rows = try SpreadsheetReader.rows(in: data)
        #expect(rows.count >= 2, "\(path)")
        if path == Paths.surveyWaveResponsesXLSX.link(wave) {
          #expect(rows.count == 5)
          #expect(rows[1][0] == "A")
          #expect(rows[1].contains("停电太多，95598 打不通"))
          // Questions by their text, times in Beijing time, no codes or ISO stamps.
          let stability = try #require(Questionnaire.standard.questions.first { $0.code == "m.stability.1" })
          #expect(rows[0].contains(stability.textZh) && !rows[0].contains("m.stability.1"))
          #expect(!rows[1].contains { $0.range(of: #"^\d{4}-\d\d-\d\dT"#, options: .regularExpression) != nil })
        } else {
          #expect(rows.contains { $0.first == "A" && $0.contains("80") })
        }
      }
    }
  }
}
