import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every number on the KPI dashboard and the complaint bulletin links to exactly the orders it
/// counts: the list behind a figure holds as many orders as the figure says, and the same ones.
@Suite("KPI drill-downs")
struct KPIDrillDownTests {
  struct Figure {
    let measure: String
    let counted: Int
    let countedHref: String
    let base: Int?
    let baseHref: String?
  }

  static func figures(_ html: String) -> [Figure] {
    html.components(separatedBy: #"data-measure=""#).dropFirst().compactMap { chunk in
      let measure = String(chunk.prefix { $0 != "\"" })
      func link(_ cls: String) -> (String, Int)? {
        guard let r = chunk.range(of: #"<a class="\#(cls)" href=""#) else { return nil }
        let rest = chunk[r.upperBound...]
        guard let q = rest.firstIndex(of: "\""), let gt = rest.firstIndex(of: ">"), let lt = rest[gt...].firstIndex(of: "<") else {
          return nil
        }
        let href = String(rest[..<q]).replacingOccurrences(of: "&amp;", with: "&")
        return Int(rest[rest.index(after: gt)..<lt]).map { (href, $0) }
      }
      guard let counted = link("counted") else { return nil }
      let base = chunk.components(separatedBy: "</div>").first.flatMap { $0.contains(#"class="base""#) ? link("base") : nil }
      return Figure(measure: measure, counted: counted.1, countedHref: counted.0, base: base?.1, baseHref: base?.0)
    }
  }

  /// A month of county A: closed, late, unverified, merged, overdue, a repair and a report.
  static func month(_ loop: WorkOrderLoop) async throws -> [String: OrderBody] {
    typealias L = WorkOrderLoop
    var orders: [String: OrderBody] = [:]
    orders["verified"] = try await loop.file(
      then: [
        L.approve, loop.dispatchA, L.contact, L.reply, L.approveReply,
        ("agent", #"{"action":"recordReturnVisit","satisfied":true,"note":"满意"}"#),
      ])
    let late = try await loop.file(then: [L.approve])
    loop.clock.advance(by: 2 * 3600)
    orders["late"] = try await loop.drive(
      late,
      [
        loop.dispatchA, L.contact,
        ("handlerA", #"{"action":"reply","summary":"非供电责任","verified":false,"supplyResponsibility":false}"#), L.approveReply,
        ("agent", #"{"action":"recordReturnVisit","satisfied":false,"note":"仍不满意"}"#),
      ])
    let repair = try await loop.file(
      loop.repair(),
      then: [
        ("agent", #"{"action":"dispatch"}"#), ("handlerA", #"{"action":"recordArrival"}"#),
        ("handlerA", #"{"action":"recordRestoration"}"#),
      ])
    orders["repair"] = repair
    let duplicate = try await loop.file(loop.repair())
    orders["merged"] = try await loop.drive(duplicate, [("agent", #"{"action":"mergeInto","parentId":"\#(repair.id)"}"#)])
    orders["waiting"] = try await loop.file()
    orders["report"] = try await loop.file(loop.report())
    loop.clock.advance(by: 3 * 3600)
    return orders
  }

  @Test("Rule KPI-DRILL-DOWN: every KPI figure's count equals the orders its link lists, numerator and denominator, the same ids")
  func everyFigure() async throws {
    try await withApp { app in
      // Setup: a month of county A's orders with 10,000 customers, and their facts by the Domain rules
      let loop = try await WorkOrderLoop.make(app)
      loop.org.countyA.customerCount = 10_000
      try await loop.org.countyA.save(on: app.db)
      let orders = try await Self.month(loop)
      // The figures' members by the Domain rules, over the stored orders.
      let workflow = try await WorkOrderFlow.workflow(on: app.db)
      let stored = try await WorkOrder.query(on: app.db).all()
      let numbers = Dictionary(uniqueKeysWithValues: stored.map { ($0.savedID, $0.number) })
      let now = loop.clock.now()
      let facts = try stored.map { try WorkOrderFacts.facts($0, calendar: workflow.calendar, now: now) }

      // Act: open the KPI page as lead and as admin and follow every figure's links
      for user in ["lead", "admin"] {
        let client = PageClient(app)
        try await client.login(user)
        let page = try await client.get(Paths.kpi.link() + "?unitId=\(loop.org.countyA.savedID)&month=2026-03")
        // Check: every figure counts exactly the orders its links list
        #expect(page.status == .ok)
        let figures = Self.figures(page.body.string)
        #expect(Set(figures.map(\.measure)) == Set(KPIMeasure.allCases.map(\.rawValue)).subtracting(["countedVolume"]))
        for figure in figures {
          let measure = try #require(KPIMeasure(rawValue: figure.measure))
          let members = WorkOrderKPIs.members(measure, facts, allFacts: facts, asOf: now)
          let listed = try await client.listedAll(figure.countedHref)
          #expect(listed.count == figure.counted, "\(user) \(figure.measure) counted")
          #expect(Set(listed) == Set(members.counted.compactMap { numbers[$0] }), "\(user) \(figure.measure) counted ids")
          #expect(measure.isRate == (figure.baseHref != nil), "\(figure.measure)")
          if let baseHref = figure.baseHref, let base = figure.base {
            let listedBase = try await client.listedAll(baseHref)
            #expect(listedBase.count == base, "\(user) \(figure.measure) base")
            #expect(Set(listedBase) == Set((members.base ?? []).compactMap { numbers[$0] }), "\(user) \(figure.measure) base ids")
          }
        }
        // Spot checks against the scenario: all but the merged duplicate were taken in; one counted complaint.
        let volume = try #require(figures.first { $0.measure == "volume" })
        #expect(volume.counted == 5)
        let complaints = try #require(figures.first { $0.measure == "countedComplaints" })
        #expect(try await client.listedAll(complaints.countedHref) == [try #require(orders["verified"]).number])
        let dispatch = try #require(figures.first { $0.measure == "dispatchTimeliness" })
        #expect(!(try await client.listedAll(dispatch.countedHref)).contains(try #require(orders["late"]).number))
        #expect(try await client.listedAll(try #require(dispatch.baseHref)).contains(try #require(orders["late"]).number))

        // Act: open the month's bulletin
        // The bulletin: its count and its list are the 万户投诉率's complaints.
        let bulletin = try await client.get(Paths.bulletin.link() + "?unitId=\(loop.org.countyA.savedID)&month=2026-03")
        let listHref = try #require(PageClient.attribute(in: bulletin.body.string, id: "bulletin-list", name: "href"))
        // Check: one complaint, the same one its link lists
        #expect(bulletin.body.string.contains(#"id="bulletin-list">1 件</a>"#))
        #expect(try await client.listedAll(listHref) == [try #require(orders["verified"]).number])
        #expect(bulletin.body.string.contains(">\(try #require(orders["verified"]).number)</a>"))
      }
    }
  }

  @Test("Rule KPI-DRILL-DOWN: a chart bar lists the orders of its type or category; a bad KPI or part is refused")
  func bars() async throws {
    try await withApp { app in
      // Setup: a month of county A's orders and the lead signed in
      let loop = try await WorkOrderLoop.make(app)
      let orders = try await Self.month(loop)
      let lead = PageClient(app)
      try await lead.login("lead")
      // Act: list the orders behind chart bars, and ask for a bad KPI, part and month
      let base = Paths.workOrders.link() + "?view=all&unitId=\(loop.org.countyA.savedID)&month=2026-03"
      // Check: each bar lists its orders; the bad ones are refused
      #expect(
        try await lead.listedAll(base + "&kpi=countedVolume&part=counted&type=faultRepair") == [try #require(orders["repair"]).number])
      #expect(
        try await lead.listedAll(base + "&kpi=countedComplaints&part=counted&category=conduct") == [try #require(orders["verified"]).number]
      )
      #expect(try await lead.listedAll(base + "&kpi=countedComplaints&part=counted&category=operations").isEmpty)
      #expect(try await lead.get(base + "&kpi=speed").status == .badRequest)
      #expect(try await lead.get(base + "&kpi=volume&part=base").status == .badRequest)
      #expect(try await lead.get(Paths.kpi.link() + "?month=2026-13").status == .unprocessableEntity)
    }
  }
}
