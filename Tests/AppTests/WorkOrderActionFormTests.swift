import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The order page's action forms: a refused submission comes back with what was typed and each
/// error beside its field; destructive moves ask for confirmation.
@Suite("Work-order action forms")
struct WorkOrderActionFormTests {
  typealias L = WorkOrderLoop

  struct Case: Sendable, CustomTestStringConvertible {
    let action: String
    let who: String
    /// Where the order is first brought: lead review, handling, Marketing review, return visit.
    let stage: String
    let fields: [(String, String)]
    let errorField: String
    let message: String
    /// Typed text the page must show again.
    let kept: [String]
    var testDescription: String { "\(action) refused on \(errorField)" }
  }

  static let long = String(repeating: "长", count: 2001)

  static let cases: [Case] = [
    Case(
      action: "sendBackToAgent", who: "lead", stage: "review", fields: [("reason", long)], errorField: "reason",
      message: "最多 2000 个字符", kept: [long]),
    Case(
      action: "dispatch", who: "lead", stage: "reviewed", fields: [("unitId", UUID().uuidString)], errorField: "unitId",
      message: "所选项目不存在", kept: []),
    Case(
      action: "returnByUnit", who: "handlerA", stage: "dispatched", fields: [("reason", "地址属白石县，不属本单位")],
      errorField: "confirm", message: "请勾选确认", kept: ["地址属白石县，不属本单位"]),
    Case(
      action: "pauseForCustomer", who: "handlerA", stage: "handling", fields: [("reason", " ")], errorField: "reason",
      message: "此项必填", kept: []),
    Case(
      action: "requestExtension", who: "handlerA", stage: "handling",
      fields: [("reason", "需线路勘察，已与客户沟通"), ("newDue", "2026-02-30T10:00"), ("customerInformed", "on")], errorField: "newDue",
      message: "没有这一天：2026-02-30", kept: ["需线路勘察，已与客户沟通", "2026-02-30T10:00", #"value="on" checked"#]),
    Case(
      action: "requestExtension", who: "handlerA", stage: "handling",
      fields: [("reason", "需线路勘察"), ("newDue", "2026-06-30T10:00"), ("customerInformed", "on")], errorField: "newDue",
      message: "延期最迟只能到 2026-04-01 00:00", kept: ["需线路勘察", "2026-06-30T10:00"]),
    Case(
      action: "reply", who: "handlerA", stage: "handling", fields: [("summary", long), ("verified", "on")], errorField: "summary",
      message: "最多 2000 个字符", kept: [long, #"name="verified" value="on" checked"#]),
    Case(
      action: "transferToDiscipline", who: "reviewer", stage: "handling", fields: [("reason", "涉嫌收受客户礼品")],
      errorField: "confirm", message: "请勾选确认", kept: ["涉嫌收受客户礼品"]),
    Case(
      action: "raiseSeverity", who: "handlerA", stage: "handling", fields: [("severity", "major"), ("reason", "")],
      errorField: "reason", message: "此项必填", kept: [#"<option value="major" selected>"#]),
    Case(
      action: "sendBackReply", who: "reviewer", stage: "replied", fields: [("reason", "")], errorField: "reason",
      message: "此项必填", kept: []),
    Case(
      action: "recordReturnVisit", who: "agent", stage: "visit", fields: [("note", "客户表示已解决，但未选择结果")],
      errorField: "satisfied", message: "请选择", kept: ["客户表示已解决，但未选择结果"]),
    Case(
      action: "recordReturnVisit", who: "agent", stage: "visit", fields: [("satisfied", "no"), ("note", "")], errorField: "note",
      message: "此项必填", kept: [#"value="no" checked"#]),
  ]

  static func bring(_ loop: L, to stage: String) async throws -> OrderBody {
    switch stage {
    case "review": return try await loop.file()
    case "reviewed": return try await loop.file(then: [L.approve])
    case "dispatched": return try await loop.file(then: [L.approve, loop.dispatchA])
    case "handling": return try await loop.file(then: [L.approve, loop.dispatchA, L.contact])
    case "replied": return try await loop.file(then: [L.approve, loop.dispatchA, L.contact, L.reply])
    default: return try await loop.file(then: [L.approve, loop.dispatchA, L.contact, L.reply, L.approveReply])
    }
  }

  @Test("Rule WO-PERMISSIONS: a refused action form comes back open, with what was typed and the error beside its field", arguments: cases)
  func refusedFormKeepsInput(c: Case) async throws {
    try await withApp { app in
      // Setup: an order brought to the case's stage, its actor on the order page
      let loop = try await L.make(app)
      let order = try await Self.bring(loop, to: c.stage)
      let client = PageClient(app)
      try await client.login(c.who)
      let page = try await client.get(Paths.workOrder.link(order.id))
      #expect(page.body.string.contains(#"data-action="\#(c.action)""#), "\(c.action) not offered to \(c.who)")
      // Act: post the action with the case's bad fields
      let res = try await client.post(
        Paths.workOrderAction.link(order.id), [("action", c.action), ("version", String(order.version))] + c.fields)
      // Check: a 422 with the form open, the error beside its field, the text kept; nothing changed
      #expect(res.status == .unprocessableEntity, "\(res.status)")
      let html = res.body.string
      #expect(html.contains(#"id="error-\#(c.action)-\#(c.errorField)""#), "\(html.prefix(3000))")
      #expect(html.contains(c.message))
      for text in c.kept { #expect(html.contains(text), "kept \(text.prefix(40))") }
      #expect(html.contains(#"class="card form action refused""#))
      let stored = try #require(try await WorkOrder.find(order.id, on: app.db))
      #expect(stored.version == order.version)
    }
  }

  @Test("Rule WO-PERMISSIONS: 退单, transfer to discipline inspection and merge each carry the confirmation checkbox stating the consequence")
  func confirmations() async throws {
    try await withApp { app in
      // Setup: a dispatched order and handlerA signed in
      let loop = try await L.make(app)
      let order = try await Self.bring(loop, to: "dispatched")
      let handler = PageClient(app)
      try await handler.login("handlerA")
      // Act: open the order page, then return the order confirmed
      let page = try await handler.get(Paths.workOrder.link(order.id)).body.string
      // Check: the box states the consequence; the order is returned
      #expect(page.contains(#"name="confirm" value="yes""#))
      #expect(page.contains("确认退单：工单退回 95598 重新派发"))
      let ok = try await handler.post(
        Paths.workOrderAction.link(order.id),
        [("action", "returnByUnit"), ("version", String(order.version)), ("reason", "不属本单位"), ("confirm", "yes")])
      #expect(ok.status == .seeOther)
      #expect(try await WorkOrder.find(order.id, on: app.db)?.state == .returnedByUnit)
    }
  }

  @Test("Rule WO-CLOSURE-GATE: a serious complaint replies only with the full investigation record; each empty field is named")
  func seriousReply() async throws {
    try await withApp { app in
      // Setup: a serious complaint in handling and handlerA on its page
      let loop = try await L.make(app)
      let serious = loop.complaint().replacingOccurrences(of: #""severity":"general""#, with: #""severity":"serious""#)
      let order = try await loop.file(serious, then: [L.approve, loop.dispatchA, L.contact])
      let handler = PageClient(app)
      try await handler.login("handlerA")
      _ = try await handler.get(Paths.workOrder.link(order.id))
      // Act: reply with a partial investigation record
      let partial: [(String, String)] = [
        ("action", "reply"), ("version", String(order.version)), ("summary", "已向客户致歉并整改"), ("verified", "on"),
        ("course", "客户反映抄表员态度恶劣"), ("handling", "当日联系客户致歉"), ("cause", "服务意识不强"),
      ]
      let refused = try await handler.post(Paths.workOrderAction.link(order.id), partial)
      // Check: refused naming each empty field, the typed text kept
      #expect(refused.status == .unprocessableEntity)
      let html = refused.body.string
      #expect(html.contains("严重、重大投诉须填写完整的投诉调查记录"))
      for empty in ["responsibility", "correctiveAction", "personnelOutcome"] { #expect(html.contains(#"id="error-reply-\#(empty)""#)) }
      #expect(!html.contains(#"id="error-reply-course""#))
      #expect(html.contains("客户反映抄表员态度恶劣") && html.contains("已向客户致歉并整改"))
      // Act: reply with the full record
      let full =
        partial + [("responsibility", "属供电责任"), ("correctiveAction", "全所培训"), ("personnelOutcome", "考核 200 元")]
      // Check: accepted and awaiting reply review
      #expect(try await handler.post(Paths.workOrderAction.link(order.id), full).status == .seeOther)
      #expect(try await WorkOrder.find(order.id, on: app.db)?.state == .pendingReplyReview)
    }
  }

  @Test(
    "Rule WO-CLOSURE-GATE, WO-SAME-DAY-REPORT: a serious complaint closes only with the same-day report; its clock shows done only once the report exists"
  )
  func sameDayReportGate() async throws {
    try await withApp { app in
      // Setup: a serious complaint replied with a full record and approved
      let loop = try await L.make(app)
      let serious = loop.complaint().replacingOccurrences(of: #""severity":"general""#, with: #""severity":"serious""#)
      let record =
        #""investigation":{"course":"经过","handling":"处理","cause":"原因","responsibility":"责任","correctiveAction":"整改","personnelOutcome":"考核"}"#
      let order = try await loop.file(
        serious,
        then: [
          L.approve, loop.dispatchA, L.contact,
          ("handlerA", #"{"action":"reply","summary":"已处理","verified":true,"supplyResponsibility":true,\#(record)}"#), L.approveReply,
        ])
      // Act: open the order as the agent and record the return visit
      let agent = PageClient(app)
      try await agent.login("agent")
      let page = try await agent.get(Paths.workOrder.link(order.id)).body.string
      // Check: no outcome chosen; the same-day clock runs; the visit is refused without the report
      // No outcome is chosen for the agent.
      #expect(page.contains(#"name="satisfied" value="yes">"#) && page.contains(#"name="satisfied" value="no">"#))
      #expect(!page.contains(#"value="yes" checked"#))
      #expect(Self.row(page, "当日报告").contains("计时中"))
      let visit = try await agent.post(
        Paths.workOrderAction.link(order.id),
        [("action", "recordReturnVisit"), ("version", String(order.version)), ("satisfied", "yes"), ("note", "满意")])
      #expect(visit.status == .unprocessableEntity)
      #expect(visit.body.string.contains("严重、重大投诉须先提交当日报告才能办结"))
      // Act: file the same-day report as the lead
      let lead = PageClient(app)
      try await lead.login("lead")
      _ = try await lead.get(Paths.workOrder.link(order.id))
      let filed = try await lead.post(
        Paths.workOrderAction.link(order.id),
        [("action", "fileSameDayReport"), ("version", String(order.version)), ("summary", "已电话报营销部张科长")])
      // Check: filed; the clock done; the report on the timeline
      #expect(filed.status == .seeOther)
      let after = try await agent.get(Paths.workOrder.link(order.id)).body.string
      #expect(Self.row(after, "当日报告").contains("已完成"))
      #expect(after.contains("已电话报营销部张科长"))  // the timeline shows the report
      // Act: record the return visit again
      let closed = try await agent.post(
        Paths.workOrderAction.link(order.id),
        [("action", "recordReturnVisit"), ("version", String(order.version + 1)), ("satisfied", "yes"), ("note", "满意")])
      // Check: closed as satisfied
      #expect(closed.status == .seeOther)
      let final = try await agent.get(Paths.workOrder.link(order.id)).body.string
      #expect(final.contains(#"<span class="tag event-result">满意</span>"#))
    }
  }

  /// The table row of a clock.
  static func row(_ html: String, _ stage: String) -> String {
    guard let r = html.range(of: "<td>\(stage)</td>") else { return "" }
    return String(html[r.lowerBound...].prefix { $0 != "\n" }.components(separatedBy: "</tr>").first ?? "")
  }

  @Test(
    "Rule WO-EXTENSION, WO-TIMELINE: extensions: the approver sees the date and reason first; the timeline keeps both dates; the handler may withdraw"
  )
  func extensions() async throws {
    try await withApp { app in
      // Setup: an order in handling and handlerA on its page
      let loop = try await L.make(app)
      let order = try await loop.file(then: [L.approve, loop.dispatchA, L.contact])
      let handler = PageClient(app)
      try await handler.login("handlerA")
      _ = try await handler.get(Paths.workOrder.link(order.id))
      // Act: request an extension to 20 March, then open the order as the reviewer
      let ask: [(String, String)] = [
        ("action", "requestExtension"), ("version", String(order.version)), ("reason", "需停电改线，已向客户说明"),
        ("newDue", "2026-03-20T18:00"), ("customerInformed", "on"),
      ]
      #expect(try await handler.post(Paths.workOrderAction.link(order.id), ask).status == .seeOther)
      let reviewer = PageClient(app)
      try await reviewer.login("reviewer")
      let page = try await reviewer.get(Paths.workOrder.link(order.id)).body.string
      // Check: the date and reason shown first, with the approve action and the timeline entry
      #expect(page.contains(#"id="pending-extension-due">2026-03-20 18:00<"#))
      #expect(page.contains(#"id="pending-extension-reason">需停电改线，已向客户说明<"#))
      #expect(page.contains(#"data-action="approveExtension""#))
      #expect(page.contains("期限 2026-03-20 18:00"))  // the request in the timeline
      // Act: withdraw it, request 23 March, approve it
      // The handler withdraws; a new request is approved.
      let withdrawn = try await handler.post(
        Paths.workOrderAction.link(order.id), [("action", "withdrawExtension"), ("version", String(order.version + 1))])
      // Check: withdrawn; the new one approved; the timeline keeps both dates and the reply deadline moves
      #expect(withdrawn.status == .seeOther)
      #expect(!(try await reviewer.get(Paths.workOrder.link(order.id))).body.string.contains("pending-extension"))
      _ = try await handler.get(Paths.workOrder.link(order.id))
      var again = ask
      again[1] = ("version", String(order.version + 2))
      again[3] = ("newDue", "2026-03-23T18:00")
      #expect(try await handler.post(Paths.workOrderAction.link(order.id), again).status == .seeOther)
      _ = try await reviewer.get(Paths.workOrder.link(order.id))
      let approved = try await reviewer.post(
        Paths.workOrderAction.link(order.id), [("action", "approveExtension"), ("version", String(order.version + 3))])
      #expect(approved.status == .seeOther)
      let final = try await reviewer.get(Paths.workOrder.link(order.id)).body.string
      let timeline = try #require(final.components(separatedBy: #"id="timeline""#).last?.components(separatedBy: "</ol>").first)
      #expect(timeline.contains("撤回延期申请"))
      #expect(timeline.components(separatedBy: "期限 2026-03-23 18:00").count == 3)  // asked, approved
      #expect(Self.row(final, "处理回复").contains("2026-03-23 18:00"))
    }
  }

  @Test("Rule WO-NOTES: the order page shows the customer's attitude and internal notes, which no export carries")
  func capturedAndNotes() async throws {
    try await withApp { app in
      // Setup: an approved order and the lead signed in
      let loop = try await L.make(app)
      let order = try await loop.file(then: [L.approve])
      let lead = PageClient(app)
      try await lead.login("lead")
      // Act: open the order, add a note that is too long, then a good one
      let page = try await lead.get(Paths.workOrder.link(order.id)).body.string
      // Check: the attitude shown; the long note refused and kept; the good one saved
      #expect(page.contains(#"id="order-attitude">情绪激动<"#))
      let tooLong = try await lead.post(Paths.workOrderNotes.link(order.id), [("text", Self.long)])
      #expect(tooLong.status == .unprocessableEntity)
      #expect(tooLong.body.string.contains(#"id="error-note-text""#) && tooLong.body.string.contains(Self.long))
      let note = "客户曾多次来电，态度激动，回访请由班长亲自致电"
      #expect(try await lead.post(Paths.workOrderNotes.link(order.id), [("text", note)]).status == .seeOther)
      // Act: dispatch, open as handlerA, export CSV and JSON lines, read the API and the audit
      let handler = PageClient(app)
      try await handler.login("handlerA")
      _ = try await loop.drive(order, [loop.dispatchA])
      // Check: handlerA sees the note; no export or API carries it; the audit names it
      #expect(try await handler.get(Paths.workOrder.link(order.id)).body.string.contains(note))
      let csv = try await lead.get(Paths.workOrdersCSV.link() + "?view=all")
      #expect(csv.status == .ok && csv.body.string.contains(order.number) && !csv.body.string.contains(note))
      let lines = try await app.api(.GET, Paths.apiWorkOrdersExport.link(), token: loop.tokens["lead"])
      #expect(lines.status == .ok && lines.body.string.contains(order.number) && !lines.body.string.contains(note))
      let api = try await app.api(.GET, Paths.apiWorkOrder.link(order.id), token: loop.tokens["lead"])
      #expect(!api.body.string.contains(note))
      // The audit log names the note in words.
      let admin = PageClient(app)
      try await admin.login("admin")
      let audit = try await admin.get(Paths.audit.link() + "?entity=work_order_note").body.string
      #expect(audit.contains("工单内部备注") && audit.contains(note) && !audit.contains("audit.field."))
    }
  }
}
