import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("JSON-lines exchange with the national 95598 platform")
struct WorkOrderExchangeTests {
  func send(_ app: Application, _ body: String, token: String?) async throws -> TestingHTTPResponse {
    var result: TestingHTTPResponse?
    try await app.testing().test(
      .POST, Paths.apiWorkOrdersImport.link(),
      beforeRequest: { req in
        if let token { req.headers.bearerAuthorization = .init(token: token) }
        req.headers.contentType = HTTPMediaType(type: "application", subType: "x-ndjson")
        req.body = ByteBuffer(string: body)
      }, afterResponse: { res async throws in result = res })
    return try #require(result)
  }

  @Test("Rule WO-EXCHANGE: export as JSON lines and import them elsewhere; a file with a bad line imports nothing")
  func roundTrip() async throws {
    try await withApp { app in
      // Setup: the work-order loop, a complaint line and one with a wrong item
      let loop = try await WorkOrderLoop.make(app)
      let line = loop.complaint(acceptedAt: "2026-03-09T16:00:00+08:00").replacingOccurrences(of: "\n", with: " ")
      let bad = line.replacingOccurrences(of: "conduct.attitude", with: "operations.faultHandling")
      // Act: import with bad JSON, then with the wrong item, then as handlerA
      let refused = try await send(app, [line, bad, "{not json"].joined(separator: "\n"), token: loop.tokens["agent"])
      // Check: refused naming line 3, then line 2, nothing kept; handlerA forbidden
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.apiError?.lines?.map(\.line) == [3])  // JSON is checked before anything is created
      let wrongItem = try await send(app, [line, bad].joined(separator: "\n"), token: loop.tokens["agent"])
      #expect(wrongItem.status == .unprocessableEntity)
      #expect(wrongItem.apiError?.lines?.map(\.line) == [2])
      #expect(try await WorkOrder.query(on: app.db).count() == 0)  // line 1 was rolled back
      #expect(try await send(app, line, token: loop.tokens["handlerA"]).status == .forbidden)

      // Act: import two good lines, then export the complaints as the lead
      let ok = try await send(app, [line, line].joined(separator: "\n") + "\n", token: loop.tokens["agent"])
      // Check: two created; exported as JSON lines with phones and states
      #expect(ok.status == .created, "\(ok.body.string)")
      #expect(try await WorkOrder.query(on: app.db).count() == 2)

      let exported = try await app.api(.GET, Paths.apiWorkOrdersExport.link() + "?type=complaint", token: loop.tokens["lead"])
      #expect(exported.status == .ok)
      #expect(exported.headers.contentType?.subType == "x-ndjson")
      let lines = exported.body.string.split(separator: "\n")
      #expect(lines.count == 2)
      #expect(lines.allSatisfy { $0.contains(#""phone":"13812345678""#) && $0.contains(#""state":"pendingIntakeReview""#) })
    }
  }
}
