import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The audit log is read by administrators, in Chinese: fields named, coded values translated,
/// Beijing time, no raw JSON or ISO stamps.
@Suite("Audit log in words")
struct AuditWordingTests {
  static func wording(_ app: Application, names: [String: String] = [:]) -> AuditWording {
    AuditWording(localizer: app.localizer, locale: "zh-CN", names: names)
  }

  @Test("A state change shows the field's name and both values in words, ids left out")
  func stateChange() async throws {
    try await withApp { app in
      // Setup: the app's Chinese audit wording
      // Act: word a work order's state change
      let changes = Self.wording(app).changes(
        entity: "work_order", before: #"{"flags":[],"state":"pendingIntakeReview"}"#,
        after: #"{"action":"approveIntake","flags":["extended","redispatched"],"state":"pendingDispatch"}"#)
      // Check: action, flags and state in words, ids left out
      #expect(
        changes == [
          .init(label: "操作", before: "", after: "班长审核通过"),
          .init(label: "标记", before: "", after: "已延期、重派"),
          .init(label: "状态", before: "待班长审核", after: "待派发"),
        ])
    }
  }

  @Test("Nested objects, booleans, times and references to units are in words")
  func userRecord() async throws {
    try await withApp { app in
      // Setup: a unit id with its name
      let unitID = UUID()
      // Act: word a new user record with a nested unit
      let changes = Self.wording(app, names: [unitID.uuidString: "城东区供电公司"]).changes(
        entity: "user", before: nil,
        after: #"""
          {"id":"\#(UUID())","isActive":true,"roles":["handler","lead"],"locale":"zh-CN","parentId":"\#(unitID.uuidString.lowercased())",
           "lockedUntil":"2026-12-04T08:30:00Z","unit":{"id":"\#(unitID)","kind":"county","name":"城东区供电公司"}}
          """#)
      // Check: each field named and in words, no ids
      let byLabel = Dictionary(uniqueKeysWithValues: changes.map { ($0.label, $0.after) })
      #expect(byLabel["启用"] == "是")
      #expect(byLabel["角色"] == "基层处理人、坐席班长")
      #expect(byLabel["界面语言"] == "简体中文")
      #expect(byLabel["上级单位"] == "城东区供电公司")
      #expect(byLabel["锁定至"] == "2026-12-04 16:30")
      #expect(byLabel["单位类型"] == "县级供电公司")
      #expect(!changes.contains { $0.label.contains("audit.field") || $0.after.contains(unitID.uuidString) })
    }
  }

  @Test("Every field and entity the demo records has a name, and the page shows no JSON or ISO stamps")
  func demoPage() async throws {
    try await withApp { app in
      // Setup: the demo seeded on 23 November 2026
      app.clock = FixedClock(instant("2026-11-23T10:00:00+08:00"))
      let seeded = try #require(try await DemoSeed.seedIfEmpty(app))
      // Act: read every audit record the demo made
      let records = try await AuditRecord.query(on: app.db).all()
      // Check: each entity and field has a name
      for record in records {
        #expect(app.localizer.has("audit.entity.\(record.entity.rawValue)"))
        let keys = Set(AuditWording.flatten(record.before).keys).union(AuditWording.flatten(record.after).keys)
        for key in keys where !AuditWording.hidden(key) {
          #expect(app.localizer.has("audit.field.\(key)"), "\(record.entity): field \(key) has no name")
        }
      }
      // Act: open the audit page as admin
      let admin = PageClient(app)
      try await admin.login("admin", seeded.password)
      let page = try await admin.get(Paths.audit.link() + "?limit=500")
      // Check: no raw JSON, no ISO stamps, states in words
      #expect(page.status == .ok)
      let body = page.body.string
      #expect(!body.contains("{&quot;") && !body.contains("{\""), "raw JSON on the audit page")
      #expect(body.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) == nil, "ISO time stamp on the page")
      #expect(!body.contains("audit.field.") && !body.contains("pendingIntakeReview"))
      #expect(body.contains("待班长审核") && body.contains("工单"))
    }
  }
}
