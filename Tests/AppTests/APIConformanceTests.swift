import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The API answers as its document says — error bodies, status codes, dates in
/// bodies, methods — which the schemathesis run in e2e/ checks across every operation.
@Suite("API conformance to its document")
struct APIConformanceTests {
  @Test(
    "Rule ORG-REQUEST-VALUES: a date in a JSON body that is not ISO 8601 in 2000–2100 is a 422 naming the field, not a 400 for the body")
  func bodyDates() async throws {
    try await withApp { app in
      // Setup: an org and an agent with a token
      let org = try await Org.make(app)
      try await org.user(app, "agent1", [.agent], org.city)
      let token = try await app.token("agent1")
      // Act: post a work order with each bad acceptedAt date
      for value in ["", "9999-12-31T00:00:00Z", "0001-01-01T00:00:00Z", "yesterday", "2026-02-30T10:00:00Z"] {
        let json =
          #"{"type":"consultation","channel":"phone95598","area":"urban","unitId":"\#(org.countyA.savedID)","#
          + #""customer":{"account":"0112345678","name":"张三","phone":"13800000000","address":"城关路1号"},"#
          + #""content":"咨询电价","answer":"已答复","acceptedAt":"\#(value)"}"#
        let res = try await app.api(.POST, Paths.apiWorkOrders.link(), token: token, json: json)
        // Check: a 422 naming acceptedAt
        #expect(res.status == .unprocessableEntity && res.apiError?.field == "acceptedAt", "\(value): \(res.status) \(res.body.string)")
      }
    }
  }

  @Test("Rule ORG-REQUEST-VALUES: a path that exists under other methods is a 405 with Allow, also where the router took a word for an id")
  func methodNotAllowed() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      for (method, path, allow) in [
        (HTTPMethod.PUT, Paths.apiWorkOrders.link(), "GET, POST"), (.GET, Paths.apiWorkOrdersImport.link(), "POST"),
        (.TRACE, Paths.apiAudit.link(), "GET"), (.DELETE, Paths.apiMe.link(), "GET"),
      ] {
        // Act: call the path with a method it does not serve
        let res = try await app.api(method, path, token: token)
        // Check: a 405 with the Allow header and code method_not_allowed
        #expect(res.status == .methodNotAllowed, "\(method) \(path): \(res.status)")
        #expect(res.headers.first(name: .allow) == allow, "\(method) \(path)")
        #expect(res.apiError?.code == "method_not_allowed")
      }
      // Check: an unknown path and an unknown id are 404s
      #expect(try await app.api(.GET, "/api/v1/nothing-here", token: token).status == .notFound)
      #expect(try await app.api(.GET, Paths.apiWorkOrder.link(UUID()), token: token).status == .notFound)
    }
  }

  @Test("Error bodies name a field only when there is one; a body without its type is a 415 saying so")
  func errorBodies() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: get a unit that does not exist
      let missing = try await app.api(.GET, Paths.apiUnit.link(UUID()), token: token)
      // Check: a 404 without a field
      #expect(missing.status == .notFound && !missing.body.string.contains("\"field\""), "\(missing.body.string)")
      // Act: post JSON to departments without a content type
      var res: TestingHTTPResponse?
      try await app.testing().test(
        .POST, Paths.apiDepartments.link(),
        beforeRequest: { req in
          req.headers.bearerAuthorization = .init(token: token)
          req.body = ByteBuffer(string: #"{"code":"X"}"#)
        }, afterResponse: { r async throws in res = r })
      // Check: a 415 saying unsupported_media_type
      #expect(res?.status == .unsupportedMediaType && res?.apiError?.code == "unsupported_media_type")
    }
  }

  @Test("A wave's sample size is checked even when a percentage is given too")
  func waveSampleSize() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      _ = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: post a wave with sampleCount 0 and samplePercent 3
      let json = #"{"code":"W9","name":"检查","year":2026,"sampleCount":0,"samplePercent":3}"#
      let res = try await app.api(.POST, Paths.apiSurveyWaves.link(), token: token, json: json)
      // Check: a 422 naming sampleCount
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "sampleCount", "\(res.body.string)")
      // On the page a number that is not one is refused, not replaced by the default.
      // Act: add a wave on the page with attemptLimit "abc"
      let client = PageClient(app)
      try await client.login("admin")
      try await client.get(Paths.surveys.link())
      let page = try await client.post(Paths.surveys.link(), [("code", "W10"), ("name", "检查"), ("year", "2026"), ("attemptLimit", "abc")])
      // Check: a 422 showing the attemptLimit error
      #expect(page.status == .unprocessableEntity && page.body.string.contains("error-attemptLimit"), "\(page.status)")
    }
  }
}
