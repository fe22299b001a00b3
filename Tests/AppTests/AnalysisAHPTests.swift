import Analytics
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// AHP judgment entry: weights and consistency on the page and through the API, the judgment
/// to revisit when CR ≥ 0.1, and every bad input a 422 naming its field.
@Suite("Analysis runs: AHP")
struct AnalysisAHPTests {
  /// A over B 3, B over C 3, but A over C 1/5 (consistency needs about 9): clearly inconsistent.
  static let inconsistent: [(String, String)] = [
    ("criteria", "抢修\n缴费\n营业厅"), ("size", "3"), ("a_0_1", "3"), ("a_1_2", "3"), ("a_0_2", "1/5"),
  ]

  static func analyst(_ app: Application) async throws -> PageClient {
    let org = try await Org.make(app)
    try await org.user(app, "analyst1", [.analyst], org.city)
    let client = PageClient(app)
    try await client.login("analyst1")
    let form = try await client.get(Paths.analysisAHP.link())
    #expect(form.status == .ok)
    return client
  }

  @Test("The form starts with the eight service modules and carries what the live script needs")
  func form() async throws {
    try await withApp { app in
      // Setup: an analyst logged in on the AHP form
      let client = try await Self.analyst(app)
      // Act: read the form
      let html = client.lastBody
      // Check: the eight modules, the upper triangle and the script's data
      #expect(html.contains("供电稳定") && html.contains("问题处理"))
      #expect(html.contains("name=\"a_0_7\"") && !html.contains("name=\"a_7_0\""))
      #expect(html.contains("data-ri=\"0.0,0.0,0.58,") && html.contains("/js/ahp.js"))
    }
  }

  @Test("An inconsistent matrix shows CR ≥ 0.1 and names the judgment to revisit; saving stores the run")
  func inconsistent() async throws {
    try await withApp { app in
      // Setup: an analyst on the form and the expected analysis of the matrix
      let client = try await Self.analyst(app)
      let expected = AHP.analyze(try PairwiseComparisonMatrix(upperTriangle: [[3, 1.0 / 5], [3]]))
      let worst = try #require(expected.mostInconsistentJudgment)
      #expect(!expected.isConsistent)
      let names = ["抢修", "缴费", "营业厅"]
      // Act: check an inconsistent matrix on the page
      let checked = try await client.post(Paths.analysisAHP.link(), Self.inconsistent + [("intent", "check")])
      // Check: CR shown and the worst judgment named, nothing saved
      #expect(checked.status == .ok)
      let html = checked.body.string
      #expect(html.contains("id=\"ahp-revisit\""))
      #expect(html.contains("“\(names[worst.row])”对“\(names[worst.column])”"))
      #expect(html.contains(String(format: "%.4f", expected.consistencyRatio)))
      #expect(html.contains("class=\"revisit\""))
      #expect(try await AnalysisRun.query(on: app.db).count() == 0, "computing does not save")

      // Act: save the run
      let saved = try await client.post(Paths.analysisAHP.link(), Self.inconsistent + [("intent", "save"), ("title", "三项权重")])
      // Check: stored as AHP with title and version, the run page names the judgment
      #expect(saved.status == .seeOther)
      let run = try #require(try await AnalysisRun.query(on: app.db).first())
      #expect(run.kind == .ahp && run.title == "三项权重" && run.softwareVersion == WanjiaVersion.current)
      let outputs = try run.ahp().outputs
      #expect(!outputs.consistent)
      #expect(outputs.revisit?.row == names[worst.row])
      let page = try await client.get(Paths.analysisRun.link(run.savedID))
      #expect(page.status == .ok && page.body.string.contains("id=\"ahp-revisit\""))
    }
  }

  @Test("A consistent matrix through the API: weights, CR and no judgment to revisit")
  func consistentAPI() async throws {
    try await withApp { app in
      // Setup: an analyst and their token
      _ = try await Self.analyst(app)
      let token = try await app.token("analyst1")
      // Act: post a consistent matrix with fractions as strings
      let res = try await app.api(
        .POST, Paths.apiAnalysisRuns.link(), token: token,
        json: #"{"kind":"ahp","title":"t","criteria":["a","b","c"],"matrix":[[1,2,4],["1/2",1,2],[0.25,"1/2",1]]}"#)
      // Check: created, consistent, weight a = 4/7, read back with its input hash
      #expect(res.status == .created, "\(res.body.string)")
      #expect(res.body.string.contains("\"consistent\":true") && !res.body.string.contains("revisit"))
      let run = try #require(try await AnalysisRun.query(on: app.db).first())
      let outputs = try run.ahp().outputs
      #expect(abs((outputs.weights["a"] ?? 0) - 4.0 / 7) < 1e-9)
      let one = try await app.api(.GET, Paths.apiAnalysisRun.link(run.savedID), token: token)
      #expect(one.status == .ok && one.body.string.contains("\"inputHash\":\"\(run.inputHash)\""))
    }
  }

  @Test("Bad judgments and criteria are a 422 naming the field, never a 500")
  func badInput() async throws {
    try await withApp { app in
      // Setup: an analyst on the form and a helper posting changed fields
      let client = try await Self.analyst(app)
      func post(_ changes: [(String, String)]) async throws -> PageResponse {
        var fields = Dictionary(uniqueKeysWithValues: Self.inconsistent)
        for (k, v) in changes { fields[k] = v }
        return try await client.post(Paths.analysisAHP.link(), fields.map { ($0.key, $0.value) } + [("intent", "check")])
      }
      // Act: post a zero judgment
      let zero = try await post([("a_0_1", "0")])
      // Check: a 422 marking the pair
      #expect(zero.status == .unprocessableEntity && zero.body.string.contains("aria-invalid"))
      #expect(zero.body.string.contains("抢修 : 缴费"))
      // Check: words, 12, 1/0, sixteen or repeated criteria are 422s
      #expect(try await post([("a_1_2", "abc")]).status == .unprocessableEntity)
      #expect(try await post([("a_1_2", "12")]).status == .unprocessableEntity)
      #expect(try await post([("a_1_2", "1/0")]).status == .unprocessableEntity)
      let many = try await post([("criteria", (1...16).map { "c\($0)" }.joined(separator: "\n"))])
      #expect(many.status == .unprocessableEntity && many.body.string.contains("id=\"error-criteria\""))
      #expect(try await post([("criteria", "a\na\nb")]).status == .unprocessableEntity)
      // Adding a criterion first shows the new grid instead of computing from the old one.
      // Act: add a criterion
      let grown = try await post([("criteria", "抢修\n缴费\n营业厅\n热线")])
      // Check: the new grid keeps the old judgments
      #expect(grown.status == .ok && grown.body.string.contains("name=\"a_2_3\"") && grown.body.string.contains("value=\"1/5\""))

      // Act: post bad matrices and criteria through the API
      let token = try await app.token("analyst1")
      let cases: [(String, String)] = [
        (#"{"kind":"ahp","criteria":["a","b","c"],"matrix":[[1,3,5],[0.5,1,2],[0.2,0.5,1]]}"#, "matrix[1][0]"),
        (#"{"kind":"ahp","criteria":["a","b"],"matrix":[[1,0],[0,1]]}"#, "matrix[0][1]"),
        (#"{"kind":"ahp","criteria":["a","b"],"matrix":[[1,2],[0.5,1],[1,1]]}"#, "matrix"),
        (#"{"kind":"ahp","criteria":["a","b"],"matrix":[[2,2],[0.5,1]]}"#, "matrix[0][0]"),
        (#"{"kind":"ahp","criteria":["a","b"]}"#, "matrix"),
        (#"{"kind":"ahp","criteria":["a"],"matrix":[[1]]}"#, "criteria"),
        (
          #"{"kind":"ahp","criteria":[\#((1...16).map { "\"c\($0)\"" }.joined(separator: ","))],"matrix":[]}"#,
          "criteria"
        ),
        (#"{"kind":"ahp","criteria":["a","b"],"matrix":[[1,true],[1,1]]}"#, "matrix[0][1]"),
      ]
      for (body, field) in cases {
        let res = try await app.api(.POST, Paths.apiAnalysisRuns.link(), token: token, json: body)
        // Check: each is a 422 naming the field, nothing saved
        #expect(res.status == .unprocessableEntity, "\(body): \(res.body.string)")
        #expect(res.apiError?.field == field, "\(body): \(res.body.string)")
      }
      #expect(try await AnalysisRun.query(on: app.db).count() == 0)
    }
  }
}
