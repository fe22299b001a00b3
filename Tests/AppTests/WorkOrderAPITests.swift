import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The 95598 loop through the API (WO-STATES, WO-PERMISSIONS, WO-EXCHANGE), on a fixed clock:
/// Tuesday 10 March 2026, 09:00 Beijing time.
@Suite("Work orders through the API")
struct WorkOrderAPITests {
  @Test(
    "Rule WO-STATES, WO-PERMISSIONS: a complaint goes accept → lead review → dispatch → contact → reply → review → return visit → closed")
  func wholeLoop() async throws {
    try await withApp { app in
      // Setup: the work-order loop
      let loop = try await WorkOrderLoop.make(app)
      // Act: file a complaint as the agent
      let created = try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint())
      // Check: awaiting lead review, numbered by day, dispatch due in an hour, nothing for the agent
      #expect(created.status == .created, "\(created.body.string)")
      var order = try loop.decode(created)
      #expect(order.state == "pendingIntakeReview")
      #expect(order.number.hasPrefix("GD20260310-"))
      // Dispatch within 1 hour of acceptance (WO-CLOCK-DISPATCH).
      let dispatchClock = try #require(order.clocks.first { $0.stage == "dispatch" })
      #expect(BusinessTime.iso8601(dispatchClock.dueAt) == "2026-03-10T10:00:00+08:00")
      #expect(order.allowedActions.isEmpty)  // the agent has nothing to do until the lead reviews

      // Act: take it through each step, ten minutes apart
      let steps: [(String, String, String)] = [
        ("lead", #"{"action":"approveIntake"}"#, "pendingDispatch"),
        ("lead", #"{"action":"dispatch","unitId":"\#(loop.org.countyA.savedID)"}"#, "dispatched"),
        ("handlerA", #"{"action":"recordFirstContact"}"#, "inProgress"),
        ("handlerA", #"{"action":"reply","summary":"已核实，向客户致歉","verified":true,"supplyResponsibility":true}"#, "pendingReplyReview"),
        ("reviewer", #"{"action":"approveReply"}"#, "pendingReturnVisit"),
        ("agent", #"{"action":"recordReturnVisit","satisfied":true,"note":"客户满意"}"#, "closed"),
      ]
      for (who, json, state) in steps {
        loop.clock.advance(by: 600)
        let res = try await loop.act(who, order, json)
        // Check: each step lands in its state; dispatch sets the contact and reply deadlines
        #expect(res.status == .ok, "\(who) \(json): \(res.body.string)")
        order = try loop.decode(res)
        #expect(order.state == state)
        if state == "dispatched" {
          // First contact within 1 working day; reply within 4 working days
          // (WO-CLOCK-FIRST-CONTACT, WO-CLOCK-REPLY).
          let contact = try #require(order.clocks.first { $0.stage == "firstContact" && !$0.stopped })
          #expect(BusinessTime.iso8601(contact.dueAt) == "2026-03-12T00:00:00+08:00")
          let reply = try #require(order.clocks.first { $0.stage == "reply" && !$0.stopped })
          #expect(BusinessTime.iso8601(reply.dueAt) == "2026-03-17T00:00:00+08:00")
        }
      }
      // Check: every clock stopped in time; closed with seven events and audits
      #expect(order.clocks.allSatisfy { $0.stopped && !$0.breached })
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(stored.verified == true)
      #expect(stored.supplyResponsibility == true)
      #expect(stored.closedAt != nil)
      #expect(try await WorkOrderEvent.query(on: app.db).filter(\.$order.$id == order.id).count() == 7)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .workOrder).count() == 7)
    }
  }

  @Test("Illegal moves are refused with a clear error; a stale version is 409; the wrong role is 403")
  func refusals() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a filed complaint
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: reply too early, approve as the agent, send back without a reason, an unknown action
      let early = try await loop.act("handlerA", order, #"{"action":"reply","summary":"x"}"#)
      // Check: each refused with the code, role or field
      #expect(early.status == .unprocessableEntity)
      #expect(early.apiError?.code == "illegal_action")
      #expect(early.apiError?.message.contains("待班长审核") == true)
      let wrongRole = try await loop.act("agent", order, #"{"action":"approveIntake"}"#)
      #expect(wrongRole.status == .forbidden)
      let missing = try await loop.act("lead", order, #"{"action":"sendBackToAgent"}"#)
      #expect(missing.status == .unprocessableEntity)
      #expect(missing.apiError?.field == "reason")
      let unknown = try await loop.act("lead", order, #"{"action":"teleport"}"#)
      #expect(unknown.apiError?.field == "action")
      // Act: approve, then dispatch with the version read before
      #expect(try await loop.act("lead", order, #"{"action":"approveIntake"}"#).status == .ok)
      // The same version again: somebody else moved the order meanwhile.
      let stale = try await loop.act("lead", order, #"{"action":"dispatch"}"#)
      // Check: a 409 stale_version; the order stays approved at version 2
      #expect(stale.status == .conflict)
      #expect(stale.apiError?.code == "stale_version")
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(stored.state == .pendingDispatch)
      #expect(stored.version == 2)
    }
  }

  @Test("Two simultaneous actions on one order: one succeeds, the other gets 409")
  func concurrentActions() async throws {
    try await withApp { app in
      // Setup: a filed complaint read twice, and the lead
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      let leadID = try #require(try await User.query(on: app.db).filter(\.$username == "lead").first()?.id)
      let actor = try #require(try await ActorLoader.load(userID: leadID, on: app.db))
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      let copy = try #require(try await WorkOrder.find(order.id, on: app.db))
      // Act: approve one copy, then send the other back at the same version
      try await WorkOrderFlow.apply(
        .approveIntake, to: stored, expectedVersion: 1, details: .init(), actor: actor, on: app.db, now: loop.clock.now())
      // Check: the second is refused; approved at version 2
      await #expect(throws: AppError.self) {
        try await WorkOrderFlow.apply(
          .sendBackToAgent(reason: "信息不全"), to: copy, expectedVersion: 1, details: .init(), actor: actor, on: app.db, now: loop.clock.now())
      }
      let final = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(final.state == .pendingDispatch)
      #expect(final.version == 2)
    }
  }

  @Test(
    "Bad intake input names the field and saves nothing",
    arguments: [
      ("conduct", "marketing.tariff", "item"),
      ("weather", "conduct.attitude", "category"),
    ])
  func badIntake(category: String, item: String, field: String) async throws {
    try await withApp { app in
      // Setup: the work-order loop
      let loop = try await WorkOrderLoop.make(app)
      // Act: file a complaint with the argument's category and item, then one with a bad phone
      let res = try await app.api(
        .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(item: item, category: category))
      // Check: a 422 naming the field, nothing saved; the phone named
      #expect(res.status == .unprocessableEntity, "\(res.body.string)")
      #expect(res.apiError?.field == field)
      #expect(try await WorkOrder.query(on: app.db).count() == 0)
      let bad = try await app.api(
        .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"],
        json: loop.complaint().replacingOccurrences(of: "13812345678", with: "call me"))
      #expect(bad.apiError?.field == "customerPhone")
    }
  }

  @Test("Orders accepted elsewhere keep their acceptance time; an overdue dispatch clock shows as breached")
  func takenOver() async throws {
    try await withApp { app in
      // Setup: the work-order loop
      let loop = try await WorkOrderLoop.make(app)
      // Act: file a complaint accepted at 06:00 elsewhere
      let res = try await app.api(
        .POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint(acceptedAt: "2026-03-10T06:00:00+08:00"))
      let order = try loop.decode(res)
      // Check: its dispatch clock is breached and it is listed overdue
      let dispatch = try #require(order.clocks.first { $0.stage == "dispatch" })
      #expect(dispatch.breached)
      let overdue = try await app.api(.GET, Paths.apiWorkOrders.link() + "?overdue=true", token: loop.tokens["lead"])
      #expect(try JSONDecoder().decode(OrderPageIDs.self, from: Data(overdue.body.string.utf8)).items.map(\.id) == [order.id])
    }
  }

  @Test("Orders are visible only within the unit subtree; lists mask phone numbers")
  func scopeAndMasking() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a filed complaint
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: read it as handlerA, handlerB and the lead, and list the orders
      // Check: handlerB cannot see it; lists mask the phone, the detail shows it; the taxonomy is served
      #expect(try await app.api(.GET, Paths.apiWorkOrder.link(order.id), token: loop.tokens["handlerA"]).status == .ok)
      #expect(try await app.api(.GET, Paths.apiWorkOrder.link(order.id), token: loop.tokens["handlerB"]).status == .forbidden)
      let listB = try await app.api(.GET, Paths.apiWorkOrders.link(), token: loop.tokens["handlerB"])
      #expect(try JSONDecoder().decode(OrderPageIDs.self, from: Data(listB.body.string.utf8)).items.isEmpty)
      let list = try await app.api(.GET, Paths.apiWorkOrders.link(), token: loop.tokens["lead"])
      #expect(list.body.string.contains("138****5678"))
      #expect(!list.body.string.contains("13812345678"))
      let detail = try await app.api(.GET, Paths.apiWorkOrder.link(order.id), token: loop.tokens["lead"])
      #expect(detail.body.string.contains("13812345678"))
      let taxonomy = try await app.api(.GET, Paths.apiTaxonomy.link(), token: loop.tokens["agent"])
      #expect(taxonomy.body.string.contains("conduct.attitude"))
    }
  }
}

struct OrderPageIDs: Decodable {
  struct Item: Decodable { let id: UUID }
  let items: [Item]
}
