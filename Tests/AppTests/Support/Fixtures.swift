import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A small organisation for tests: a company, a city, two counties (A with a station), and an
/// admin at the city, a handler in county A and an agent in county B.
struct Org {
  let company: OrgUnit
  let city: OrgUnit
  let countyA: OrgUnit
  let countyB: OrgUnit
  let stationA: OrgUnit
  static let password = "correct-horse-1"

  static func make(_ app: Application) async throws -> Org {
    let db = app.db
    let company = OrgUnit(code: "P", name: "省公司", kind: .company, parent: nil)
    try await company.create(on: db)
    let city = OrgUnit(code: "C", name: "清河市供电公司", kind: .city, parent: company)
    try await city.create(on: db)
    let a = OrgUnit(code: "A", name: "临川县供电公司", kind: .county, parent: city)
    try await a.create(on: db)
    let b = OrgUnit(code: "B", name: "白石县供电公司", kind: .county, parent: city)
    try await b.create(on: db)
    let s = OrgUnit(code: "A-S1", name: "城关供电所", kind: .station, parent: a)
    try await s.create(on: db)
    let org = Org(company: company, city: city, countyA: a, countyB: b, stationA: s)
    try await org.user(app, "admin", [.admin], city)
    try await org.user(app, "handlerA", [.handler], a)
    try await org.user(app, "agentB", [.agent], b)
    return org
  }

  @discardableResult
  func user(_ app: Application, _ username: String, _ roles: [Role], _ unit: OrgUnit) async throws -> User {
    try await UserService.create(
      .init(
        username: username, displayName: username + " 姓名", password: Org.password, unitID: unit.savedID.uuidString,
        roles: roles.map(\.rawValue)
      ),
      actor: nil, on: app.db, credentials: app.credentials, now: app.clock.now())
  }
}

struct TokenBody: Codable { let token: String }

extension Application {
  /// An API token for a user, through the public token endpoint.
  func token(_ username: String, password: String = Org.password) async throws -> String {
    var token = ""
    try await testing().test(
      .POST, Paths.apiTokens.link(),
      beforeRequest: { req in
        try req.content.encode(["username": username, "password": password, "name": "test"])
      },
      afterResponse: { res async throws in
        #expect(res.status == .created, "token for \(username): \(res.body.string)")
        token = try res.content.decode(TokenBody.self).token
      })
    return token
  }

  /// Sends an API request with a bearer token and returns the response.
  func api(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil) async throws -> TestingHTTPResponse {
    var result: TestingHTTPResponse?
    try await testing().test(
      method, path,
      beforeRequest: { req in
        if let token { req.headers.bearerAuthorization = .init(token: token) }
        if let json {
          req.headers.contentType = .json
          req.body = ByteBuffer(string: json)
        }
      }, afterResponse: { res async throws in result = res })
    return try #require(result)
  }

  /// Posts a CSV body to an import endpoint with a bearer token.
  func postCSV(_ path: String, _ data: Data, token: String) async throws -> TestingHTTPResponse {
    var result: TestingHTTPResponse?
    try await testing().test(
      .POST, path,
      beforeRequest: { req in
        req.headers.bearerAuthorization = .init(token: token)
        req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
        req.body = ByteBuffer(data: data)
      }, afterResponse: { res async throws in result = res })
    return try #require(result)
  }
}

/// Error bodies as the API sends them.
struct APIError: Decodable {
  struct Detail: Decodable {
    let code: String
    let message: String
    let field: String?
    let lines: [Line]?
  }
  struct Line: Decodable {
    let line: Int
    let field: String
    let message: String
  }
  let error: Detail
}

extension TestingHTTPResponse {
  var apiError: APIError.Detail? { try? JSONDecoder().decode(APIError.self, from: Data(body.string.utf8)).error }
}

extension Model where IDValue == UUID {
  /// The id of a saved record. An unsaved one fails the test (rule ARCH-TEST-FIXTURES) rather than
  /// crashing the run.
  var savedID: UUID {
    guard let id else {
      Issue.record("\(Self.self) has no id: it was not saved")
      return UUID()
    }
    return id
  }
}

/// An instant written in ISO 8601 with its offset; a malformed one fails the test.
func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Date {
  guard let date = BusinessTime.parseInstant(text) else {
    Issue.record("not an instant: \(text)", sourceLocation: sourceLocation)
    return .distantPast
  }
  return date
}

/// Files the upload tests send.
enum SampleFiles {
  /// The PNG signature and 100 bytes: accepted as an image attachment.
  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
}
