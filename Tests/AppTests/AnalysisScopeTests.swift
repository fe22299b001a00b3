import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// AN-RUN-SCOPE: analysis runs stay in scope. A run reads only the caller's unit subtree and
/// is shown only to people whose subtree holds the run's scope unit.
@Suite("Analysis runs: unit scope")
struct AnalysisScopeTests {
  struct Summary: Decodable {
    let id: UUID
    let scopeUnitId: UUID
  }

  static func analyst(_ app: Application, _ org: Org, _ name: String, _ unit: OrgUnit) async throws -> PageClient {
    try await org.user(app, name, [.analyst], unit)
    let client = PageClient(app)
    try await client.login(name)
    try await client.get(Paths.analysis.link())
    return client
  }

  @Test("Rule AN-RUN-SCOPE: a county analyst's wave run reads only the county's responses; the city analyst's reads both counties")
  func waveRunReadsOwnSubtree() async throws {
    try await AnalysisFixtures.withTwoUnitWave { app, desk, waveID, city in
      // Setup: a wave with responses in two counties, and a county analyst
      let county = try await Self.analyst(app, desk.org, "analystA", desk.org.countyA)
      // Act: run the wave by unit as the county analyst
      let res = try await county.post(Paths.analysisWave.link(), [("waveId", waveID), ("groupBy", "unit")])
      // Check: 60 responses, countyA's index only, scoped to countyA
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))")
      let (outputs, settings) = try await AnalysisFixtures.saved(app, res)
      #expect(settings.responses == 60)
      #expect(outputs.groups?.names == [desk.org.countyA.name], "no other county's index")
      let run = try #require(try await AnalysisRun.find(try AnalysisFixtures.runID(res), on: app.db))
      #expect(run.$scopeUnit.id == desk.org.countyA.id)

      // Act: run it as the city analyst
      let wide = try await city.post(Paths.analysisWave.link(), [("waveId", waveID), ("groupBy", "unit")])
      let (wideOutputs, wideSettings) = try await AnalysisFixtures.saved(app, wide)
      // Check: 100 responses with both counties
      #expect(wideSettings.responses == 100)
      #expect(Set(wideOutputs.groups?.names ?? []) == [desk.org.countyA.name, desk.org.countyB.name])

      // County B's 40 responses are more than the minimum, but the API run of B's analyst sees those only.
      // Act: run it through the API as countyB's analyst
      try await desk.org.user(app, "analystB", [.analyst], desk.org.countyB)
      let tokenB = try await app.token("analystB")
      let created = try await app.api(
        .POST, Paths.apiAnalysisRuns.link(), token: tokenB, json: #"{"kind":"csi","waveId":"\#(waveID)","groupBy":"unit"}"#)
      // Check: 40 responses and no countyA
      #expect(created.status == .created, "\(created.body.string.prefix(1000))")
      #expect(created.body.string.contains(#""responses":40"#) && !created.body.string.contains(desk.org.countyA.name))
    }
  }

  @Test(
    "Rule AN-RUN-SCOPE: runs are listed and shown by scope: the county sees its own, the city sees every county's, the other county none")
  func listedByScope() async throws {
    try await withApp { app in
      // Setup: three analysts in countyA, countyB and the city, each with a saved AHP run
      let org = try await Org.make(app)
      var clients: [String: PageClient] = [:]
      var runs: [String: UUID] = [:]
      for (name, unit) in [("analystA", org.countyA), ("analystB", org.countyB), ("analystC", org.city)] {
        let client = try await Self.analyst(app, org, name, unit)
        let res = try await client.post(
          Paths.analysisAHP.link(), [("title", "\(name) 权重"), ("criteria", "甲\n乙"), ("size", "2"), ("a_0_1", "3"), ("intent", "save")])
        #expect(res.status == .seeOther, "\(res.body.string.prefix(1000))")
        runs[name] = try AnalysisFixtures.runID(res)
        clients[name] = client
      }
      let visible: [String: Set<String>] = [
        "analystA": ["analystA"], "analystB": ["analystB"], "analystC": ["analystA", "analystB", "analystC"],
      ]
      for (viewer, expected) in visible {
        // Act: list and open every run as the viewer
        let token = try await app.token(viewer)
        let list = try await app.api(.GET, Paths.apiAnalysisRuns.link(), token: token)
        let ids = Set(try JSONDecoder().decode([Summary].self, from: Data(list.body.string.utf8)).map(\.id))
        // Check: each sees only the runs in their subtree; others are forbidden
        #expect(ids == Set(expected.compactMap { runs[$0] }), "\(viewer) lists \(ids)")
        let listPage = try await #require(clients[viewer]).get(Paths.analysis.link())
        for (owner, id) in runs {
          let shown = expected.contains(owner)
          #expect(listPage.body.string.contains(Paths.analysisRun.link(id)) == shown, "\(viewer) list page, \(owner)'s run")
          let api = try await app.api(.GET, Paths.apiAnalysisRun.link(id), token: token)
          #expect(api.status == (shown ? .ok : .forbidden), "\(viewer) reads \(owner)'s run: \(api.status)")
          let runPage = try await #require(clients[viewer]).get(Paths.analysisRun.link(id))
          #expect(runPage.status == (shown ? .ok : .forbidden), "\(viewer) opens \(owner)'s run page: \(runPage.status)")
        }
      }
      // The run page names its scope; the API names it by id.
      // Act: open countyA's run as the city analyst, list all as admin
      let page = try await #require(clients["analystC"]).get(Paths.analysisRun.link(try #require(runs["analystA"])))
      // Check: the page names countyA; admin sees three runs with their scope units
      #expect(page.body.string.contains(org.countyA.name))
      let admin = try await app.token("admin")
      let all = try await app.api(.GET, Paths.apiAnalysisRuns.link(), token: admin)
      let summaries = try JSONDecoder().decode([Summary].self, from: Data(all.body.string.utf8))
      #expect(summaries.count == 3)
      #expect(Set(summaries.map(\.scopeUnitId)) == Set([org.countyA.id, org.countyB.id, org.city.id].compactMap { $0 }))
    }
  }
}
