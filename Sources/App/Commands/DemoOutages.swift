import Domain
import Fluent
import Vapor

/// Demo outages: the customer file of the first county's stations (two feeders, six transformer
/// areas, 60 customers), a planned outage next week with its notices (most delivered, one
/// failed, one customer without a phone), a storm fault under way with one transformer area
/// already back, yesterday's fault grouped from two repair calls and restored, and last week's
/// restored maintenance.
enum DemoOutages {
  static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
  static let given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"]

  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    guard let admin = try await DemoSeed.actor("admin", on: db), let handler = try await DemoSeed.actor("handler", on: db) else { return }
    let stations = try await OrgUnit.query(on: db).filter(\.$path =~ handler.unitPath.value).filter(\.$kind == .station)
      .sort(\.$code).all()
    guard stations.count >= 2 else { return }
    var csv = "account,name,phone,unit,feeder,transformerArea,importantClass\n"
    let feeders = [(stations[0], "10kV东关线", ["东关1号台区", "东关2号台区", "东关3号台区"]), (stations[1], "10kV新华线", ["新华1号台区", "新华2号台区", "新华3号台区"])]
    var n = 0
    for (station, feeder, areas) in feeders {
      for area in areas {
        for _ in 0..<10 {
          n += 1
          let name = String(surnames[n % surnames.count]) + given[n % given.count]
          // Every tenth customer has no phone in the file; one hospital is an important customer.
          let phone = n % 10 == 7 ? "" : "138\(String(format: "%08d", 57_000_000 + n))"
          let important = n == 5 ? "一级" : ""
          let display = n == 5 ? "城东区人民医院" : name
          csv += "QH\(String(format: "%08d", n)),\(display),\(phone),\(station.code),\(feeder),\(area),\(important)\n"
        }
      }
    }
    _ = try await GridImport.run(Data(csv.utf8), actor: admin, on: db, now: now)
    let localizer = app.localizer
    func local(_ seconds: TimeInterval) -> String { BusinessTime.iso8601(now.addingTimeInterval(seconds)) }
    let hour: TimeInterval = 3_600
    let day: TimeInterval = 86_400

    // Planned maintenance next week, announced in time, with its notices' receipts.
    let planned = try await OutageService.register(
      .init(
        type: "planned", cause: "10kV东关线线路检修及设备更换", gridObjectID: nil, feeder: "10kV东关线",
        start: local(8 * day), announcedRestoration: local(8 * day + 9 * hour)),
      actor: handler, localizer: localizer, on: db, now: now)
    let rows = try await OutageCustomer.query(on: db).filter(\.$outageID == planned.requireID()).sort(\.$account).all()
    for (index, row) in rows.enumerated() {
      guard let message = row.noticeMessageID else { continue }
      if index == 3 {
        _ = try await Notifications.recordReceipt(messageID: message, delivered: false, detail: "空号", at: now, on: db)
      } else if index < 24 {
        _ = try await Notifications.recordReceipt(messageID: message, delivered: true, detail: nil, at: now, on: db)
      }
    }

    // A storm fault on the other feeder, under way for two hours; one transformer area is back.
    let storm = try await OutageService.register(
      .init(
        type: "fault", cause: "雷雨大风致10kV新华线倒杆断线", gridObjectID: nil, feeder: "10kV新华线", start: local(-2 * hour),
        announcedRestoration: local(2 * hour)),
      actor: handler, localizer: localizer, on: db, now: now)
    if let area = try await GridObject.query(on: db).filter(\.$code == "新华1号台区").first() {
      try await OutageService.act(
        storm, action: .stepRestore, version: storm.version,
        input: .init(at: local(-hour / 2), gridObjectID: try area.requireID().uuidString, announcedRestoration: nil, reason: nil),
        actor: handler, localizer: localizer, on: db, now: now)
    }

    // Yesterday two repair calls from 东关2号台区 revealed a transformer fault: the agent grouped them
    // into a fault outage, the handler restored it three hours later, and the calls now wait for
    // their return visits (OUT-MERGE-CALLS, OUT-RESTORE-CHILDREN).
    try await groupedFault(agent: try await DemoSeed.actor("agent", on: db), handler: handler, app: app, now: now)

    // Last week's temporary maintenance on one transformer area, restored.
    if let area = try await GridObject.query(on: db).filter(\.$code == "东关3号台区").first() {
      let past = try await OutageService.register(
        .init(
          type: "temporary", cause: "东关3号台区变压器低压桩头发热处理", gridObjectID: try area.requireID().uuidString, feeder: nil,
          start: local(-6 * day), announcedRestoration: local(-6 * day + 3 * hour)),
        actor: handler, localizer: localizer, on: db, now: now.addingTimeInterval(-8 * day))
      try await OutageService.act(
        past, action: .start, version: past.version,
        input: .init(at: local(-6 * day), gridObjectID: nil, announcedRestoration: nil, reason: nil),
        actor: handler, localizer: localizer, on: db, now: now.addingTimeInterval(-6 * day))
      try await OutageService.act(
        past, action: .restore, version: past.version,
        input: .init(at: local(-6 * day + 2 * hour + 40 * 60), gridObjectID: nil, announcedRestoration: nil, reason: nil),
        actor: handler, localizer: localizer, on: db, now: now.addingTimeInterval(-6 * day + 3 * hour))
    }
  }

  /// Fault-repair orders this seed files.
  static let orderCount = 2

  private static func groupedFault(agent: Actor?, handler: Actor, app: Application, now: Date) async throws {
    guard let agent, let area = try await GridObject.query(on: app.db).filter(\.$code == "东关2号台区").first() else { return }
    let called = now.addingTimeInterval(-26 * 3_600)
    var numbers: [String] = []
    for (account, name, phone) in [("QH00000012", "张娜", "13857000012"), ("QH00000014", "陈磊", "13857000014")] {
      let input = WorkOrderIntake.Input(
        type: "faultRepair", serviceKind: nil, channel: "phone95598", area: "urban", customerAccount: account, customerName: name,
        customerPhone: phone, address: "城东区东关街\(account.suffix(2))号", content: "家里和邻居家都停电了，听到变压器那边有响声。",
        unitID: handler.unitID.uuidString, category: nil, item: nil, attitude: nil, severity: nil, answer: nil, acceptedAt: called)
      numbers.append(try await WorkOrderIntake.create(input, actor: agent, repairs: app.repairObservers, on: app.db, now: called).number)
    }
    var merged = OutageService.Input(
      type: "fault", cause: "东关2号台区变压器低压侧故障", gridObjectID: try area.requireID().uuidString, feeder: nil,
      start: BusinessTime.iso8601(called.addingTimeInterval(-600)),
      announcedRestoration: BusinessTime.iso8601(called.addingTimeInterval(3 * 3_600)))
    merged.repairOrders = numbers
    let outage = try await OutageService.register(
      merged, actor: agent, localizer: app.localizer, on: app.db, now: called.addingTimeInterval(600))
    try await OutageService.act(
      outage, action: .restore, version: outage.version,
      input: .init(
        at: BusinessTime.iso8601(called.addingTimeInterval(3 * 3_600 - 1_200)), gridObjectID: nil, announcedRestoration: nil, reason: nil),
      actor: handler, localizer: app.localizer, on: app.db, now: called.addingTimeInterval(3 * 3_600))
  }
}
