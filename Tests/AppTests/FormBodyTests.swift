import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Forms arrive over a real socket in pieces; the CSRF check must read the whole body first.
@Suite("Form bodies at real size")
struct FormBodyTests {
  @Test("A complaint of 1,500 Chinese characters is filed through the form over HTTP")
  func longComplaint() async throws {
    try await withApp { app in
      let loop = try await WorkOrderAPITests.Loop.make(app)
      let agent = PageClient(app, overHTTP: true)
      try await agent.login("agent")
      try await agent.get("/work-orders/new")
      let content = String(repeating: "客户反映停电后抢修人员迟迟未到，", count: 94).prefix(1500)
      var fields = WorkOrderPageTests().intake(loop)
      fields.removeAll { $0.0 == "content" }
      fields.append(("content", String(content)))
      let filed = try await agent.post("/work-orders/new", fields)
      #expect(filed.status == .seeOther, "\(filed.body.string.prefix(3000))")
      let order = try #require(try await WorkOrder.query(on: app.db).first())
      #expect(order.content == String(content))
      #expect(filed.headers.first(name: .location) == "/work-orders/\(try order.requireID())")
    }
  }

  @Test("A body over its route's limit is refused with the limit named, not as an expired form")
  func overLimit() async throws {
    try await withApp { app in
      _ = try await Org.make(app)
      let admin = PageClient(app, overHTTP: true)
      try await admin.login("admin")
      try await admin.get("/admin/calendar")
      // The calendar import takes at most 2 MB.
      let csv = String(repeating: "2027-01-01,holiday,元旦\n", count: 120_000)
      let refused = try await admin.post("/admin/calendar/import", [("csv", csv)])
      #expect(refused.status == .payloadTooLarge)
      #expect(refused.body.string.contains("上限 2 MB"), "\(refused.body.string.prefix(600))")
      #expect(!refused.body.string.contains("表单已过期"))
    }
  }
}
