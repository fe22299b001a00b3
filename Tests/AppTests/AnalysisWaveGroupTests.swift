import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A wave run's index per unit or per customer segment, and its bootstrap interval.
@Suite("Analysis runs: a wave's index per unit and per segment")
struct AnalysisWaveGroupTests {
  @Test("Grouped by unit: one row per unit with its response count; the overall index is the weight-mixture of the groups'")
  func byUnit() async throws {
    try await AnalysisFixtures.withTwoUnitWave { app, desk, waveID, client in
      // Setup: a wave with 60 and 40 responses in two counties, an analyst page
      // Act: run the wave grouped by unit with 50 resamples
      let res = try await client.post(Paths.analysisWave.link(), [("waveId", waveID), ("groupBy", "unit"), ("bootstrap", "50")])
      // Check: one group per county with its count, overall index the weighted mix, an interval
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
      let (outputs, settings) = try await AnalysisFixtures.saved(app, res)
      let a = desk.org.countyA.name, b = desk.org.countyB.name
      #expect(outputs.groupColumn == "unit" && settings.groupBy == .unit)
      #expect(Set(outputs.groups?.names ?? []) == [a, b])
      #expect(outputs.groups?[a]?.n == 60 && outputs.groups?[b]?.n == 40)
      // Weights alternate 1, 2 within each unit: county A weighs 90, county B 60.
      for construct in ["satisfaction", "loyalty"] {
        let overall = try #require(outputs.index[construct])
        let ia = try #require(outputs.groups?[a]?.index[construct] ?? nil)
        let ib = try #require(outputs.groups?[b]?.index[construct] ?? nil)
        #expect(abs(overall - (90 * ia + 60 * ib) / 150) < 1e-9)
        #expect(ia != ib)
      }
      let interval = try #require(outputs.indexInterval?["satisfaction"])
      let index = try #require(outputs.index["satisfaction"])
      #expect(interval.lower <= index && index <= interval.upper)

      // Act: open the run page
      let page = try await client.get(Paths.analysisRun.link(try AnalysisFixtures.runID(res)))
      // Check: a row per unit with its response count
      #expect(page.status == .ok)
      #expect(page.body.string.contains("分组指数（按“供电单位”）"))
      #expect(page.body.string.contains("<td>\(a)</td><td>60</td>") && page.body.string.contains("<td>\(b)</td><td>40</td>"))
    }
  }

  @Test("Grouped by segment: the page names the segments in the analyst's language; the API takes groupBy and bootstrap")
  func bySegment() async throws {
    try await AnalysisFixtures.withTwoUnitWave { app, desk, waveID, client in
      // Setup: a wave with responses in two counties, an analyst page
      // Act: run the wave grouped by segment
      let res = try await client.post(Paths.analysisWave.link(), [("waveId", waveID), ("groupBy", "segment")])
      // Check: residential and commercial groups, no interval, named in Chinese on the page
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
      let (outputs, _) = try await AnalysisFixtures.saved(app, res)
      #expect(Set(outputs.groups?.names ?? []) == ["residential", "commercial"])
      #expect(outputs.indexInterval == nil)
      let page = try await client.get(Paths.analysisRun.link(try AnalysisFixtures.runID(res)))
      #expect(page.body.string.contains("<td>居民</td><td>60</td>") && page.body.string.contains("<td>商业</td><td>40</td>"))

      // Act: post the run through the API with groupBy and bootstrap
      let token = try await app.token("analyst1")
      let created = try await app.api(
        .POST, Paths.apiAnalysisRuns.link(), token: token, json: #"{"kind":"csi","waveId":"\#(waveID)","groupBy":"segment","bootstrap":20}"#
      )
      // Check: created with groups and an index interval
      #expect(created.status == .created, "\(created.body.string)")
      #expect(created.body.string.contains("\"groups\":{") && created.body.string.contains("\"indexInterval\":{"))
    }
  }

  @Test("An unknown grouping or bad resamples are 422s on their wave-form fields, and nothing is saved")
  func badWaveFields() async throws {
    try await AnalysisFixtures.withTwoUnitWave { app, desk, waveID, client in
      // Setup: a wave with responses in two counties, an analyst page
      // Act: post an unknown grouping, then one resample
      let badGroup = try await client.post(Paths.analysisWave.link(), [("waveId", waveID), ("groupBy", "district")])
      // Check: 422s on the wave form's own fields
      #expect(badGroup.status == .unprocessableEntity && badGroup.body.string.contains("id=\"error-groupBy\""))
      let badBootstrap = try await client.post(Paths.analysisWave.link(), [("waveId", waveID), ("bootstrap", "1")])
      #expect(badBootstrap.status == .unprocessableEntity && badBootstrap.body.string.contains("id=\"error-wave-bootstrap\""))
      #expect(!badBootstrap.body.string.contains("id=\"error-bootstrap\""), "the upload form's field is not marked")
      // Act: post the unknown grouping through the API
      let token = try await app.token("analyst1")
      let api = try await app.api(
        .POST, Paths.apiAnalysisRuns.link(), token: token, json: #"{"kind":"csi","waveId":"\#(waveID)","groupBy":"district"}"#)
      // Check: a 422 on groupBy, nothing saved
      #expect(api.status == .unprocessableEntity && api.apiError?.field == "groupBy")
      #expect(try await AnalysisRun.query(on: app.db).count() == 0)
    }
  }
}
