import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Orders brought to a state through the API, as the people of `WorkOrderAPITests.Loop` would.
extension WorkOrderAPITests.Loop {
  static let approve = ("lead", #"{"action":"approveIntake"}"#)
  var dispatchA: (String, String) { ("lead", #"{"action":"dispatch","unitId":"\#(org.countyA.id!)"}"#) }
  static let contact = ("handlerA", #"{"action":"recordFirstContact"}"#)
  static let reply = ("handlerA", #"{"action":"reply","summary":"已核实","verified":true,"supplyResponsibility":true}"#)
  static let approveReply = ("reviewer", #"{"action":"approveReply"}"#)

  /// Files an order (a complaint unless given) and makes the moves in turn.
  func file(_ json: String? = nil, as who: String = "agent", then moves: [(String, String)] = []) async throws -> OrderBody {
    let res = try await app.api(.POST, "/api/v1/work-orders", token: tokens[who], json: json ?? complaint())
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
    {"type":"report","channel":"phone95598","area":"urban","unitId":"\#(org.countyA.id!)",
     "customer":{"account":"\#(account)","name":"张先生","phone":"\#(phone)","address":"临川县城关镇人民路8号"},
     "content":"抄表员收取好处费","complaint":{"item":"misconduct.acceptingGifts","attitude":"calm","severity":"general"}}
    """#
  }

  /// A fault-repair call (dispatched by the agent, no lead review).
  func repair(account: String = "0107777777") -> String {
    #"""
    {"type":"faultRepair","channel":"phone95598","area":"urban","unitId":"\#(org.countyA.id!)",
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
    return Self.numbers(in: res.body.string)
  }

  static func numbers(in html: String) -> [String] {
    let pattern = try! NSRegularExpression(pattern: #"class="order-number" href="[^"]+">([^<]+)</a>"#)
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
      numbers += Self.numbers(in: html)
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
