import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// 待我处理 means mine: the orders whose next move is the person's by role, unit and, where the
/// order is someone's, person; due soon and overdue are parts of it; watching follows the unit
/// subtree without acting.
@Suite("Work-order queues")
struct WorkOrderQueueTests {
  /// One order waiting on each party.
  struct Board {
    let atReview: OrderBody  // lead
    let toDispatch: OrderBody  // lead (reviewed complaint)
    let repair: OrderBody  // agent dispatches fault repairs
    let dispatched: OrderBody  // county A's handlers
    let taken: OrderBody  // handlerA, who took the case
    let replied: OrderBody  // Marketing
    let toVisit: OrderBody  // agents
    let elsewhere: OrderBody  // county B's handler

    static func make(_ loop: WorkOrderLoop) async throws -> Board {
      typealias L = WorkOrderLoop
      let atReview = try await loop.file()
      let toDispatch = try await loop.file(then: [L.approve])
      let repair = try await loop.file(loop.repair())
      let dispatched = try await loop.file(then: [L.approve, loop.dispatchA])
      let taken = try await loop.file(then: [L.approve, loop.dispatchA, L.contact])
      let replied = try await loop.file(then: [L.approve, loop.dispatchA, L.contact, L.reply])
      let toVisit = try await loop.file(then: [L.approve, loop.dispatchA, L.contact, L.reply, L.approveReply])
      let elsewhere = try await loop.file(
        then: [L.approve, ("lead", #"{"action":"dispatch","unitId":"\#(loop.org.countyB.savedID)"}"#)])
      return Board(
        atReview: atReview, toDispatch: toDispatch, repair: repair, dispatched: dispatched, taken: taken, replied: replied,
        toVisit: toVisit, elsewhere: elsewhere)
    }
  }

  @Test("Rule WO-QUEUE-MINE: each role's 待我处理 lists exactly the orders whose next move is theirs (agent, lead, handler, reviewer)")
  func minePerRole() async throws {
    try await withApp { app in
      // Setup: a board with one order waiting on each party, and a second county A handler
      let loop = try await WorkOrderLoop.make(app)
      try await loop.org.user(app, "handlerA2", [.handler], loop.org.countyA)
      let b = try await Board.make(loop)
      let expected: [String: [OrderBody]] = [
        "agent": [b.repair, b.toVisit],
        "lead": [b.atReview, b.toDispatch],
        "handlerA": [b.dispatched, b.taken],
        // Another handler of the same county: the taken case is handlerA's now.
        "handlerA2": [b.dispatched],
        "handlerB": [b.elsewhere],
        "reviewer": [b.replied],
      ]
      for (user, orders) in expected {
        // Act: open the mine view as the user
        let client = PageClient(app)
        try await client.login(user)
        let mine = try await client.listed(Paths.workOrders.link() + "?view=mine")
        // Check: exactly the orders whose next move is theirs
        #expect(Set(mine) == Set(orders.map(\.number)), "\(user)")
        #expect(mine.count == orders.count, "\(user)")
      }
      // Act: open the watching view as the lead and as handlerA2
      // Watching: the open orders of the unit subtree, to follow; not dispatched from there.
      let lead = PageClient(app)
      try await lead.login("lead")
      let watching = try await lead.listed(Paths.workOrders.link() + "?view=watching")
      // Check: the subtree's open orders, no bulk dispatch, nothing from county B
      #expect(watching.count == 8)
      #expect(!lead.lastBody.contains("id=\"bulk-dispatch\""))
      let handler = PageClient(app)
      try await handler.login("handlerA2")
      #expect(Set(try await handler.listed(Paths.workOrders.link() + "?view=watching")).isSuperset(of: [b.taken.number, b.replied.number]))
      #expect(!(try await handler.listed(Paths.workOrders.link() + "?view=watching")).contains(b.elsewhere.number))
    }
  }

  @Test("Rule WO-QUEUE-MINE, WO-INBOX: the start page counts and the inbox use the same rule as the queue")
  func homeAndInbox() async throws {
    try await withApp { app in
      let loop = try await WorkOrderLoop.make(app)
      // Setup: a board with one order waiting on each party
      let b = try await Board.make(loop)
      // Act: open the reviewer's start page and inbox
      let reviewer = PageClient(app)
      try await reviewer.login("reviewer")
      let home = try await reviewer.get("/")
      // Check: one order to handle, the replied one, not the one at review
      #expect(home.body.string.contains("待我处理的工单：1 件"))
      let res = try await app.api(.GET, Paths.apiNotifications.link(), token: loop.tokens["reviewer"])
      #expect(res.body.string.contains(b.replied.number))
      #expect(!res.body.string.contains(b.atReview.number))
    }
  }

  @Test("Rule WO-QUEUE-VIEWS: an unknown view is refused with 400, on the page, the export and the API")
  func unknownView() async throws {
    try await withApp { app in
      // Setup: the work-order loop and the lead signed in
      let loop = try await WorkOrderLoop.make(app)
      let lead = PageClient(app)
      try await lead.login("lead")
      // Act: ask for unknown views on the page, the CSV and the API
      let page = try await lead.get(Paths.workOrders.link() + "?view=soon")
      // Check: each is a 400; a known view works
      #expect(page.status == .badRequest)
      #expect(page.body.string.contains("soon"))
      #expect(try await lead.get(Paths.workOrdersCSV.link() + "?view=open").status == .badRequest)
      #expect(try await app.api(.GET, Paths.apiWorkOrders.link() + "?view=later", token: loop.tokens["lead"]).status == .badRequest)
      #expect(try await lead.get(Paths.workOrders.link() + "?view=due").status == .ok)
    }
  }

  @Test("Rule WO-QUEUE-VIEWS: due soon = mine with a deadline in its warning window (50 % of the time used); overdue = mine past it")
  func dueAndOverdue() async throws {
    try await withApp { app in
      // Setup: an order awaiting dispatch by 10:00, the lead signed in
      let loop = try await WorkOrderLoop.make(app)
      // Filed at 09:00: dispatch is due by 10:00; the lead reviews at once.
      let order = try await loop.file(then: [WorkOrderLoop.approve])
      let lead = PageClient(app)
      try await lead.login("lead")
      // Act: list due and overdue at 09:00, 09:35 and 10:05
      // Check: none at first, due at 09:35, overdue at 10:05
      #expect(try await lead.listed(Paths.workOrders.link() + "?view=due").isEmpty)
      loop.clock.advance(by: 35 * 60)
      #expect(try await lead.listed(Paths.workOrders.link() + "?view=due") == [order.number])
      #expect(try await lead.listed(Paths.workOrders.link() + "?view=overdue").isEmpty)
      loop.clock.advance(by: 30 * 60)
      #expect(try await lead.listed(Paths.workOrders.link() + "?view=due").isEmpty)
      #expect(try await lead.listed(Paths.workOrders.link() + "?view=overdue") == [order.number])
      // Act: list overdue and watching as the reviewer
      // The overdue order is the lead's, not the reviewer's.
      let reviewer = PageClient(app)
      try await reviewer.login("reviewer")
      // Check: not the reviewer's; seen only when watching overdue
      #expect(try await reviewer.listed(Paths.workOrders.link() + "?view=overdue").isEmpty)
      #expect(try await reviewer.listed(Paths.workOrders.link() + "?view=watching&overdue=true") == [order.number])
    }
  }

  @Test("Rule WO-QUEUE-VIEWS: saved filters: name the current view and filters, list them, apply one, delete one (confirmed)")
  func savedFilters() async throws {
    try await withApp { app in
      let loop = try await WorkOrderLoop.make(app)
      // Setup: a board and the lead on the watching repairs view
      let b = try await Board.make(loop)
      let lead = PageClient(app)
      try await lead.login("lead")
      _ = try await lead.get(Paths.workOrders.link() + "?view=watching&type=faultRepair")
      // Act: save the view as a filter, open the list and apply it
      let query = try #require(PageClient.attribute(in: lead.lastBody, id: "save-filter-form", name: "action"))
      // Check: saved, listed, and it lists the repair
      #expect(query == Paths.workOrderFilters.link())
      let saved = try await lead.post(Paths.workOrderFilters.link(), [("name", "在办报修"), ("query", "view=watching&type=faultRepair")])
      #expect(saved.status == .seeOther)
      let page = try await lead.get(Paths.workOrders.link())
      #expect(page.body.string.contains("在办报修"))
      let stored = try #require(try await SavedQueueFilter.query(on: app.db).first())
      #expect(try await lead.listed(Paths.workOrders.link() + "?" + stored.query) == [b.repair.number])
      // Act: save a repeated name, an empty one and a bad view
      // The same name again, and an empty one: refused beside the name, what was typed kept.
      let again = try await lead.post(Paths.workOrderFilters.link(), [("name", "在办报修"), ("query", "view=mine")])
      // Check: refused beside the name, the bad view a 400
      #expect(again.status == .conflict)
      #expect(again.body.string.contains("id=\"error-name\""))
      #expect(try await lead.post(Paths.workOrderFilters.link(), [("name", " "), ("query", "view=mine")]).status == .unprocessableEntity)
      #expect(try await lead.post(Paths.workOrderFilters.link(), [("name", "坏"), ("query", "view=later")]).status == .badRequest)
      // Act: list and delete it as the reviewer; delete it as the lead without, then with confirm
      // Someone else's list does not show it, nor may they delete it.
      let reviewer = PageClient(app)
      try await reviewer.login("reviewer")
      // Check: the reviewer neither sees nor deletes it; refused without confirm, deleted with it
      #expect(!(try await reviewer.get(Paths.workOrders.link())).body.string.contains("在办报修"))
      #expect(try await reviewer.post(Paths.workOrderFilterDelete.link(stored.savedID), [("confirm", "yes")]).status == .notFound)
      _ = try await lead.get(Paths.workOrders.link())
      let unconfirmed = try await lead.post(Paths.workOrderFilterDelete.link(stored.savedID), [])
      #expect(unconfirmed.status == .unprocessableEntity)
      #expect(unconfirmed.body.string.contains("请勾选确认"))
      #expect(try await SavedQueueFilter.query(on: app.db).count() == 1)
      #expect(try await lead.post(Paths.workOrderFilterDelete.link(stored.savedID), [("confirm", "yes")]).status == .seeOther)
      #expect(try await SavedQueueFilter.query(on: app.db).count() == 0)
    }
  }
}
