import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Charts on pages carry their title as a visible caption, and the satisfaction report has its
/// charts.
@Suite("Charts on pages")
struct ChartPagesTests {
  @Test("The satisfaction report shows its module and concern charts, each titled on the page")
  func reportCharts() async throws {
    try await withApp { app in
      // Setup: a survey wave with four responses uploaded
      let desk = try await SurveyDesk.make(app)
      let wave = try await desk.smallWave()
      let ok = try await desk.upload(
        Paths.apiSurveyWaveResponses.link(wave), Data(SurveyDesk.results(rows: 4, code: 4).utf8), token: desk.office)
      #expect(ok.status == .created)
      // Act: open countyA's report as the office
      let office = PageClient(app)
      try await office.login("office")
      let html = try await office.get(Paths.surveyWaveReport.link(wave) + "?unitId=\(desk.org.countyA.savedID)").body.string
      // Check: both charts captioned, no empty unit chart, no fractional tick
      #expect(html.contains("<figure class=\"card chart\" id=\"report-module-chart\"><figcaption>八个服务模块满意度</figcaption><svg"))
      #expect(
        html.contains("<figure class=\"card chart\" id=\"report-problem-chart\"><figcaption>客户反映问题（按服务模块）</figcaption><svg"))
      // County A has no scored subordinate units: no empty unit chart.
      #expect(!html.contains("id=\"report-unit-chart\""))
      // The concern counts are whole numbers: no fractional tick on the chart's value axis.
      let problemChart = try #require(html.range(of: "id=\"report-problem-chart\"")).upperBound
      let svg = html[problemChart...]
      let end = try #require(svg.range(of: "</svg>")).upperBound
      #expect(!svg[..<end].contains(">0.5<"))
    }
  }

  @Test("Each chart of the scores page has its title as a visible caption")
  func scoresCaptions() async throws {
    try await withApp { app in
      // Setup: a survey wave with four responses uploaded
      let desk = try await SurveyDesk.make(app)
      let wave = try await desk.smallWave()
      _ = try await desk.upload(
        Paths.apiSurveyWaveResponses.link(wave), Data(SurveyDesk.results(rows: 4, code: 4).utf8), token: desk.office)
      // Act: open the wave's scores page as the office
      let office = PageClient(app)
      try await office.login("office")
      let html = try await office.get(Paths.surveyWaveScores.link(wave)).body.string
      // Check: each chart has its caption
      for title in ["八个服务模块满意度", "下级单位满意度与考核目标", "历年满意度"] {
        #expect(html.contains("<figcaption>\(title)</figcaption><svg"), "\(title)")
      }
    }
  }
}
