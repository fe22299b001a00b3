import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("API tokens and /api/v1/me")
struct TokenTests {
  @Test("A token is returned once, stored hashed, and authenticates /api/v1/me")
  func createAndUse() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: create a token for handlerA and call /api/v1/me with it
      let token = try await app.token("handlerA")
      // Check: a wj_ token stored only as its hash; me is handlerA in its unit
      #expect(token.hasPrefix("wj_"))
      let stored = try await ApiToken.query(on: app.db).all()
      #expect(stored.count == 1)
      #expect(stored[0].tokenHash != token)
      #expect(stored[0].tokenHash == ApiToken.hash(token))
      let me = try await app.api(.GET, Paths.apiMe.link(), token: token)
      #expect(me.status == .ok)
      let dto = try me.content.decode(UserDTO.self)
      #expect(dto.username == "handlerA")
      #expect(dto.unit.name == "临川县供电公司")
      #expect(dto.roles == [.handler])
    }
  }

  @Test("Owners list and revoke their tokens; a revoked token stops working")
  func revoke() async throws {
    try await withApp { app in
      // Setup: an org with tokens for handlerA and agentB
      _ = try await Org.make(app)
      let token = try await app.token("handlerA")
      let other = try await app.token("agentB")
      // Act: list handlerA's tokens, revoke agentB's as handlerA, then revoke handlerA's own
      let list = try await app.api(.GET, Paths.apiTokens.link(), token: token)
      let items = try list.content.decode(ListResponse<TokenDTO>.self).items
      // Check: one listed; the other's is not found and still works; the own revoked stops working
      #expect(items.count == 1)
      let otherID = try #require(try await ApiToken.query(on: app.db).filter(\.$tokenHash == ApiToken.hash(other)).first()?.id)
      // Someone else's token is not found, not revoked.
      #expect(try await app.api(.DELETE, Paths.apiToken.link(otherID), token: token).status == .notFound)
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: other).status == .ok)
      #expect(try await app.api(.DELETE, Paths.apiToken.link(items[0].id), token: token).status == .noContent)
      let after = try await app.api(.GET, Paths.apiMe.link(), token: token)
      #expect(after.status == .unauthorized)
      #expect(after.apiError?.code == "unauthorized")
    }
  }

  @Test("Bad token requests get clear 4xx errors naming the field")
  func badInput() async throws {
    try await withApp { app in
      // Setup: an org
      _ = try await Org.make(app)
      // Act: ask for tokens with a wrong password, a broken body, a missing, wrong-typed, long or NUL field
      let wrong = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"handlerA","password":"nope-nope","name":"x"}"#)
      // Check: each a clear 4xx naming the code or field
      #expect(wrong.status == .unauthorized)
      #expect(wrong.apiError?.code == "invalid_credentials")
      let malformed = try await app.api(.POST, Paths.apiTokens.link(), token: nil, json: #"{"username": "#)
      #expect(malformed.status == .badRequest)
      #expect(malformed.apiError?.code == "malformed_body")
      let missing = try await app.api(.POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"handlerA","password":"x"}"#)
      #expect(missing.status == .unprocessableEntity)
      #expect(missing.apiError?.field == "name")
      let wrongType = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"handlerA","password":"x","name":5}"#)
      #expect(wrongType.status == .unprocessableEntity)
      #expect(wrongType.apiError?.field == "name")
      let long = String(repeating: "长", count: 101)
      let tooLong = try await app.api(
        .POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"handlerA","password":"correct-horse-1","name":"\#(long)"}"#)
      #expect(tooLong.status == .unprocessableEntity)
      #expect(tooLong.apiError?.field == "name")
      // A NUL character (which PostgreSQL cannot store) is refused before any query.
      let nul = try await app.api(.POST, Paths.apiTokens.link(), token: nil, json: #"{"username":"a\u0000b","password":"x","name":"x"}"#)
      #expect(nul.status == .badRequest)
      #expect(nul.apiError?.code == "invalid_characters")
      // Act: call the API with %00 in the query, a forged token and no token
      let admin = try await app.token("admin")
      // Check: 400, then 401 twice
      #expect(try await app.api(.GET, Paths.apiAudit.link() + "?actor=a%00b", token: admin).status == .badRequest)
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: "wj_forged").status == .unauthorized)
      #expect(try await app.api(.GET, Paths.apiMe.link(), token: nil).status == .unauthorized)
    }
  }
}
