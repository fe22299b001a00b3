import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A browser-like client for page tests: keeps the session cookie and reads the CSRF token from
/// the last page, so that forms are posted the way a browser posts them.
final class PageClient: @unchecked Sendable {
  let app: Application
  var cookie: String?
  var lastBody = ""

  init(_ app: Application) { self.app = app }

  @discardableResult
  func get(_ path: String) async throws -> TestingHTTPResponse {
    try await send(.GET, path, form: nil)
  }

  /// Posts a form; the CSRF token of the last page is added unless `csrf` is false.
  @discardableResult
  func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestingHTTPResponse {
    var all = fields
    if csrf, let token = csrfToken { all.append(("csrfToken", token)) }
    return try await send(.POST, path, form: all)
  }

  @discardableResult
  func login(_ username: String, _ password: String = Org.password) async throws -> TestingHTTPResponse {
    try await get("/login")
    return try await post("/login", [("username", username), ("password", password)])
  }

  var csrfToken: String? {
    guard let range = lastBody.range(of: "name=\"csrfToken\" value=\"") else { return nil }
    let rest = lastBody[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  private func send(_ method: HTTPMethod, _ path: String, form: [(String, String)]?) async throws -> TestingHTTPResponse {
    var result: TestingHTTPResponse?
    try await app.testing().test(
      method, path,
      beforeRequest: { req in
        req.headers.replaceOrAdd(name: .accept, value: "text/html")
        if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
        if let form {
          req.headers.contentType = .urlEncodedForm
          let body = form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
          req.body = ByteBuffer(string: body)
        }
      }, afterResponse: { res async throws in result = res })
    let response = result!
    if let setCookie = response.headers.setCookie?["wanjia_session"] {
      cookie = "wanjia_session=\(setCookie.string)"
    }
    if response.headers.contentType?.subType == "html" { lastBody = response.body.string }
    return response
  }

  static func escape(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
  }
}
