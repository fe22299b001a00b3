import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Per-user inbox")
struct InboxTests {
  struct Item: Decodable {
    let id: String
    let kind: String
    let message: String
    let link: String
  }

  func inbox(_ app: Application, _ token: String?, unread: Bool = false) async throws -> [Item] {
    let res = try await app.api(.GET, Paths.apiNotifications.link() + (unread ? "?unread=true" : ""), token: token)
    #expect(res.status == .ok, "\(res.body.string)")
    return try JSONDecoder().decode([Item].self, from: Data(res.body.string.utf8))
  }

  @Test("Rule WO-INBOX, WO-CHASE: whoever acts next hears of a move in their inbox; a 催办 reaches the unit's handlers")
  func queueAndChase() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a filed complaint
      let loop = try await WorkOrderLoop.make(app)
      var order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: read the inboxes
      // The lead reviews new complaints; the agent who filed it is not told about their own move.
      let leadItems = try await inbox(app, loop.tokens["lead"])
      // Check: the lead has one queue item; the agent and handlerA none
      #expect(leadItems.count == 1 && leadItems[0].kind == "queue" && leadItems[0].message.contains(order.number))
      #expect(try await inbox(app, loop.tokens["agent"]).isEmpty)
      #expect(try await inbox(app, loop.tokens["handlerA"]).isEmpty)

      // Act: approve and dispatch to countyA
      order = try loop.decode(try await loop.act("lead", order, #"{"action":"approveIntake"}"#))
      order = try loop.decode(try await loop.act("lead", order, #"{"action":"dispatch","unitId":"\#(loop.org.countyA.savedID)"}"#))
      // Check: handlerA is told with a link; handlerB is not
      let handlerItems = try await inbox(app, loop.tokens["handlerA"])
      #expect(handlerItems.map(\.kind) == ["queue"])
      #expect(handlerItems[0].link == Paths.workOrder.link(order.id))
      #expect(try await inbox(app, loop.tokens["handlerB"]).isEmpty)  // another county

      // Act: let the first-contact clock run over and sweep
      // Two working days later the first-contact clock is overdue: the sweep chases.
      loop.clock.advance(by: 2 * 86_400)
      _ = try await SLASweepJob().run(on: app, now: loop.clock.now())
      // Check: handlerA has a chase and a warning
      let after = try await inbox(app, loop.tokens["handlerA"], unread: true)
      #expect(after.contains { $0.kind == "chase" })
      #expect(after.contains { $0.kind == "warning" })

      // Act: mark a message read as the lead, then as handlerA
      // Reading one; somebody else's message is not theirs to read.
      let first = try #require(after.first)
      // Check: not found for the lead, done for handlerA with one unread fewer
      #expect(try await app.api(.POST, Paths.apiNotificationRead.link(first.id), token: loop.tokens["lead"]).status == .notFound)
      #expect(try await app.api(.POST, Paths.apiNotificationRead.link(first.id), token: loop.tokens["handlerA"]).status == .noContent)
      #expect(try await inbox(app, loop.tokens["handlerA"], unread: true).count == after.count - 1)
    }
  }

  @Test("The inbox page shows the unread count in the navigation and marks items read when opened")
  func page() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a filed complaint
      let loop = try await WorkOrderLoop.make(app)
      _ = try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint())
      // Act: open the lead's home and inbox
      let lead = PageClient(app)
      try await lead.login("lead")
      let home = try await lead.get("/")
      // Check: the badge shows 1 and the item is unread
      #expect(home.body.string.contains(#"<span class="badge" id="inbox-badge">1</span>"#))
      let page = try await lead.get(Paths.inbox.link())
      #expect(page.status == .ok && page.body.string.contains("unread"))
      // Act: open the item
      let leadUser = try #require(try await User.query(on: app.db).filter(\.$username == "lead").first())
      let item = try #require(try await InboxNotification.query(on: app.db).filter(\.$user.$id == leadUser.savedID).first())
      let opened = try await lead.post(Paths.inboxRead.link(item.savedID), [])
      // Check: redirected and the badge is gone
      #expect(opened.status == .seeOther)
      #expect(!(try await lead.get("/").body.string.contains("inbox-badge")))
    }
  }
}

@Suite("Repeat contacts while typing")
struct ContactLookupTests {
  @Test("Rule WO-REPEAT-CONTACT: the intake form is told of the customer's open orders and repeat contacts within 30 days")
  func lookup() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a filed complaint
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: look the customer up by account, phone and a short account
      let agent = PageClient(app)
      try await agent.login("agent")
      let byAccount = try await agent.get(Paths.workOrderContacts.link() + "?account=0101234567")
      // Check: the order is found by account and phone, not by a short one
      #expect(byAccount.status == .ok && byAccount.body.string.contains(order.number))
      #expect(try await agent.get(Paths.workOrderContacts.link() + "?phone=13812345678").body.string.contains(order.number))
      #expect(try await agent.get(Paths.workOrderContacts.link() + "?account=010").body.string == "[]")  // too short to mean anyone
      // Act: move 40 days on and look again, also as handlerB
      // 40 days later a closed order is no longer a repeat contact, an open one still shows.
      loop.clock.advance(by: 40 * 86_400)
      // Check: the open order still shows; handlerB sees nothing
      #expect(try await agent.get(Paths.workOrderContacts.link() + "?account=0101234567").body.string.contains(order.number))
      let handlerB = PageClient(app)
      try await handlerB.login("handlerB")
      #expect(try await handlerB.get(Paths.workOrderContacts.link() + "?account=0101234567").body.string == "[]")  // outside their county
    }
  }
}

@Suite("Merging duplicates on the order page")
struct MergePageTests {
  @Test("Rule WO-MERGE: an agent merges a repeat contact into the customer's open order from the order page")
  func merge() async throws {
    try await withApp { app in
      // Setup: two complaints of one customer an hour apart
      let loop = try await WorkOrderLoop.make(app)
      let first = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      loop.clock.advance(by: 3600)
      let second = try loop.decode(
        try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: open the second as the agent
      let agent = PageClient(app)
      try await agent.login("agent")
      let page = try await agent.get(Paths.workOrder.link(second.id))
      // Check: it offers to merge into the first
      #expect(page.body.string.contains(#"data-action="mergeInto""#))
      #expect(page.body.string.contains(#"<option value="\#(first.id.uuidString)">\#(first.number)"#))
      // Act: merge it without confirmation, then with it
      // Merging closes the order for good: without the confirmation nothing happens.
      let unconfirmed = try await agent.post(
        Paths.workOrderAction.link(second.id),
        [("action", "mergeInto"), ("version", String(second.version)), ("parentId", first.id.uuidString)])
      // Check: a 422 keeping the choice, then merged
      #expect(unconfirmed.status == .unprocessableEntity)
      #expect(unconfirmed.body.string.contains(#"id="error-mergeInto-confirm""#))
      #expect(unconfirmed.body.string.contains(#"<option value="\#(first.id.uuidString)" selected>"#))
      #expect(try await WorkOrder.find(second.id, on: app.db)?.state != .merged)
      let merged = try await agent.post(
        Paths.workOrderAction.link(second.id),
        [("action", "mergeInto"), ("version", String(second.version)), ("parentId", first.id.uuidString), ("confirm", "yes")])
      #expect(merged.status == .seeOther)
      let order = try #require(try await WorkOrder.find(second.id, on: app.db))
      #expect(order.state == .merged)
    }
  }
}
