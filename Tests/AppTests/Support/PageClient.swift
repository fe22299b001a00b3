import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A response as tests read it, from the API tester or a page client.
protocol HTTPAnswer {
  var status: HTTPStatus { get }
  var headers: HTTPHeaders { get }
  var body: ByteBuffer { get }
}

extension TestingHTTPResponse: HTTPAnswer {}

/// What a page request answered, in memory or over HTTP.
struct PageResponse: HTTPAnswer, Sendable {
  var status: HTTPStatus
  var headers: HTTPHeaders
  var body: ByteBuffer
}

/// A browser-like client for page tests: keeps the session cookie and reads the CSRF token from
/// the last page, so that forms are posted the way a browser posts them. `overHTTP` sends each
/// request through a real socket to the server on a free port, so that bodies arrive in pieces
/// as they do from a browser (in memory they arrive whole); redirects are not followed, as a
/// test wants to see them.
final class PageClient: @unchecked Sendable {
  let app: Application
  let overHTTP: Bool
  var cookie: String?
  var lastBody = ""

  init(_ app: Application, overHTTP: Bool = false) {
    self.app = app
    self.overHTTP = overHTTP
    if overHTTP { app.http.client.configuration.redirectConfiguration = .disallow }
  }

  @discardableResult
  func get(_ path: String) async throws -> PageResponse {
    try await send(.GET, path, form: nil)
  }

  /// Posts a form; the CSRF token of the last page is added unless `csrf` is false.
  @discardableResult
  func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> PageResponse {
    var all = fields
    if csrf, let token = csrfToken { all.append(("csrfToken", token)) }
    return try await send(.POST, path, form: all)
  }

  @discardableResult
  func login(_ username: String, _ password: String = Org.password) async throws -> PageResponse {
    try await get(Paths.login.link())
    return try await post(Paths.login.link(), [("username", username), ("password", password)])
  }

  var csrfToken: String? {
    guard let range = lastBody.range(of: "name=\"csrfToken\" value=\"") else { return nil }
    let rest = lastBody[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  private func send(_ method: HTTPMethod, _ path: String, form: [(String, String)]?) async throws -> PageResponse {
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .accept, value: "text/html")
    if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
    var body: ByteBuffer?
    if let form {
      headers.contentType = .urlEncodedForm
      body = ByteBuffer(string: form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&"))
    }
    let response = overHTTP ? try await sendOverHTTP(method, path, headers, body) : try await sendInMemory(method, path, headers, body)
    if let setCookie = response.headers.setCookie?["wanjia_session"] {
      cookie = "wanjia_session=\(setCookie.string)"
    }
    if response.headers.contentType?.subType == "html" { lastBody = response.body.string }
    return response
  }

  private func sendInMemory(
    _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ body: ByteBuffer?
  ) async throws
    -> PageResponse
  {
    var result: PageResponse?
    try await app.testing().test(
      method, path,
      beforeRequest: { req in
        req.headers = headers
        if let body { req.body = body }
      }, afterResponse: { res async throws in result = PageResponse(status: res.status, headers: res.headers, body: res.body) })
    return try #require(result)
  }

  private func sendOverHTTP(
    _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ body: ByteBuffer?
  ) async throws
    -> PageResponse
  {
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    do {
      let port = try #require(app.http.server.shared.localAddress?.port)
      let response = try await app.client.send(method, headers: headers, to: URI(string: "http://127.0.0.1:\(port)\(path)")) {
        if let body { $0.body = body }
      }
      await app.server.shutdown()
      return PageResponse(status: response.status, headers: response.headers, body: response.body ?? ByteBuffer())
    } catch {
      await app.server.shutdown()
      throw error
    }
  }

  static func escape(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
  }
}

extension PageClient {
  static let confirmed = ("confirm", "yes")
}

extension PageClient {
  /// The refusal names the `confirm` field in the user's language.
  static func expectConfirmRefused(_ res: some HTTPAnswer, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(res.status == .unprocessableEntity, "\(res.body.string.prefix(300))", sourceLocation: sourceLocation)
    #expect(res.body.string.contains("id=\"error-confirm\""), sourceLocation: sourceLocation)
    #expect(res.body.string.contains("请勾选确认"), sourceLocation: sourceLocation)
  }
}
