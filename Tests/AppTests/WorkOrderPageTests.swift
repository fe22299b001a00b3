import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Work-order pages")
struct WorkOrderPageTests {
  @Test("An agent files a complaint in the intake form; errors keep what was typed")
  func intakeForm() async throws {
    try await withApp { app in
      // Setup: the work-order loop and the agent signed in
      let loop = try await WorkOrderLoop.make(app)
      let agent = PageClient(app)
      try await agent.login("agent")
      // Act: open the intake form, file with a bad phone, then with a good one
      let form = try await agent.get(Paths.workOrderNew.link())
      // Check: the error named with the text kept; then filed with its category and redirected
      #expect(form.status == .ok)
      #expect(form.body.string.contains("服务态度"))
      let bad = try await agent.post(Paths.workOrderNew.link(), loop.intakeFields(phone: "call me"))
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("id=\"error-customerPhone\""))
      #expect(bad.body.string.contains("停电后迟迟无人处理"))
      #expect(bad.body.string.contains("value=\"李女士\""))
      let ok = try await agent.post(Paths.workOrderNew.link(), loop.intakeFields())
      #expect(ok.status == .seeOther, "\(ok.body.string.prefix(2000))")
      let order = try #require(try await WorkOrder.query(on: app.db).first())
      #expect(order.itemCode == "operations.faultHandling")
      #expect(order.categoryCode == "operations")
      #expect(ok.headers.first(name: .location) == Paths.workOrder.link(order.savedID))
    }
  }

  @Test("The lead reviews and dispatches from the order page; a stale form is refused with the reason")
  func leadActs() async throws {
    try await withApp { app in
      // Setup: a filed complaint and the lead signed in
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      let lead = PageClient(app)
      try await lead.login("lead")
      // Act: open the queue and the order, then approve it
      let queue = try await lead.get(Paths.workOrders.link() + "?view=mine")
      // Check: listed, with the approve action, approved
      #expect(queue.body.string.contains(order.number))
      let page = try await lead.get(Paths.workOrder.link(order.id))
      #expect(page.body.string.contains("data-action=\"approveIntake\""))
      #expect(page.body.string.contains("抄表员态度恶劣"))
      let approve = try await lead.post(Paths.workOrderAction.link(order.id), [("action", "approveIntake"), ("version", "1")])
      #expect(approve.status == .seeOther)
      // Act: dispatch with the old version, then with the new one
      // A second tab still holding version 1.
      let stale = try await lead.post(Paths.workOrderAction.link(order.id), [("action", "dispatch"), ("version", "1")])
      // Check: the stale form refused with its reason; then dispatched
      #expect(stale.status == .conflict)
      #expect(stale.body.string.contains("id=\"action-error\""))
      let refresh = try await lead.get(Paths.workOrder.link(order.id))
      #expect(refresh.body.string.contains("data-action=\"dispatch\""))
      let dispatch = try await lead.post(
        Paths.workOrderAction.link(order.id), [("action", "dispatch"), ("version", "2"), ("unitId", loop.org.countyA.savedID.uuidString)])
      #expect(dispatch.status == .seeOther)
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(stored.state == .dispatched)
      // Act: open it as handlerA, export the queue as CSV, then as handlerB
      let handler = PageClient(app)
      try await handler.login("handlerA")
      let handlerPage = try await handler.get(Paths.workOrder.link(order.id))
      // Check: handlerA sees the next action and a masked CSV; handlerB sees nothing
      #expect(handlerPage.body.string.contains("data-action=\"recordFirstContact\""))
      #expect(handlerPage.body.string.contains("id=\"timeline\""))
      // The queue exports as CSV with the same scope, phones masked.
      let csv = try await handler.get(Paths.workOrdersCSV.link() + "?view=watching")
      #expect(csv.headers.contentType?.subType == "csv")
      #expect(csv.body.string.contains(order.number))
      #expect(csv.body.string.contains("138****5678"))
      #expect(!csv.body.string.contains("13812345678"))
      let other = PageClient(app)
      try await other.login("handlerB")
      let otherCSV = try await other.get(Paths.workOrdersCSV.link() + "?view=watching")
      #expect(!otherCSV.body.string.contains(order.number))
      #expect(try await other.get(Paths.workOrder.link(order.id)).status == .forbidden)
    }
  }
}

@Suite("Bulk dispatch")
struct BulkDispatchTests {
  @Test("A lead dispatches several reviewed orders at once; one that moved meanwhile is named, not dispatched")
  func bulk() async throws {
    try await withApp { app in
      // Setup: three approved complaints and the lead on the queue
      let loop = try await WorkOrderLoop.make(app)
      var orders: [OrderBody] = []
      for _ in 0..<3 {
        let o = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
        orders.append(try loop.decode(try await loop.act("lead", o, #"{"action":"approveIntake"}"#)))
      }
      let lead = PageClient(app)
      try await lead.login("lead")
      let queue = try await lead.get(Paths.workOrders.link() + "?view=mine")
      #expect(queue.body.string.contains("id=\"bulk-dispatch\""))
      // Act: dispatch the third elsewhere, then bulk dispatch all three
      // The third order is dispatched by someone else after the queue was shown.
      _ = try await loop.act("lead", orders[2], #"{"action":"dispatch"}"#)
      let res = try await lead.post(Paths.workOrdersBulkDispatch.link(), orders.map { ("orders[]", "\($0.id):\($0.version)") })
      // Check: two dispatched, the third named; all end dispatched
      #expect(res.status == .seeOther)
      let location = try #require(res.headers.first(name: .location))
      #expect(location.contains("dispatched=2"))
      #expect(location.contains(orders[2].number))
      for order in orders {
        #expect(try await WorkOrder.find(order.id, on: app.db)?.state == .dispatched)
      }
      let page = try await lead.get(location)
      #expect(page.body.string.contains("id=\"bulk-notice\""))
      // Act: bulk dispatch as handlerA
      // A handler may not dispatch: nothing happens.
      let handler = PageClient(app)
      try await handler.login("handlerA")
      let other = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      _ = try await handler.get(Paths.workOrders.link())
      let refused = try await handler.post(Paths.workOrdersBulkDispatch.link(), [("orders[]", "\(other.id):\(other.version)")])
      // Check: nothing dispatched
      #expect(refused.headers.first(name: .location)?.contains("dispatched=0") == true)
    }
  }
}

@Suite("Work-order KPI dashboard")
struct KPIDashboardTests {
  @Test("Rule WO-VERIFIED-COMPLAINT, KPI-DISPLAY: only verified complaints of the supply side count; rates show numerator and denominator")
  func dashboard() async throws {
    try await withApp { app in
      // Setup: county A of 20,000 customers, one complaint closed verified and one at review
      let loop = try await WorkOrderLoop.make(app)
      loop.org.countyA.customerCount = 20_000
      try await loop.org.countyA.save(on: app.db)
      // Two complaints: one goes round the loop verified, one stays at intake review.
      var order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      _ = try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint())
      for (who, json) in [
        ("lead", #"{"action":"approveIntake"}"#), ("lead", #"{"action":"dispatch"}"#), ("handlerA", #"{"action":"recordFirstContact"}"#),
        ("handlerA", #"{"action":"reply","summary":"已处理","verified":true,"supplyResponsibility":true}"#),
        ("reviewer", #"{"action":"approveReply"}"#), ("agent", #"{"action":"recordReturnVisit","satisfied":true}"#),
      ] {
        loop.clock.advance(by: 600)
        order = try loop.decode(try await loop.act(who, order, json))
      }
      #expect(order.state == "closed")
      // Act: open the KPI page and the order list by month, and with a bad date
      let client = PageClient(app)
      try await client.login("lead")
      let page = try await client.get(Paths.kpi.link() + "?unitId=\(loop.org.countyA.savedID)&month=2026-03")
      // Check: 0.50 per 10,000, rates with both parts, charts, drill-down links; March lists it, April not
      #expect(page.status == .ok)
      let html = page.body.string
      // 1 verified complaint among 20,000 customers → 0.50 per 10,000.
      #expect(html.contains(">0.50<"))
      #expect(html.contains(#"title="查看计入的工单">1</a> / <a class="base""#))  // return visit and satisfaction
      #expect(html.contains("<svg"))
      #expect(html.contains("role=\"img\""))
      // Figures drill down to the orders they count (KPIDrillDownTests checks every one).
      #expect(html.contains("view=all&amp;kpi=volume&amp;part=counted&amp;unitId=\(loop.org.countyA.savedID)&amp;month=2026-03"))
      let march = try await client.get(
        Paths.workOrders.link() + "?view=all&unitId=\(loop.org.countyA.savedID)&from=2026-03-01&to=2026-03-31")
      #expect(march.body.string.contains(order.number))
      let april = try await client.get(
        Paths.workOrders.link() + "?view=all&unitId=\(loop.org.countyA.savedID)&from=2026-04-01&to=2026-04-30")
      #expect(!april.body.string.contains(order.number))
      let badDate = try await client.get(Paths.workOrders.link() + "?view=all&from=March")
      #expect(badDate.status == .unprocessableEntity)
    }
  }
}
