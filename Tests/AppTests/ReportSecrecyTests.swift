import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A reporter's (举报人) identity is confidential (ORG-MASK-REPORTER, WO-REPORT-SECRECY): for roles
/// not cleared to see reporters, no path ties a report to its customer.
@Suite("Reporter secrecy")
struct ReportSecrecyTests {
  @Test(
    "Rule WO-REPORT-SECRECY: for roles not cleared, reports are absent from repeat contacts, merge candidates, the lookup, queues and exports"
  )
  func everyPath() async throws {
    try await withApp { app in
      // Setup: the work-order loop, a cleared chief, a complaint and two reports by the same customer
      let loop = try await WorkOrderLoop.make(app)
      // Cleared to see reporters (admin) and able to merge (agent).
      try await loop.org.user(app, "chief", [.admin, .agent], loop.org.city)
      let complaint = try await loop.file()
      loop.clock.advance(by: 600)
      let firstReport = try await loop.file(loop.report())
      loop.clock.advance(by: 600)
      let report = try await loop.file(loop.report())
      let reports = [firstReport.number, report.number]

      // Act: open the order pages, the lookup and the CSV export as each user (this helper, run per role below)
      func check(_ user: String, cleared: Bool) async throws {
        let client = PageClient(app)
        try await client.login(user)
        func shows(_ html: String, _ number: String) -> Bool { html.contains(number) }
        /// All the reports for the cleared, none for anyone else.
        func reportsShown(_ html: String) -> Bool? {
          let shown = reports.filter { html.contains($0) }.count
          return shown == reports.count ? true : shown == 0 ? false : nil
        }
        // Check: the reports shown to the cleared only
        // 1. The customer's other order lists its repeat contacts.
        let complaintPage = try await client.get(Paths.workOrder.link(complaint.id)).body.string
        #expect(reportsShown(complaintPage) == cleared, "\(user): repeat contacts")
        // 2. The report's page lists the customer's other orders ("links back").
        let reportPage = try await client.get(Paths.workOrder.link(report.id)).body.string
        #expect(shows(reportPage, complaint.number) == cleared, "\(user): the report links back")
        #expect(shows(reportPage, firstReport.number) == cleared, "\(user): merge candidates and related")
        // 3. The lookup while typing.
        for query in ["phone=13812345678", "account=0101234567"] {
          let lookup = try await client.get(Paths.workOrderContacts.link() + "?\(query)").body.string
          #expect(shows(lookup, complaint.number), "\(user) \(query)")
          #expect(reportsShown(lookup) == cleared, "\(user) \(query): lookup")
        }
        // 4. Exports.
        let csv = try await client.get(Paths.workOrdersCSV.link() + "?view=all").body.string
        #expect(shows(csv, complaint.number), "\(user) csv")
        #expect(reportsShown(csv) == cleared, "\(user): CSV export")
      }
      for user in ["lead", "agent", "handlerA", "reviewer"] { try await check(user, cleared: false) }
      for user in ["admin", "chief"] { try await check(user, cleared: true) }

      // Act: list the queues as agent and lead, then dispatch a report
      // 5. Queues: a report appears to someone not cleared only while it waits on them.
      let agent = PageClient(app)
      try await agent.login("agent")
      for view in ["mine", "watching", "all", "due", "overdue"] {
        let listed = try await agent.listed(Paths.workOrders.link() + "?view=\(view)")
        // Check: a report is listed, masked, only while it waits on the user
        #expect(!listed.contains(where: reports.contains), "agent \(view)")
      }
      let lead = PageClient(app)
      try await lead.login("lead")
      let leadsOwn = try await lead.listed(Paths.workOrders.link() + "?view=mine")
      #expect(Set(reports).isSubset(of: Set(leadsOwn)))  // their review: the work, without the reporter
      let leadPage = try await lead.get(Paths.workOrders.link() + "?view=mine").body.string
      let row = try #require(leadPage.components(separatedBy: "<tr").first { $0.contains(report.number) })
      #expect(row.contains("<td>***</td><td>***</td>") && !row.contains("张先生"))
      // Once it no longer waits on the lead, the lead's lists drop it.
      _ = try await loop.drive(report, [WorkOrderLoop.approve, loop.dispatchA])
      #expect(!(try await lead.listed(Paths.workOrders.link() + "?view=watching")).contains(report.number))
      #expect(!(try await lead.listed(Paths.workOrders.link() + "?view=all")).contains(report.number))
      let handler = PageClient(app)
      try await handler.login("handlerA")
      #expect(try await handler.listed(Paths.workOrders.link() + "?view=mine").contains(report.number))

      // Act: list and export through the API as agent, lead and admin
      // 6. The API: lists, JSON-lines export.
      let apiList = try await app.api(.GET, Paths.apiWorkOrders.link() + "?view=all", token: loop.tokens["agent"])
      let apiBody = apiList.body.string
      // Check: only admin gets the reports
      #expect(apiList.status == .ok && !reports.contains { apiBody.contains($0) })
      let lines = try await app.api(.GET, Paths.apiWorkOrdersExport.link(), token: loop.tokens["lead"])
      let linesBody = lines.body.string
      #expect(lines.status == .ok && linesBody.contains(complaint.number))
      #expect(!reports.contains { linesBody.contains($0) })
      let adminToken = try await app.token("admin")
      let adminLines = try await app.api(.GET, Paths.apiWorkOrdersExport.link(), token: adminToken)
      let adminBody = adminLines.body.string
      #expect(reports.allSatisfy { adminBody.contains($0) })
    }
  }
}
