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
      // Setup: the work-order loop and the agent on the new-order form over HTTP
      let loop = try await WorkOrderLoop.make(app)
      let agent = PageClient(app, overHTTP: true)
      try await agent.login("agent")
      try await agent.get(Paths.workOrderNew.link())
      // Act: file a complaint of 1,500 Chinese characters
      let content = String(repeating: "客户反映停电后抢修人员迟迟未到，", count: 94).prefix(1500)
      var fields = loop.intakeFields()
      fields.removeAll { $0.0 == "content" }
      fields.append(("content", String(content)))
      let filed = try await agent.post(Paths.workOrderNew.link(), fields)
      // Check: filed whole and redirected to the order
      #expect(filed.status == .seeOther, "\(filed.body.string.prefix(3000))")
      let order = try #require(try await WorkOrder.query(on: app.db).first())
      #expect(order.content == String(content))
      #expect(filed.headers.first(name: .location) == Paths.workOrder.link(try order.requireID()))
    }
  }

  @Test("A body over its route's limit is refused with the limit named, not as an expired form")
  func overLimit() async throws {
    try await withApp { app in
      // Setup: an org and admin on the calendar page over HTTP
      _ = try await Org.make(app)
      let admin = PageClient(app, overHTTP: true)
      try await admin.login("admin")
      try await admin.get(Paths.calendar.link())
      // Act: post a calendar import over 2 MB
      // The calendar import takes at most 2 MB.
      let csv = String(repeating: "2027-01-01,holiday,元旦\n", count: 120_000)
      let refused = try await admin.post(Paths.calendarImport.link(), [("csv", csv)])
      // Check: a 413 naming the 2 MB limit, not an expired form
      #expect(refused.status == .payloadTooLarge)
      #expect(refused.body.string.contains("上限 2 MB"), "\(refused.body.string.prefix(600))")
      #expect(!refused.body.string.contains("表单已过期"))
    }
  }

  @Test("An API upload over its limit is refused with the same limit as its form, naming it, and nothing is stored")
  func apiOverLimit() async throws {
    try await withApp { app in
      // Setup: the work-order loop, a complaint and a server on a free port
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      let token = try #require(loop.tokens["agent"])
      var headers = HTTPHeaders()
      headers.bearerAuthorization = .init(token: token)
      headers.contentType = .binary
      let body = ByteBuffer(bytes: SampleFiles.png + Array(repeating: 0, count: UploadLimits.Form.attachment.bytes + 1024 * 1024))
      try await app.server.start(address: .hostname("127.0.0.1", port: 0))
      let port = try #require(app.http.server.shared.localAddress?.port)
      // Act: upload an attachment 1 MB over the limit through the API
      let url = URI(string: "http://127.0.0.1:\(port)/api/v1/work-orders/\(order.id)/attachments?fileName=big.png")
      let response = try await app.client.send(.POST, headers: headers, to: url) { $0.body = body }
      await app.server.shutdown()
      // Check: a 413 naming 20 MB, nothing stored
      #expect(response.status == .payloadTooLarge)
      let error = try JSONDecoder().decode(APIError.self, from: Data((response.body.map { String(buffer: $0) } ?? "").utf8)).error
      #expect(error.message.contains("20 MB"), "\(error.message)")
      #expect(try await WorkOrderAttachment.query(on: app.db).count() == 0)
    }
  }
}
