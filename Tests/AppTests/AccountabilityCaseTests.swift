import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

struct CaseBody: Decodable {
  struct Line: Decodable {
    let role: String
    let personId: UUID?
    let unitId: UUID?
    let minFen: Int
    let maxFen: Int?
    let amountFen: Int
    let sanction: String?
  }
  let id: UUID
  let version: Int
  let state: String
  let cause: String
  let severity: String
  let outsideChannel: String?
  let doubled: Bool
  let lines: [Line]
}

struct LedgerBody: Decodable {
  let month: String
  let kind: String
  let chargedFen: Int
  let deductedFen: Int
  let carriedFen: Int
}

/// Accountability cases through the API, opened by a verified complaint of the work-order loop
/// (Tuesday 10 March 2026).
@Suite("Accountability cases through the API")
struct AccountabilityCaseTests {
  typealias Loop = WorkOrderLoop

  static func pay(_ app: Application, _ username: String, _ month: String, _ fen: Int) async throws {
    let user = try #require(try await User.query(on: app.db).filter(\.$username == username).first())
    let pay = PerformancePay()
    pay.$person.id = try user.requireID()
    pay.month = month
    pay.amountFen = fen
    pay.updatedAt = app.clock.now()
    try await pay.create(on: app.db)
  }

  @Test(
    "Rule ACC-CASE-OPEN: a verified complaint opens one proposed case with the handler as main responsible at the default amount; overturned, it is withdrawn"
  )
  func opened() async throws {
    try await withApp { app in
      // Setup: a verified complaint of the work-order loop
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      // Act: read the order's cases through the API as the reviewer
      let res = try await app.api(.GET, Paths.apiAccountabilityCases.link() + "?workOrderId=\(order.id)", token: loop.tokens["reviewer"])
      let json = res.body.string
      for key in [
        #""id""#, #""state""#, #""cause""#, #""severity""#, #""doubled""#, #""lines""#, #""role""#, #""minFen""#, #""amountFen""#,
      ] {
        // Check: the JSON has the case fields
        #expect(json.contains(key), "\(key)")
      }
      // Check: one proposed case, handlerA main at the default ¥100 in ¥100–200, audited
      let cases = try await AccountabilityFixtures.cases(loop, "reviewer", order: order)
      let handler = try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first())
      #expect(cases.count == 1)
      let found = try #require(cases.first)
      #expect(found.state == "proposed" && found.cause == "quality_error" && found.severity == "general" && !found.doubled)
      #expect(found.lines.count == 1)
      #expect(found.lines.first?.personId == handler.id && found.lines.first?.role == "main")
      #expect(found.lines.first?.minFen == 10_000 && found.lines.first?.maxFen == 20_000 && found.lines.first?.amountFen == 10_000)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .accountabilityCase).count() == 1)
      // The finding overturned: withdrawn with the order named; verified again: proposed again.
      // Act: overturn the finding, then verify it again through the 12398 channel
      try await app.complaintObservers.overturned(orderID: order.id, number: order.number, on: app.db, now: app.clock.now())
      var again = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      // Check: withdrawn when overturned, proposed again after
      #expect(again.state == "withdrawn")
      let complaint = VerifiedComplaint(
        orderID: order.id, number: order.number, unitID: try #require(loop.org.countyA.id), handlerIDs: [try #require(handler.id)],
        severity: .general, outsideChannel: "12398", verifiedAt: app.clock.now())
      try await app.complaintObservers.verified(complaint, on: app.db)
      again = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      #expect(again.state == "proposed" && again.version == found.version + 2)
    }
  }

  @Test("Rules ACC-CASE-STATES, ACC-DEDUCTION, ACC-FOUR-DONTS: proposed → submitted → approved → deducting → settled, with carry-over")
  func wholePath() async throws {
    try await withApp { app in
      // Setup: a verified complaint and its proposed case
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      var found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      let handler = try #require(found.lines.first?.personId)
      // Act: update the amount to ¥300, submit, approve for March with ¥200 pay
      var res = try await AccountabilityFixtures.act(
        loop, "reviewer", found,
        #"{"action":"update","causeFramework":"general","cause":"poor_attitude","severity":"general","lines":[{"role":"main","personId":"\#(handler)","amountFen":30000}]}"#
      )
      // Check: each step succeeds and the case is deducting
      #expect(res.status == .ok, "\(res.body.string)")
      found = try AccountabilityFixtures.decode(res)
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"submit"}"#)
      #expect(res.status == .ok, "\(res.body.string)")
      found = try AccountabilityFixtures.decode(res)
      try await Self.pay(app, "handlerA", "2026-03", 20_000)
      res = try await AccountabilityFixtures.act(loop, "leader", found, #"{"action":"approve","deductionMonth":"2026-03"}"#)
      #expect(res.status == .ok, "\(res.body.string)")
      found = try AccountabilityFixtures.decode(res)
      #expect(found.state == "deducting")
      // Settling before the rest is deducted and the four don'ts are recorded is refused, naming why.
      // Act: settle before the four don'ts and before the rest is deducted
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"settle"}"#)
      // Check: refused, naming the four don'ts, then the action
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "fourDonts.causeEstablished", "\(res.body.string)")
      res = try await AccountabilityFixtures.act(
        loop, "reviewer", found,
        #"{"action":"record_four_donts","fourDonts":{"causeEstablished":"态度生硬","personEducated":"已谈话","correctiveMeasure":"服务规范培训","personDealtWith":"考核300元"}}"#
      )
      #expect(res.status == .ok, "\(res.body.string)")
      found = try AccountabilityFixtures.decode(res)
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"settle"}"#)
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "action", "\(res.body.string)")
      // April's pay takes the carried ¥100.
      // Act: pay April and run April's ledger
      try await Self.pay(app, "handlerA", "2026-04", 20_000)
      try await LedgerService.runMonth(try #require(YearMonth(iso: "2026-04")), on: app.db, now: app.clock.now())
      let ledger = try await app.api(.GET, Paths.apiAccountabilityLedger.link() + "?personId=\(handler)", token: loop.tokens["hr"])
      let rows = try JSONDecoder().decode([LedgerBody].self, from: Data(ledger.body.string.utf8))
      // Check: the ledger carries ¥100 into April and the case settles
      #expect(rows.map(\.month) == ["2026-03", "2026-04"])
      #expect(
        rows.map(\.chargedFen) == [30_000, 10_000] && rows.map(\.deductedFen) == [20_000, 10_000] && rows.map(\.carriedFen) == [10_000, 0])
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"settle"}"#)
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(try AccountabilityFixtures.decode(res).state == "settled")
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .accountabilityCase).count() >= 6)
    }
  }

  @Test(
    "Bad input: amount outside the range, a sanction not allowed, a stale version, the wrong role, a past month, approving twice — nothing saved"
  )
  func badInput() async throws {
    try await withApp { app in
      // Setup: a verified complaint, its case and an update-body builder
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      let found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      let handler = try #require(found.lines.first?.personId)
      func update(_ amount: Int, sanction: String = "", severity: String = "general") -> String {
        #"{"action":"update","causeFramework":"general","cause":"quality_error","severity":"\#(severity)","lines":[{"role":"main","personId":"\#(handler)","amountFen":\#(amount),"sanction":"\#(sanction)"}]}"#
      }
      // Act: send out-of-range amounts, forbidden sanctions and wrong roles
      var res = try await AccountabilityFixtures.act(loop, "reviewer", found, update(20_001))
      // Check: each is refused by field or as forbidden, nothing changed
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "lines[0].amountFen", "\(res.body.string)")
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, update(100_000, sanction: "dismissal", severity: "serious"))
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "lines[0].sanction", "\(res.body.string)")
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, update(80_000, sanction: "warning", severity: "major"))
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "lines[0].sanction", "\(res.body.string)")
      res = try await AccountabilityFixtures.act(loop, "handlerA", found, #"{"action":"submit"}"#)
      #expect(res.status == .forbidden)
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"approve","deductionMonth":"2026-03"}"#)
      #expect(res.status == .forbidden)
      var unchanged = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      #expect(unchanged.version == found.version && unchanged.lines.first?.amountFen == 10_000)
      // Act: submit, then approve with the stale version and bad months
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"submit"}"#)
      #expect(res.status == .ok)
      // The version read before the submit is stale now.
      res = try await AccountabilityFixtures.act(loop, "leader", found, #"{"action":"approve","deductionMonth":"2026-03"}"#)
      // Check: a 409 for the version, 422s for the months
      #expect(res.status == .conflict && res.apiError?.field == "version")
      unchanged = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      res = try await AccountabilityFixtures.act(loop, "leader", unchanged, #"{"action":"approve","deductionMonth":"2026-02"}"#)
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "deductionMonth")
      res = try await AccountabilityFixtures.act(loop, "leader", unchanged, #"{"action":"approve","deductionMonth":"2026-3"}"#)
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "deductionMonth")
      // Act: approve for March, then approve again
      res = try await AccountabilityFixtures.act(loop, "leader", unchanged, #"{"action":"approve","deductionMonth":"2026-03"}"#)
      // Check: the first succeeds, the second is refused, no ledger rows
      #expect(res.status == .ok)
      let approved = try AccountabilityFixtures.decode(res)
      res = try await AccountabilityFixtures.act(loop, "leader", approved, #"{"action":"approve","deductionMonth":"2026-03"}"#)
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "action")
      #expect(try await LedgerEntry.query(on: app.db).count() == 0)
    }
  }

  @Test("Rule ACC-SCOPE: a handler sees only their own penalties, a county lead only the county's")
  func scoping() async throws {
    try await withApp { app in
      // Setup: a verified complaint with its case
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      // Act: list the cases as each user
      // Check: handlerA and leadA see one, leadB and agentB none
      #expect(try await AccountabilityFixtures.cases(loop, "handlerA").count == 1)
      #expect(try await AccountabilityFixtures.cases(loop, "leadA").count == 1)
      #expect(try await AccountabilityFixtures.cases(loop, "leadB").isEmpty)
      #expect(try await AccountabilityFixtures.cases(loop, "agentB").isEmpty)
      let found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      // Act: read the case as leadB and another person's ledger as handlerA
      let one = try await app.api(.GET, Paths.apiAccountabilityCase.link(found.id), token: loop.tokens["leadB"])
      // Check: not found, forbidden, and handlerA's own ledger is empty
      #expect(one.status == .notFound)
      let agent = try #require(try await User.query(on: app.db).filter(\.$username == "agentB").first())
      let ledger = try await app.api(
        .GET, Paths.apiAccountabilityLedger.link() + "?personId=\(try agent.requireID())", token: loop.tokens["handlerA"])
      #expect(ledger.status == .forbidden)
      let own = try await app.api(.GET, Paths.apiAccountabilityLedger.link(), token: loop.tokens["handlerA"])
      #expect(own.status == .ok && own.body.string == "[]")
    }
  }

  @Test("Rule ACC-REFUND: a case withdrawn after partial deduction is refunded as a row")
  func withdrawal() async throws {
    try await withApp { app in
      // Setup: a case approved for March with ¥40 pay deducted
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      var found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      found = try AccountabilityFixtures.decode(try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"submit"}"#))
      try await Self.pay(app, "handlerA", "2026-03", 4_000)
      found = try AccountabilityFixtures.decode(
        try await AccountabilityFixtures.act(loop, "leader", found, #"{"action":"approve","deductionMonth":"2026-03"}"#))
      // Act: withdraw without a reason, then with one
      var res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"withdraw"}"#)
      // Check: the reason is required, then the case is withdrawn
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "reason")
      res = try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"withdraw","reason":"复核认定非供电方责任"}"#)
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(try AccountabilityFixtures.decode(res).state == "withdrawn")
      // Check: a refund row undoes the deduction
      let rows = try await LedgerEntry.query(on: app.db).sort(\.$kind).all()
      #expect(rows.map(\.kind.rawValue) == ["deduction", "refund"])
      #expect(rows.map(\.deductedFen) == [4_000, -4_000] && rows.last?.chargedFen == -6_000)
      // Act: update and delete ledger rows directly in SQL
      // ACC-LEDGER: the rows are history; the database refuses to change or remove them.
      // Check: the database refuses and the rows are unchanged
      await #expect(throws: (any Error).self) { try await app.db.sql.raw("UPDATE deduction_ledger SET deducted_fen = 0").run() }
      await #expect(throws: (any Error).self) { try await app.db.sql.raw("DELETE FROM deduction_ledger").run() }
      #expect(try await LedgerEntry.query(on: app.db).all().map(\.deductedFen) == [4_000, -4_000])
      _ = order
    }
  }
}

@Suite("Accountability pages and pay")
struct AccountabilityPageTests {
  typealias Loop = WorkOrderLoop

  @Test("Rule ACC-PAY: a pay import with bad rows names each line and saves nothing; a good one deducts the month")
  func payImport() async throws {
    try await withApp { app in
      // Setup: an approved case and HR logged in on the deductions page
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      var found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      found = try AccountabilityFixtures.decode(try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"submit"}"#))
      found = try AccountabilityFixtures.decode(
        try await AccountabilityFixtures.act(loop, "leader", found, #"{"action":"approve","deductionMonth":"2026-03"}"#))
      #expect(found.state == "approved")
      let hr = PageClient(app)
      try await hr.login("hr")
      try await hr.get(Paths.accountabilityDeductions.link() + "?month=2026-03")
      // Act: import pay with bad rows
      let bad =
        "用户名,月份,绩效工资\nhandlerA,2026-03,60\nnobody,2026-03,100\nagentB,2026-3,100\nagent,2026-03,-5\nlead,2026-03,abc\nreviewer,2026-03,200000\nhandlerA,2026-03,70\n"
      var res = try await AnalysisFixtures.upload(hr, Paths.accountabilityPayImport.link(), fields: [], file: ("pay.csv", Data(bad.utf8)))
      // Check: a 422 naming lines 3–8 and nothing saved
      #expect(res.status == .unprocessableEntity)
      let html = res.body.string
      for line in ["第 3 行", "第 4 行", "第 5 行", "第 6 行", "第 7 行", "第 8 行"] { #expect(html.contains(line), "\(line)") }
      #expect(!html.contains("第 2 行"))
      #expect(try await PerformancePay.query(on: app.db).count() == 0)
      // Act: import ten months of ¥60 for handlerA
      var big = "username,month,pay\nhandlerA,2026-03,60\n"
      for month in 4...12 { big += "handlerA,2026-\(String(format: "%02d", month)),60\n" }
      res = try await AnalysisFixtures.upload(hr, Paths.accountabilityPayImport.link(), fields: [], file: ("pay.csv", Data(big.utf8)))
      // Check: saved; March deducts ¥60, April the last ¥40, the XLSX downloads
      #expect(res.status == .ok, "\(res.body.string.prefix(300))")
      #expect(try await PerformancePay.query(on: app.db).count() == 10)
      // ¥100 due, ¥60 a month: March deducts 60, April the last 40.
      let march = try await hr.get(Paths.accountabilityDeductions.link() + "?month=2026-03")
      #expect(march.body.string.contains("¥60") && march.body.string.contains("¥40"))
      let april = try await hr.get(Paths.accountabilityDeductions.link() + "?month=2026-04")
      #expect(april.body.string.contains(#"id="total-carried">¥0"#))
      let xlsx = try await hr.get(Paths.accountabilityDeductionsXLSX.link() + "?month=2026-03")
      #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType.contains("spreadsheetml") == true)
      // Act: post bad pay and a deducted month through the API, and pay as the reviewer
      // The API refuses negative and absurd pay by field, and a month already deducted.
      let handler = try #require(found.lines.first?.personId)
      for (json, field) in [
        (#"{"items":[{"personId":"\#(handler)","month":"2027-01","amountFen":-1}]}"#, "items[0].amountFen"),
        (#"{"items":[{"personId":"\#(handler)","month":"2027-01","amountFen":1000000000}]}"#, "items[0].amountFen"),
        (#"{"items":[{"personId":"\#(handler)","month":"2027-13","amountFen":100}]}"#, "items[0].month"),
        (#"{"items":[{"personId":"\#(handler)","month":"2026-03","amountFen":100}]}"#, "line 1"),
      ] {
        // Check: each is a 422 by field, the reviewer is forbidden
        let api = try await app.api(.POST, Paths.apiAccountabilityPay.link(), token: loop.tokens["hr"], json: json)
        #expect(api.status == .unprocessableEntity && api.apiError?.field == field, "\(json): \(api.body.string)")
      }
      let wrongRole = try await app.api(
        .POST, Paths.apiAccountabilityPay.link(), token: loop.tokens["reviewer"],
        json: #"{"items":[{"personId":"\#(handler)","month":"2027-01","amountFen":1}]}"#)
      #expect(wrongRole.status == .forbidden)
    }
  }

  @Test("Pages: Marketing submits on the case page, the leadership group approves the batch with totals, the handler sees their own")
  func pages() async throws {
    try await withApp { app in
      // Setup: a verified complaint with its case
      let (_, order) = try await AccountabilityFixtures.verified(app)
      // Act: open the case list and the case page as the reviewer
      let reviewer = PageClient(app)
      try await reviewer.login("reviewer")
      let list = try await reviewer.get(Paths.accountabilityCases.link())
      // Check: the order is listed and the page has the edit form
      #expect(list.status == .ok && list.body.string.contains(order.number))
      let caseID = try #require(try await AccountabilityCase.query(on: app.db).first()?.requireID())
      var page = try await reviewer.get(Paths.accountabilityCase.link(caseID))
      #expect(page.status == .ok && page.body.string.contains("case-edit"))
      // No outside channel, no deduction month yet: neither is claimed.
      #expect(!page.body.string.contains("（加倍考核）") && !page.body.string.contains("扣款起始月份</dt>"))
      #expect(page.body.string.contains(">无（本公司渠道）</option>") && page.body.string.contains(">12398 能源监管热线</option>"))
      // An amount outside the range is shown again beside the lines, nothing saved.
      // Act: update with an amount outside the range, then submit
      var res = try await reviewer.post(
        Paths.accountabilityCaseActions.link(caseID),
        [
          ("action", "update"), ("version", "1"), ("cause", "general:poor_attitude"), ("severity", "general"), ("outsideChannel", ""),
          ("role_0", "main"),
          ("person_0", try #require(try await User.query(on: app.db).filter(\.$username == "handlerA").first()?.id?.uuidString)),
          ("amount_0", "600"), ("sanction_0", ""),
        ])
      // Check: a 422 showing the line, then a redirect
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("第 1 条明细") && res.body.string.contains("600"))
      res = try await reviewer.post(Paths.accountabilityCaseActions.link(caseID), [("action", "submit"), ("version", "1")])
      #expect(res.status == .seeOther || res.status == .found)
      // Act: approve the batch as the leader, twice
      let leader = PageClient(app)
      try await leader.login("leader")
      page = try await leader.get(Paths.accountabilityBatches.link())
      // Check: the batch shows the unit and ¥100; the second approval is refused
      #expect(page.body.string.contains("临川县供电公司") && page.body.string.contains("¥100"))
      #expect(page.body.string.contains("handlerA 姓名"))
      res = try await leader.post(Paths.accountabilityBatchApprove.link(), [("cases", "\(caseID):2,"), ("deductionMonth", "2026-03")])
      #expect(res.status == .seeOther || res.status == .found, "\(res.body.string.prefix(400))")
      res = try await leader.post(Paths.accountabilityBatchApprove.link(), [("cases", "\(caseID):2,"), ("deductionMonth", "2026-03")])
      #expect(res.status == .conflict || res.status == .unprocessableEntity)
      // Act: open the handler's own page
      let handler = PageClient(app)
      try await handler.login("handlerA")
      let mine = try await handler.get(Paths.accountabilityMine.link())
      // Check: the handler sees ¥100 due and may not see batches
      #expect(mine.status == .ok && mine.body.string.contains(order.number) && mine.body.string.contains("尚待扣款：¥100"))
      #expect(try await handler.get(Paths.accountabilityBatches.link()).status == .forbidden)
    }
  }
}

@Suite("Accountability demo")
struct AccountabilityDemoTests {
  @Test("wanjia demo: cases in every state, an approved batch carried into a later month")
  func demo() async throws {
    try await withApp { app in
      // Setup: a clock on 23 November 2026
      app.clock = FixedClock(try #require(BusinessTime.parseInstant("2026-11-23T10:00:00+08:00")))
      // Act: seed the demo
      _ = try #require(try await DemoSeed.seedIfEmpty(app))
      let states = Set(try await AccountabilityCase.query(on: app.db).all().map(\.state.rawValue))
      // Check: cases in every state and a carry from September into October
      #expect(states == Set(CaseState.allCases.map(\.rawValue)))
      let rows = try await LedgerEntry.query(on: app.db).sort(\.$month).all()
      #expect(rows.contains { $0.month == "2026-09" && $0.carriedFen > 0 })
      #expect(rows.contains { $0.month == "2026-10" && $0.deductedFen > 0 })
      #expect(rows.contains { $0.month == "2026-10" && $0.carriedFen > 0 })
    }
  }
}

@Suite("Accountability: a complaint through an outside channel")
struct AccountabilityOutsideChannelTests {
  @Test("Rule ACC-OUTSIDE-CHANNEL: a 12398 complaint opens a doubled case")
  func doubled() async throws {
    try await withApp { app in
      // Setup: the work-order loop with the reviewer's token
      var loop = try await WorkOrderLoop.make(app)
      loop.tokens["reviewer"] = try await app.token("reviewer")
      // Act: file a complaint through 12398 and take it to reply
      let json = loop.complaint().replacingOccurrences(of: #""channel":"phone95598""#, with: #""channel":"hotline12398""#)
      let order = try await loop.file(
        json, then: [WorkOrderLoop.approve, loop.dispatchA, WorkOrderLoop.contact, WorkOrderLoop.reply])
      // Check: a doubled case at ¥200 in ¥200–400
      let found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      #expect(found.doubled && found.outsideChannel == "12398")
      #expect(found.lines.first?.minFen == 20_000 && found.lines.first?.maxFen == 40_000 && found.lines.first?.amountFen == 20_000)
    }
  }
}

@Suite("Accountability: the retraining exam")
struct AccountabilityExamTests {
  @Test("Rule ACC-GENERAL-CAUSES: abusive conduct records the passed exam; a future day or a line without exam is refused")
  func exam() async throws {
    try await withApp { app in
      // Setup: a verified complaint with its case
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      var found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      // Act: record an exam for a cause that needs none
      var res = try await AccountabilityFixtures.act(
        loop, "reviewer", found, #"{"action":"record_exam","line":0,"examPassedOn":"2026-03-09"}"#)
      // Check: refused by line
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "line")
      // Act: set the cause to abusive conduct, record a future exam, then a past one
      let handler = try #require(found.lines.first?.personId)
      found = try AccountabilityFixtures.decode(
        try await AccountabilityFixtures.act(
          loop, "reviewer", found,
          #"{"action":"update","causeFramework":"general","cause":"abusive_conduct","severity":"general","lines":[{"role":"main","personId":"\#(handler)","amountFen":30000}]}"#
        ))
      res = try await AccountabilityFixtures.act(
        loop, "reviewer", found, #"{"action":"record_exam","line":0,"examPassedOn":"2026-04-01"}"#)
      // Check: the future day is refused, the past one recorded
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "examPassedOn")
      res = try await AccountabilityFixtures.act(
        loop, "reviewer", found, #"{"action":"record_exam","line":0,"examPassedOn":"2026-03-09"}"#)
      #expect(res.status == .ok, "\(res.body.string)")
      #expect(res.body.string.contains(#""examPassedOn":"2026-03-09""#))
    }
  }
}

@Suite("Accountability: the unit's false reply")
struct AccountabilityUnitPenaltyTests {
  @Test("Rule ACC-UNIT-FALSE-REPLY: a unit line costs the case's unit ¥500 and is not deducted from anyone's pay")
  func unitLine() async throws {
    try await withApp { app in
      // Setup: a verified complaint with its case
      let (loop, order) = try await AccountabilityFixtures.verified(app)
      var found = try #require(try await AccountabilityFixtures.cases(loop, "reviewer", order: order).first)
      let handler = try #require(found.lines.first?.personId)
      let lines = #"[{"role":"main","personId":"\#(handler)","amountFen":10000},{"role":"unit","amountFen":"#
      // Act: add a unit line of ¥400, then ¥500
      var res = try await AccountabilityFixtures.act(
        loop, "reviewer", found,
        #"{"action":"update","causeFramework":"general","cause":"quality_error","severity":"general","lines":\#(lines)40000}]}"#)
      // Check: ¥400 is refused, ¥500 is a unit line without a person
      #expect(res.status == .unprocessableEntity && res.apiError?.field == "lines[1].amountFen")
      res = try await AccountabilityFixtures.act(
        loop, "reviewer", found,
        #"{"action":"update","causeFramework":"general","cause":"quality_error","severity":"general","lines":\#(lines)50000}]}"#)
      #expect(res.status == .ok, "\(res.body.string)")
      found = try AccountabilityFixtures.decode(res)
      #expect(found.lines.last?.unitId == loop.org.countyA.id && found.lines.last?.personId == nil)
      // Act: submit and approve for March with pay
      found = try AccountabilityFixtures.decode(try await AccountabilityFixtures.act(loop, "reviewer", found, #"{"action":"submit"}"#))
      try await AccountabilityCaseTests.pay(app, "handlerA", "2026-03", 100_000)
      found = try AccountabilityFixtures.decode(
        try await AccountabilityFixtures.act(loop, "leader", found, #"{"action":"approve","deductionMonth":"2026-03"}"#))
      // Check: only the handler's ¥100 is deducted
      let rows = try await LedgerEntry.query(on: app.db).all()
      #expect(rows.count == 1 && rows.first?.deductedFen == 10_000)
    }
  }
}
