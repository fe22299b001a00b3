import Analytics
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Saved CSI runs (AN-RUN-RECORD): from an uploaded CSV or a wave's responses, shown as
/// pages with the path diagram, the quality table against thresholds and the IPMA map.
@Suite("Analysis runs: CSI")
struct AnalysisRunTests {

  @Test("An uploaded CSV with the prefilled ECSI model is saved with its hash, version and the CLI's JSON")
  func uploadRun() async throws {
    try await withApp { app in
      // Setup: an org and an analyst on the upload form with the ECSI model
      let org = try await Org.make(app)
      let client = try await AnalysisFixtures.analystPage(app, org)
      #expect(client.lastBody.contains("CUSCO"), "the ECSI model is prefilled")
      // Act: upload mobi.csv with the ECSI model and target CUSA
      let data = try AnalysisFixtures.mobi
      let model = StandardCSIModels.text(StandardCSIModels.ecsiUpload)
      let res = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("title", "ECSI 手机数据"), ("model", model), ("target", "CUSA")],
        file: ("mobi.csv", data))
      // Check: saved with title, hash, version and author
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
      let run = try #require(try await AnalysisRun.find(try AnalysisFixtures.runID(res), on: app.db))
      #expect(run.kind == .csi && run.title == "ECSI 手机数据" && run.inputDescription == "mobi.csv")
      #expect(run.inputHash == AnalysisRunService.sha256(data) && run.inputHash.count == 64)
      #expect(run.softwareVersion == WanjiaVersion.current && run.createdBy == "analyst1 姓名")
      // The outputs are what `wanjia analyze csi --json` prints for the same file and model.
      // Check: the outputs equal the CLI's JSON for the same file and model, audited
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wanjia-run-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try model.write(to: dir.appendingPathComponent("model.json"), atomically: true, encoding: .utf8)
      var options = CSIOptions(
        dataPath: AnalysisFixtures.analyticsFixtures.appendingPathComponent("mobi.csv").path,
        modelPath: dir.appendingPathComponent("model.json").path)
      options.target = "CUSA"
      #expect(run.outputs == (try AnalysisJSON.text(CSIOutputs(CSIAnalysis.run(options)))))
      let audit = try await AuditRecord.query(on: app.db).filter(\.$entity == .analysisRun).all()
      #expect(audit.count == 1 && audit.first?.entityID == run.id?.uuidString)

      // The run page: facts, the SVG path diagram, thresholds marked, IPMA with quadrants.
      // Act: open the run page and the list
      let page = try await client.get(Paths.analysisRun.link(run.savedID))
      // Check: the diagram, thresholds, IPMA and a failing CUEX3; the list links the run
      #expect(page.status == .ok)
      let html = page.body.string
      for fragment in [
        run.inputHash, WanjiaVersion.current, "chart-path", "class=\"path-arrow\"", "R² = ", "chart-scatter", "重点改进区",
        "class=\"pass\"", "HTMT &lt; 0.85", "AVE ≥ 0.5", "ρc ≥ 0.7",
      ] {
        #expect(html.contains(fragment), "missing \(fragment)")
      }
      // mobi's CUEX3 loads below 0.7: it is marked as failing.
      let cuex3 = try #require(html.range(of: "<td>CUEX3</td>"))
      #expect(html[cuex3.upperBound...].prefix(200).contains("class=\"fail\""))
      let list = try await client.get(Paths.analysis.link())
      #expect(list.body.string.contains(Paths.analysisRun.link(run.savedID)))
    }
  }

  @Test("Upload problems are a 422 naming the field, with what was typed kept")
  func uploadProblems() async throws {
    try await withApp { app in
      // Setup: an org, an analyst page, the ECSI model and mobi with PERV2 renamed
      let org = try await Org.make(app)
      let client = try await AnalysisFixtures.analystPage(app, org)
      let model = StandardCSIModels.text(StandardCSIModels.ecsiUpload)
      let csv = String(decoding: try AnalysisFixtures.mobi, as: UTF8.self).replacingOccurrences(of: "PERV2", with: "PRICE")
      // Act: upload data missing a model column
      let unknown = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", model)], file: ("bad.csv", Data(csv.utf8)))
      // Check: a 422 on file naming the column in Chinese, the model kept
      #expect(unknown.status == .unprocessableEntity)
      #expect(unknown.body.string.contains("id=\"error-file\""))
      #expect(unknown.body.string.contains("PERV2"))
      // The cause is told in the analyst's language, not in the command line's English.
      #expect(unknown.body.string.contains("数据文件“bad.csv”中没有列“PERV2”"))
      #expect(!unknown.body.string.contains("is not in the data set"))
      #expect(unknown.body.string.contains("CUSCO"), "the model text is shown again")

      // Act: upload a broken model, a bad target and scale, and no file
      let badModel = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", "{\"constructs\": [")], file: ("mobi.csv", try AnalysisFixtures.mobi))
      // Check: 422s on model, scale and file, nothing saved
      #expect(badModel.status == .unprocessableEntity)
      #expect(badModel.body.string.contains("id=\"error-model\""))
      #expect(badModel.body.string.contains("JSON 格式有误"))

      let badTarget = try await AnalysisFixtures.upload(
        client, Paths.analysisUpload.link(), fields: [("model", model), ("target", "NOPE"), ("scale", "10:1")],
        file: ("mobi.csv", try AnalysisFixtures.mobi))
      #expect(badTarget.status == .unprocessableEntity)
      #expect(badTarget.body.string.contains("id=\"error-scale\""))

      let noFile = try await AnalysisFixtures.upload(client, Paths.analysisUpload.link(), fields: [("model", model)], file: nil)
      #expect(noFile.status == .unprocessableEntity)
      #expect(noFile.body.string.contains("id=\"error-file\""))
      #expect(try await AnalysisRun.query(on: app.db).count() == 0)
    }
  }

  @Test("A wave's phone responses give the ACSI model with case weights; kiosk taps are left out")
  func waveRun() async throws {
    try await withApp { app in
      // Setup: a sampled wave with 120 phone and 15 kiosk responses, an analyst page
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 30)])).status == .created)
      let waveID = try await desk.sampledWave(code: "CSI2026", count: 10)
      try await AnalysisFixtures.recordResponses(app, waveID: waveID, unit: desk.org.countyA, phone: 120, kiosk: 15)
      let client = try await AnalysisFixtures.analystPage(app, desk.org)
      // Act: run the CSI analysis on the wave
      let res = try await client.post(Paths.analysisWave.link(), [("waveId", waveID), ("title", "")])
      // Check: the ACSI model over 120 phone responses with case weights
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
      let run = try #require(try await AnalysisRun.find(try AnalysisFixtures.runID(res), on: app.db))
      #expect(run.inputDescription == "CSI2026" && run.title.contains("CSI2026"))
      let (settings, outputs) = try run.csi()
      #expect(outputs.rows.input == 120)
      #expect(outputs.ipmaTarget == "satisfaction")
      #expect(Set(outputs.paths["image"]?.names ?? []) == ["expectation", "satisfaction", "loyalty"])
      #expect(inOrder(run.outputs, [#""paths":{"image":{"expectation":"#, #""satisfaction":"#, #""loyalty":"#]), "in model order")
      #expect(outputs.paths["complaint"]?["loyalty"] != nil)
      #expect(settings.responses == 120 && settings.waveCode == "CSI2026" && settings.source == .wave)
      // Quality perceived strongly drives satisfaction in the generated data.
      #expect((outputs.paths["perceivedQuality"]?["satisfaction"] ?? 0) > 0.2)
      let matrix = try await CSIItemMatrix.load(
        waveID: try #require(UUID(uuidString: waveID)), units: try await OrgUnit.query(on: app.db).all().compactMap(\.id), on: app.db)
      #expect(matrix.items.count == 14 && Set(matrix.weights) == [1, 2])
      #expect(run.inputHash == AnalysisRunService.sha256(Data(matrix.csv.utf8)))

      // Act: open the run page
      let page = try await client.get(Paths.analysisRun.link(run.savedID))
      // Check: the page shows satisfaction and the path diagram
      #expect(page.status == .ok)
      #expect(page.body.string.contains("客户满意") && page.body.string.contains("chart-path"))

      // The API starts the same run and reads it back.
      // Act: start the same run through the API and list the runs
      let token = try await app.token("analyst1")
      let created = try await app.api(.POST, Paths.apiAnalysisRuns.link(), token: token, json: #"{"kind":"csi","waveId":"\#(waveID)"}"#)
      // Check: created with outputs, two CSI runs listed
      #expect(created.status == .created, "\(created.body.string)")
      #expect(created.body.string.contains("\"outputs\":{"))
      let listed = try await app.api(.GET, Paths.apiAnalysisRuns.link(), token: token)
      #expect(listed.status == .ok && listed.body.string.components(separatedBy: "\"kind\":\"csi\"").count == 3)
    }
  }

  @Test("An unknown wave or one with too few responses is a 422 on waveId")
  func waveProblems() async throws {
    try await withApp { app in
      // Setup: a sampled wave without responses and an analyst page
      let desk = try await SurveyDesk.make(app)
      #expect(try await desk.importRoster(SurveyDesk.roster([(.residential, 30)])).status == .created)
      let waveID = try await desk.sampledWave(code: "CSI2026", count: 10)
      let client = try await AnalysisFixtures.analystPage(app, desk.org)
      // Act: run an unknown wave, then the wave without responses
      let unknown = try await client.post(Paths.analysisWave.link(), [("waveId", UUID().uuidString)])
      // Check: 422s on waveId, naming the wave
      #expect(unknown.status == .unprocessableEntity)
      #expect(unknown.body.string.contains("id=\"error-waveId\""))
      let empty = try await client.post(Paths.analysisWave.link(), [("waveId", waveID)])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.body.string.contains("CSI2026"))
      // Act: post a bad wave id, no wave and an unknown kind through the API
      let token = try await app.token("analyst1")
      for body in [#"{"kind":"csi","waveId":"nope"}"#, #"{"kind":"csi"}"#] {
        let res = try await app.api(.POST, Paths.apiAnalysisRuns.link(), token: token, json: body)
        // Check: 422s on waveId and kind
        #expect(res.status == .unprocessableEntity && res.apiError?.field == "waveId", "\(res.body.string)")
      }
      let kind = try await app.api(.POST, Paths.apiAnalysisRuns.link(), token: token, json: #"{"kind":"pls"}"#)
      #expect(kind.status == .unprocessableEntity && kind.apiError?.field == "kind")
    }
  }

  @Test("Only analysts and administrators see runs; others get 403 and no nav entry")
  func roles() async throws {
    try await withApp { app in
      // Setup: an org
      let org = try await Org.make(app)
      // Act: open the analysis pages and API as a handler and an agent
      let handler = PageClient(app)
      try await handler.login("handlerA")
      try await handler.get("/")
      // Check: no nav entry, 403 everywhere
      #expect(!handler.lastBody.contains("href=\"/analysis\""))
      for path in [Paths.analysis.link(), Paths.analysisAHP.link(), Paths.analysisRun.link(UUID())] {
        #expect(try await handler.get(path).status == .forbidden, "\(path)")
      }
      #expect(try await handler.post(Paths.analysisAHP.link(), [("criteria", "A\nB"), ("size", "2"), ("a_0_1", "3")]).status == .forbidden)
      let agent = try await app.token("agentB")
      #expect(try await app.api(.GET, Paths.apiAnalysisRuns.link(), token: agent).status == .forbidden)
      #expect(
        try await app.api(
          .POST, Paths.apiAnalysisRuns.link(), token: agent, json: #"{"kind":"ahp","criteria":["a","b"],"matrix":[[1,2],[0.5,1]]}"#
        )
        .status == .forbidden)
      // Act: open the pages as admin and as an analyst
      let admin = PageClient(app)
      try await admin.login("admin")
      try await admin.get("/")
      // Check: both see the nav entry; an unknown run is 404
      #expect(admin.lastBody.contains("href=\"/analysis\""))
      #expect(try await admin.get(Paths.analysis.link()).status == .ok)
      let analyst = try await AnalysisFixtures.analystPage(app, org)
      #expect(analyst.lastBody.contains("href=\"/analysis\""))
      #expect(try await analyst.get(Paths.analysisRun.link(UUID())).status == .notFound)
    }
  }
}
