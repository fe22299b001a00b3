import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

struct OrderBody: Decodable {
  struct Clock: Decodable {
    let stage: String
    let dueAt: Date
    let breached: Bool
    let stopped: Bool
  }
  struct Customer: Decodable { let phone: String; let name: String }
  let id: UUID
  let number: String
  let state: String
  let version: Int
  let clocks: [Clock]
  let allowedActions: [String]
  let customer: Customer
}

struct OrderPage: Decodable {
  let items: [OrderBody]
  let nextCursor: String?
}

/// The people of the 95598 loop (agent, lead, reviewer, a handler in each county) with their API
/// tokens, on a fixed clock.
struct WorkOrderLoop {
  /// Tuesday 10 March 2026, 09:00 Beijing time: where every scenario starts.
  static let start = instant("2026-03-10T09:00:00+08:00")

  let app: Application
  let org: Org
  let clock: FixedClock
  var tokens: [String: String] = [:]

  static func make(_ app: Application) async throws -> WorkOrderLoop {
    let org = try await Org.make(app)
    try await org.user(app, "agent", [.agent], org.city)
    try await org.user(app, "lead", [.lead], org.city)
    try await org.user(app, "reviewer", [.reviewer], org.city)
    try await org.user(app, "handlerB", [.handler], org.countyB)
    let clock = FixedClock(start)
    app.clock = clock
    var loop = WorkOrderLoop(app: app, org: org, clock: clock)
    for name in ["agent", "lead", "reviewer", "handlerA", "handlerB"] {
      loop.tokens[name] = try await app.token(name)
    }
    return loop
  }

  /// Moves the clock to `instant` and issues the tokens again: a jump past their 90 days
  /// (ORG-API-TOKEN) leaves the old ones expired.
  mutating func moveClock(to instant: Date) async throws {
    clock.set(instant)
    for name in tokens.keys { tokens[name] = try await app.token(name) }
  }

  func decode(_ res: TestingHTTPResponse) throws -> OrderBody {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(OrderBody.self, from: Data(res.body.string.utf8))
  }

  func complaint(item: String = "conduct.attitude", category: String = "conduct", acceptedAt: String? = nil) -> String {
    let accepted = acceptedAt.map { #","acceptedAt":"\#($0)""# } ?? ""
    return #"""
      {"type":"complaint","channel":"phone95598","area":"urban","unitId":"\#(org.countyA.savedID)",
       "customer":{"account":"0101234567","name":"张先生","phone":"13812345678","address":"临川县城关镇人民路8号"},
       "content":"抄表员态度恶劣","complaint":{"category":"\#(category)","item":"\#(item)","attitude":"agitated","severity":"general"}\#(accepted)}
      """#
  }

  func act(_ who: String, _ order: OrderBody, _ json: String) async throws -> TestingHTTPResponse {
    let body = json.replacingOccurrences(of: "}", with: #","version":\#(order.version)}"#)
    return try await app.api(.POST, Paths.apiWorkOrderActions.link(order.id), token: tokens[who], json: body)
  }
}

/// Orders brought to a state through the API, as the people of `WorkOrderLoop` would.
extension WorkOrderLoop {
  static let approve = ("lead", #"{"action":"approveIntake"}"#)
  var dispatchA: (String, String) { ("lead", #"{"action":"dispatch","unitId":"\#(org.countyA.savedID)"}"#) }
  static let contact = ("handlerA", #"{"action":"recordFirstContact"}"#)
  static let reply = ("handlerA", #"{"action":"reply","summary":"已核实","verified":true,"supplyResponsibility":true}"#)
  static let approveReply = ("reviewer", #"{"action":"approveReply"}"#)

  /// Files an order (a complaint unless given) and makes the moves in turn.
  func file(_ json: String? = nil, as who: String = "agent", then moves: [(String, String)] = []) async throws -> OrderBody {
    let res = try await app.api(.POST, Paths.apiWorkOrders.link(), token: tokens[who], json: json ?? complaint())
    #expect(res.status == .created, "\(res.body.string)")
    return try await drive(try decode(res), moves)
  }

  func drive(_ order: OrderBody, _ moves: [(String, String)]) async throws -> OrderBody {
    var current = order
    for (who, json) in moves {
      let res = try await act(who, current, json)
      #expect(res.status == .ok, "\(who) \(json): \(res.body.string)")
      current = try decode(res)
    }
    return current
  }

  /// A report (举报) from the customer of `complaint()`.
  func report(account: String = "0101234567", phone: String = "13812345678") -> String {
    #"""
    {"type":"report","channel":"phone95598","area":"urban","unitId":"\#(org.countyA.savedID)",
     "customer":{"account":"\#(account)","name":"张先生","phone":"\#(phone)","address":"临川县城关镇人民路8号"},
     "content":"抄表员收取好处费","complaint":{"item":"misconduct.acceptingGifts","attitude":"calm","severity":"general"}}
    """#
  }

  /// A fault-repair call (dispatched by the agent, no lead review).
  func repair(account: String = "0107777777") -> String {
    #"""
    {"type":"faultRepair","channel":"phone95598","area":"urban","unitId":"\#(org.countyA.savedID)",
     "customer":{"account":"\#(account)","name":"赵先生","phone":"13900007777","address":"临川县城关镇"},
     "content":"整栋楼停电"}
    """#
  }
}

extension PageClient {
  /// The order numbers a queue page lists, in order.
  func listed(_ path: String) async throws -> [String] {
    let res = try await get(path)
    #expect(res.status == .ok, "\(path): \(res.status) \(res.body.string.prefix(500))")
    return try Self.numbers(in: res.body.string)
  }

  static func numbers(in html: String) throws -> [String] {
    let pattern = try NSRegularExpression(pattern: #"class="order-number" href="[^"]+">([^<]+)</a>"#)
    return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
      Range($0.range(at: 1), in: html).map { String(html[$0]) }
    }
  }

  /// Every order number of a queue, following its next-page links.
  func listedAll(_ path: String) async throws -> [String] {
    var numbers: [String] = []
    var next: String? = path
    while let page = next {
      let res = try await get(page)
      #expect(res.status == .ok, "\(page): \(res.status)")
      let html = res.body.string
      numbers += try Self.numbers(in: html)
      next = Self.attribute(in: html, id: "next-page", name: "href")
    }
    return numbers
  }

  /// An attribute of the element with this id, HTML entities of `&` undone.
  static func attribute(in html: String, id: String, name: String) -> String? {
    guard let tag = html.range(of: #"id="\#(id)""#) else { return nil }
    let start = html[..<tag.lowerBound].lastIndex(of: "<") ?? tag.lowerBound
    let end = html[tag.upperBound...].firstIndex(of: ">") ?? html.endIndex
    let element = String(html[start..<end])
    guard let r = element.range(of: #"\#(name)=""#) else { return nil }
    let rest = element[r.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]).replacingOccurrences(of: "&amp;", with: "&") }
  }
}

/// Work-order rows written straight to the database.
enum WorkOrderRows {
  /// An order with every column set, optional ones included.
  static func everyColumn(number: String, unit: OrgUnit, user: User, parent: UUID?, at: Date) -> WorkOrder {
    let order = WorkOrder()
    order.version = 3
    order.number = number
    order.type = .complaint
    order.serviceKind = .other
    order.channel = .phone95598
    order.area = .rural
    order.state = .pendingReplyReview
    order.severity = .serious
    order.customerAccount = "0912345678"
    order.customerName = "张先生"
    order.customerPhone = "13900001111"
    order.address = "清河市人民路8号"
    order.content = "抄表员态度恶劣"
    order.categoryCode = "conduct"
    order.itemCode = "conduct.attitude"
    order.taxonomyVersion = 1
    order.attitude = .agitated
    order.verified = true
    order.supplyResponsibility = false
    order.acceptedAt = at
    order.appointmentAt = at.addingTimeInterval(3600.5)
    order.closedAt = at.addingTimeInterval(7200)
    order.returnVisitedAt = at.addingTimeInterval(7100)
    order.returnVisitSatisfied = true
    order.investigationJSON = #"{"cause":"态度"}"#
    order.nextDueAt = at.addingTimeInterval(60)
    order.snapshotJSON = "{}"
    order.clocksJSON = "[]"
    order.$unit.id = unit.savedID
    order.$createdBy.id = user.savedID
    order.$parent.id = parent
    return order
  }
}

extension WorkOrderLoop {
  /// The intake form's fields for a complaint to county A.
  func intakeFields(phone: String = "13812345678") -> [(String, String)] {
    [
      ("type", "complaint"), ("channel", "phone95598"), ("area", "rural"), ("unitId", org.countyA.savedID.uuidString),
      ("customerAccount", "0109876543"), ("customerName", "李女士"), ("customerPhone", phone), ("address", "临川县石桥镇"),
      ("content", "停电后迟迟无人处理"), ("item", "operations.faultHandling"), ("attitude", "determined"), ("severity", "general"),
    ]
  }
}
