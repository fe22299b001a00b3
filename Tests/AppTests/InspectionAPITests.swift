import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// `/api/v1/inspections`: findings and visits scoped like the pages (INSP-ROLES).
@Suite("Inspections API")
struct InspectionAPITests {
  struct FindingBody: Decodable {
    let id: UUID
    let state: String
    let overdue: Bool
    let unitId: UUID
    let responsibleUserId: UUID?
  }
  struct VisitBody: Decodable {
    let id: UUID
    let visitedOn: String
    let findings: [UUID]
  }

  @Test("Rule INSP-ROLES, INSP-FINDING: findings and visits through the API, each reader within their subtree")
  func scopedLists() async throws {
    try await withApp { app in
      // Setup: March's inspection with an overdue finding at stationA
      let (loop, _, _) = try await AccountabilityFixtures.march(app)
      let inspector = try await app.token("inspector")
      // Act: list findings as the inspector, by state and unit, and one as handlerA
      var res = try await app.api(.GET, Paths.apiInspectionFindings.link(), token: inspector)
      // Check: one open overdue finding at stationA, filtered as asked
      #expect(res.status == .ok, "\(res.body.string)")
      let all = try JSONDecoder().decode([FindingBody].self, from: Data(res.body.string.utf8))
      #expect(all.count == 1)
      let finding = try #require(all.first)
      #expect(finding.state == "open" && finding.overdue && finding.unitId == loop.org.stationA.id)
      res = try await app.api(
        .GET, Paths.apiInspectionFindings.link() + "?state=overdue&unitId=\(loop.org.stationA.savedID)", token: inspector)
      #expect(try JSONDecoder().decode([FindingBody].self, from: Data(res.body.string.utf8)).count == 1)
      res = try await app.api(.GET, Paths.apiInspectionFindings.link() + "?state=closed", token: inspector)
      #expect(try JSONDecoder().decode([FindingBody].self, from: Data(res.body.string.utf8)).isEmpty)
      res = try await app.api(.GET, Paths.apiInspectionFinding.link(finding.id), token: loop.tokens["handlerA"])
      #expect(res.status == .ok)
      // Act: read the findings as handlerB
      // County B sees none of county A's findings, and not the one by id.
      res = try await app.api(.GET, Paths.apiInspectionFindings.link(), token: loop.tokens["handlerB"])
      // Check: none listed, not found by id, the unit refused
      #expect(try JSONDecoder().decode([FindingBody].self, from: Data(res.body.string.utf8)).isEmpty)
      res = try await app.api(.GET, Paths.apiInspectionFinding.link(finding.id), token: loop.tokens["handlerB"])
      #expect(res.status == .notFound)
      res = try await app.api(
        .GET, Paths.apiInspectionFindings.link() + "?unitId=\(loop.org.stationA.savedID)", token: loop.tokens["handlerB"])
      #expect(res.status == .forbidden || res.status == .notFound)
      // Act: read as HR and with bad values; list the visits by month
      // Roles that do not read inspections are refused; bad values name the parameter.
      res = try await app.api(.GET, Paths.apiInspectionFindings.link(), token: loop.tokens["hr"])
      // Check: HR forbidden, bad values named; one visit in March, none in February or for handlerB
      #expect(res.status == .forbidden)
      res = try await app.api(.GET, Paths.apiInspectionFindings.link() + "?state=lost", token: inspector)
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "state")
      res = try await app.api(.GET, Paths.apiInspectionVisits.link() + "?month=2026-03", token: inspector)
      let visits = try JSONDecoder().decode([VisitBody].self, from: Data(res.body.string.utf8))
      #expect(visits.count == 1 && visits.first?.visitedOn == "2026-03-10" && visits.first?.findings == [finding.id])
      res = try await app.api(.GET, Paths.apiInspectionVisits.link() + "?month=2026-02", token: inspector)
      #expect(try JSONDecoder().decode([VisitBody].self, from: Data(res.body.string.utf8)).isEmpty)
      res = try await app.api(.GET, Paths.apiInspectionVisits.link() + "?month=2026-3", token: inspector)
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "month")
      res = try await app.api(.GET, Paths.apiInspectionVisits.link() + "?month=2026-03", token: loop.tokens["handlerB"])
      #expect(try JSONDecoder().decode([VisitBody].self, from: Data(res.body.string.utf8)).isEmpty)
    }
  }
}
