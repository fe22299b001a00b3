import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Accountability fixtures more than one suite uses (rule ARCH-TEST-FIXTURES): cases opened by a
/// verified complaint of the work-order loop (Tuesday 10 March 2026), and handlerA's March.
enum AccountabilityFixtures {
  typealias Loop = WorkOrderLoop

  /// A complaint filed, dispatched to county A and replied as verified with supply-side
  /// responsibility by handlerA; the people of accountability signed in.
  static func verified(_ app: Application) async throws -> (Loop, OrderBody) {
    var loop = try await Loop.make(app)
    try await loop.org.user(app, "leader", [.leader], loop.org.city)
    try await loop.org.user(app, "hr", [.hr], loop.org.city)
    try await loop.org.user(app, "leadA", [.lead], loop.org.countyA)
    try await loop.org.user(app, "leadB", [.lead], loop.org.countyB)
    for name in ["leader", "hr", "leadA", "leadB", "agentB"] { loop.tokens[name] = try await app.token(name) }
    let order = try await loop.file(then: [Loop.approve, loop.dispatchA, Loop.contact, Loop.reply])
    return (loop, order)
  }

  static func cases(_ loop: Loop, _ who: String, order: OrderBody? = nil) async throws -> [CaseBody] {
    let query = order.map { "?workOrderId=\($0.id)" } ?? ""
    let res = try await loop.app.api(.GET, Paths.apiAccountabilityCases.link() + query, token: loop.tokens[who])
    #expect(res.status == .ok, "\(res.body.string)")
    return try JSONDecoder().decode([CaseBody].self, from: Data(res.body.string.utf8))
  }

  static func act(_ loop: Loop, _ who: String, _ body: CaseBody, _ json: String) async throws -> TestingHTTPResponse {
    let full = json.replacingOccurrences(of: #"{"action""#, with: #"{"version":\#(body.version),"action""#)
    return try await loop.app.api(.POST, Paths.apiAccountabilityCaseActions.link(body.id), token: loop.tokens[who], json: full)
  }

  static func decode(_ res: TestingHTTPResponse) throws -> CaseBody {
    try JSONDecoder().decode(CaseBody.self, from: Data(res.body.string.utf8))
  }

  /// handlerA's March: a verified complaint (a case, cause work-quality error), an unsatisfied
  /// return visit, an inspection finding past its deadline, a reply stage past its deadline.
  static func march(_ app: Application) async throws -> (Loop, OrderBody, OrderBody) {
    let (loop, verified) = try await verified(app)
    let unsatisfied = try await loop.file(
      then: [
        Loop.approve, loop.dispatchA, Loop.contact,
        ("handlerA", #"{"action":"reply","summary":"非供电责任","verified":false,"supplyResponsibility":false}"#), Loop.approveReply,
        ("agent", #"{"action":"recordReturnVisit","satisfied":false,"note":"仍不满意"}"#),
      ])
    // A finding naming handlerA at station A, due 12 March.
    let inspector = try await loop.org.user(app, "inspector", [.inspector], loop.org.city)
    let inspectorActor = try #require(try await ActorLoader.load(userID: inspector.requireID(), on: app.db))
    let handler = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first())
    let items = try await ChecklistItemRow.query(on: app.db).filter(\.$active == true).sort(\.$position).all()
    var results: [UUID: String] = [:]
    var findings: [UUID: InspectionService.FindingInput] = [:]
    for (index, item) in items.enumerated() {
      let id = try item.requireID()
      results[id] = index == 0 ? "fail" : "pass"
      if index == 0 {
        findings[id] = .init(description: "柜台放有私人物品", deadline: "2026-03-12", responsibleUserID: try handler.requireID().uuidString)
      }
    }
    _ = try await InspectionService.record(
      .init(
        unitID: loop.org.stationA.savedID.uuidString, visitedOn: "2026-03-10", method: "unannounced", summary: "", results: results,
        findings: findings), rules: .standard, actor: inspectorActor, on: app.db, now: app.clock.now())
    // An order left without a reply: two weeks later the sweep finds its reply stage overdue.
    let open = try await loop.file(then: [Loop.approve, loop.dispatchA, Loop.contact])
    var moved = loop
    try await moved.moveClock(to: WorkOrderLoop.start.addingTimeInterval(14 * 86_400))
    _ = try await SLASweepJob().run(on: app, now: app.clock.now())
    _ = open
    return (moved, verified, unsatisfied)
  }
}
