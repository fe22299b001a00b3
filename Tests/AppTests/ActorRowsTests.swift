import Fluent
import Foundation
import SQLKit
import Testing

@testable import App

/// Actors read as plain rows agree with the Fluent models they replace on hot paths.
@Suite("Actors from plain rows")
struct ActorRowsTests {
  static func same(_ a: Actor, _ b: Actor) -> Bool {
    a.userID == b.userID && a.username == b.username && a.displayName == b.displayName && a.roles == b.roles
      && a.unitID == b.unitID && a.unitName == b.unitName && a.unitPath == b.unitPath && a.locale == b.locale
  }

  @Test("Every user reads the same as from the model; a disabled one reads as nobody; units select their active users")
  func agreeWithModels() async throws {
    try await withApp { app in
      // Setup: an org with its users
      let org = try await Org.make(app)
      let sql = try #require(app.db as? any SQLDatabase)
      // Act: read every user as a plain row and as a model
      let users = try await User.query(on: app.db).with(\.$unit).all()
      // Check: they agree, and countyA's active users are selected
      #expect(users.count >= 3)
      for user in users {
        let row = try #require(try await ActorRows.user(user.savedID, on: sql))
        #expect(Self.same(row, try user.actor), "\(user.username)")
      }
      let inCountyA = try await ActorRows.active(inUnits: [org.countyA.savedID], on: sql)
      let expected = users.filter { $0.$unit.id == org.countyA.savedID && $0.isActive }.compactMap(\.id)
      #expect(Set(inCountyA.map(\.userID)) == Set(expected) && !expected.isEmpty)

      // Act: disable a user of countyA
      let someone = try #require(users.first { $0.$unit.id == org.countyA.savedID })
      someone.isActive = false
      try await someone.save(on: app.db)
      // Check: the user reads as nobody and is no longer selected
      #expect(try await ActorRows.user(someone.savedID, on: sql) == nil)
      #expect(!(try await ActorRows.active(inUnits: [org.countyA.savedID], on: sql)).contains { $0.userID == someone.id })

      // Act: read the admin's token holder and a wrong token's
      let token = try await app.token("admin")
      let admin = try #require(try await ActorRows.holder(ofTokenHash: ApiToken.hash(token), now: Date(), on: sql))
      // Check: the admin, then nobody
      #expect(admin.username == "admin" && admin.isAdmin)
      #expect(try await ActorRows.holder(ofTokenHash: ApiToken.hash("not-a-token"), now: Date(), on: sql) == nil)
    }
  }
}
