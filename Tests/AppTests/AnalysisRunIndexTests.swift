import Analytics
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The run page's index interval (bootstrap) and index per group, and library errors shown in
/// the page's language.
@Suite("Analysis runs: CSI index interval, groups and translated errors")
struct AnalysisRunIndexTests {
  /// mobi.csv with a segment column (rows alternate A, B).
  static func mobiWithSegments() throws -> Data {
    let lines = String(decoding: try AnalysisFixtures.mobi, as: UTF8.self).split(whereSeparator: \.isNewline)
    let out = ["\(lines[0]),seg"] + lines.dropFirst().enumerated().map { "\($1),\($0 % 2 == 0 ? "A" : "B")" }
    return Data(out.joined(separator: "\n").utf8)
  }

  @Test("Upload with bootstrap and a group column: the page shows the index interval and the index per group")
  func intervalAndGroups() async throws {
    try await withApp { app in
      // Setup: an org, an analyst page and the ECSI model
      let org = try await Org.make(app)
      let client = try await AnalysisFixtures.analystPage(app, org)
      let model = StandardCSIModels.text(StandardCSIModels.ecsiUpload)
      // Act: upload mobi with a segment column and 20 resamples
      let res = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(),
        fields: [("model", model), ("target", "CUSA"), ("groupColumn", "seg"), ("bootstrap", "20")],
        file: ("mobi-seg.csv", try Self.mobiWithSegments()))
      // Check: the run holds groups A and B and the index interval; the page shows both
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
      let run = try #require(try await AnalysisRun.find(try AnalysisFixtures.runID(res), on: app.db))
      let outputs = try run.csi().outputs
      #expect(outputs.groups?.names == ["A", "B"])
      #expect(outputs.indexInterval?["CUSA"] != nil)
      #expect(run.settings.contains("\"groupColumn\":\"seg\""))
      let html = try await client.get(Paths.analysisRun.link(run.savedID)).body.string
      #expect(html.contains("id=\"groups\""))
      #expect(html.contains("分组指数（按“seg”）"))
      #expect(html.contains("指数 95% 区间"))
      let lower = try #require(outputs.indexInterval?["CUSA"]?.lower)
      #expect(html.contains("[\(DisplayFormat.score(lower)), "))
    }
  }

  @Test("Bad resamples and an unknown group column are 422s on their fields")
  func badFields() async throws {
    try await withApp { app in
      // Setup: an org, an analyst page and the ECSI model
      let org = try await Org.make(app)
      let client = try await AnalysisFixtures.analystPage(app, org)
      let model = StandardCSIModels.text(StandardCSIModels.ecsiUpload)
      // Act: upload with one resample, then with an unknown group column
      let badBootstrap = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", model), ("bootstrap", "1")], file: ("mobi.csv", try AnalysisFixtures.mobi))
      // Check: 422s on bootstrap and groupColumn, naming the missing column
      #expect(badBootstrap.status == .unprocessableEntity)
      #expect(badBootstrap.body.string.contains("id=\"error-bootstrap\""))
      let badGroup = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", model), ("groupColumn", "nope")],
        file: ("mobi.csv", try AnalysisFixtures.mobi))
      #expect(badGroup.status == .unprocessableEntity)
      #expect(badGroup.body.string.contains("id=\"error-groupColumn\""))
      #expect(badGroup.body.string.contains("分组列：数据文件“mobi.csv”中没有列“nope”"))
    }
  }

  @Test("A library error (constant indicator) is shown through a locale key, not the library's English text")
  func translatedLibraryError() async throws {
    try await withApp { app in
      // Setup: an org, an analyst page and mobi with a constant CUSCO column
      let org = try await Org.make(app)
      let client = try await AnalysisFixtures.analystPage(app, org)
      let model = StandardCSIModels.text(StandardCSIModels.ecsiUpload)
      // CUSCO (the 7th column) set to 5 on every row.
      let lines = String(decoding: try AnalysisFixtures.mobi, as: UTF8.self).split(whereSeparator: \.isNewline)
      let constant =
        [String(lines[0])]
        + lines.dropFirst().map { line -> String in
          var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
          fields[6] = "5"
          return fields.joined(separator: ",")
        }
      // Act: upload the constant data
      let res = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", model)], file: ("c.csv", Data(constant.joined(separator: "\n").utf8)))
      // Check: a 422 with the translated message, not the library's English
      #expect(res.status == .unprocessableEntity)
      let html = res.body.string
      #expect(html.contains("指标“CUSCO”为常数"), "\(html.prefix(3000))")
      #expect(!html.contains("is constant"))
      #expect(AnalyticsMessages.key(for: .cycleInPaths(constructs: ["A", "B", "A"])) == ("analysis.lib.cycle", ["A → B → A"]))
    }
  }
}
