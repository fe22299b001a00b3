import Domain
import Fluent
import Foundation
import Spreadsheet
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Monthly complaint bulletin and XLSX exports")
struct BulletinTests {
  /// A complaint taken to the reply, with or without the investigation record.
  func replied(_ loop: WorkOrderLoop, investigation: String) async throws -> TestingHTTPResponse {
    var order = try loop.decode(
      try await loop.app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
    for (who, json) in [
      ("lead", #"{"action":"approveIntake"}"#), ("lead", #"{"action":"dispatch","unitId":"\#(loop.org.countyA.savedID)"}"#),
      ("handlerA", #"{"action":"recordFirstContact"}"#),
    ] {
      order = try loop.decode(try await loop.act(who, order, json))
    }
    let reply = #"{"action":"reply","summary":"已核实","verified":true,"supplyResponsibility":true,"investigation":\#(investigation)}"#
    return try await loop.act("handlerA", order, reply)
  }

  @Test(
    "Rule WO-BULLETIN, WO-INVESTIGATION: a verified complaint's investigation record is printed in the month's bulletin, on the page and in XLSX"
  )
  func bulletin() async throws {
    try await withApp { app in
      // Setup: the work-order loop
      let loop = try await WorkOrderLoop.make(app)
      // Act: reply with a 501-character cause, then with a full investigation record
      let tooLong = try await replied(loop, investigation: #"{"cause":"\#(String(repeating: "长", count: 501))"}"#)
      // Check: the first is a 422 on cause, the second saved
      #expect(tooLong.status == .unprocessableEntity && tooLong.apiError?.field == "cause")
      let res = try await replied(
        loop,
        investigation:
          #"{"course":"客户来电反映抄表员态度恶劣","handling":"当日上门道歉","cause":"员工服务意识淡薄","responsibility":"城关供电所抄表班","correctiveAction":"全所服务规范培训","personnelOutcome":"考核200元"}"#
      )
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(res.body.string.contains("全所服务规范培训"))

      // Act: open March's and April's city bulletin as admin
      let reviewer = PageClient(app)
      try await reviewer.login("admin")
      let page = try await reviewer.get(Paths.bulletin.link() + "?unitId=\(loop.org.city.savedID)&month=2026-03")
      // Check: March lists the record, April is empty
      #expect(page.status == .ok)
      for text in ["清河市供电公司 2026-03 投诉事件通报", "员工服务意识淡薄", "考核200元", "服务态度"] {
        #expect(page.body.string.contains(text), "\(text)")
      }
      #expect(
        try await reviewer.get(Paths.bulletin.link() + "?unitId=\(loop.org.city.savedID)&month=2026-04").body.string.contains(
          "bulletin-empty"))

      // Act: download the bulletin and the order list as XLSX
      for path in [Paths.bulletinXLSX.link() + "?unitId=\(loop.org.city.savedID)&month=2026-03", Paths.workOrdersXLSX.link() + "?view=all"]
      {
        var data = Data()
        try await app.testing().test(
          .GET, path, beforeRequest: { req in req.headers.replaceOrAdd(name: .cookie, value: reviewer.cookie ?? "") },
          afterResponse: { res async throws in
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            data = Data(buffer: res.body)
          })
        // Check: the bulletin has the complaint; the list masks phones
        let rows = try SpreadsheetReader.rows(in: data)
        if path.contains("bulletin") {
          #expect(rows.count == 3)  // title, header, one complaint
          #expect(rows[2].contains("员工服务意识淡薄"))
        } else {
          #expect(rows.count == 3)  // header and the two complaints
          #expect(rows[1].contains { $0.contains("*") })  // phones masked
        }
      }
    }
  }
}
