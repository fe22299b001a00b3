import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Audit log")
struct AuditTests {
  @Test("Rule ORG-AUDIT: audit records are append-only — the database refuses updates and deletes")
  func appendOnly() async throws {
    try await withApp { app in
      // Setup: an org, whose creation is audited
      _ = try await Org.make(app)
      let count = try await AuditRecord.query(on: app.db).count()
      #expect(count >= 3)
      // Act: update and delete audit rows in SQL
      let sql = try #require(app.db as? any SQLDatabase)
      // Check: the database refuses both; the rows are unchanged
      await #expect(throws: (any Error).self) {
        try await sql.raw("UPDATE audit_records SET actor_name = 'mallory'").run()
      }
      await #expect(throws: (any Error).self) {
        try await sql.raw("DELETE FROM audit_records").run()
      }
      #expect(try await AuditRecord.query(on: app.db).count() == count)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$actorName == "mallory").count() == 0)
    }
  }

  @Test("The audit API and page filter by entity, actor and date")
  func filters() async throws {
    try await withApp { app in
      // Setup: an org and the admin's token
      let org = try await Org.make(app)
      let token = try await app.token("admin")
      // Act: rename a unit, then filter the audit by entity and actor
      _ = try await app.api(.PATCH, Paths.apiUnit.link(org.stationA.savedID), token: token, json: #"{"name":"城关中心供电所"}"#)
      let res = try await app.api(.GET, Paths.apiAudit.link() + "?entity=unit&actor=admin", token: token)
      let items = try res.content.decode(ListResponse<AuditEntryDTO>.self).items
      // Check: one update with the name before and after
      #expect(items.count == 1)
      #expect(items[0].action == .update)
      #expect(items[0].before?.contains("城关供电所") == true)
      #expect(items[0].after?.contains("城关中心供电所") == true)
      // Act: filter by users, a future date and a bad date
      let users = try await app.api(.GET, Paths.apiAudit.link() + "?entity=user", token: token)
      // Check: three users, none in the future, a 422 on from
      #expect(try users.content.decode(ListResponse<AuditEntryDTO>.self).items.count == 3)
      let future = try await app.api(.GET, Paths.apiAudit.link() + "?from=2099-01-01", token: token)
      #expect(try future.content.decode(ListResponse<AuditEntryDTO>.self).items.isEmpty)
      let bad = try await app.api(.GET, Paths.apiAudit.link() + "?from=soon", token: token)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.apiError?.field == "from")
      // Act: open the audit page filtered by unit
      let client = PageClient(app)
      try await client.login("admin")
      let page = try await client.get(Paths.audit.link() + "?entity=unit")
      // Check: the page shows the new name
      #expect(page.status == .ok)
      #expect(page.body.string.contains("城关中心供电所"))
    }
  }
}
