import Domain
import Fluent
import Vapor

/// Demo 95598 orders at every stage of the loop, accepted over the last days, so that queues,
/// clocks, warnings and 催办 all show something on a fresh demo.
enum DemoWorkOrders {
  struct Script {
    let hoursAgo: Double
    let input: WorkOrderIntake.Input
    /// Moves after acceptance: (role that acts, action, minutes after the previous move).
    let moves: [(Role, WorkOrderAction, Double)]
  }

  /// The demo user of each role as the actor it signs in as.
  static func actors(on db: any Database) async throws -> [Role: Actor] {
    var actors: [Role: Actor] = [:]
    for role in Role.allCases {
      if let user = try await User.query(on: db).filter(\.$username == role.rawValue).first(),
        let actor = try await ActorLoader.load(userID: user.requireID(), on: db)
      {
        actors[role] = actor
      }
    }
    return actors
  }

  /// Files one scripted order and makes its moves; false (logged) if a move was refused.
  static func run(_ script: Script, agent: Actor, actors: [Role: Actor], app: Application, now: Date) async throws -> Bool {
    let db = app.db
    var at = now.addingTimeInterval(-script.hoursAgo * 3600)
    do {
      var input = script.input
      input.acceptedAt = at
      let order = try await WorkOrderIntake.create(input, actor: agent, on: db, now: now)
      for (role, scripted, minutes) in script.moves {
        at = at.addingTimeInterval(minutes * 60)
        guard let actor = actors[role] else { continue }
        var action = scripted
        if case .reply(let summary, _) = scripted, order.type == .complaint {
          action = .reply(summary: summary, investigation: investigation(for: order))
        }
        try await WorkOrderFlow.apply(
          action, to: order, expectedVersion: order.version,
          details: .init(verified: action.kind == .reply ? true : nil, supplyResponsibility: action.kind == .reply ? true : nil),
          actor: actor, on: db, now: at, observers: app.complaintObservers)
      }
      return true
    } catch {
      app.logger.warning("demo work order skipped: \(error)")
      return false
    }
  }

  static func seed(_ app: Application, now: Date) async throws -> Int {
    let db = app.db
    let actors = try await actors(on: db)
    guard let agent = actors[.agent], let handler = actors[.handler] else { return 0 }
    let units = try await OrgUnit.query(on: db).filter(\.$kind == .county).sort(\.$code).all()
    guard let handlerCounty = units.first(where: { $0.id == handler.unitID }) else { return 0 }
    let otherCounty = units.first { $0.id != handler.unitID } ?? handlerCounty
    var created = 0
    for script in scripts(handlerUnit: try handlerCounty.requireID(), otherUnit: try otherCounty.requireID()) {
      if try await run(script, agent: agent, actors: actors, app: app, now: now) { created += 1 }
    }
    _ = try await SLASweepJob().run(on: app, now: now)
    return created
  }

  static func scripts(handlerUnit: UUID, otherUnit: UUID) -> [Script] {
    func input(
      _ type: String, _ name: String, _ phone: String, _ content: String, unit: UUID, item: String? = nil, category: String? = nil,
      area: String = "urban", channel: String = "phone95598", attitude: String? = nil, severity: String? = nil, answer: String? = nil,
      serviceKind: String? = nil
    ) -> WorkOrderIntake.Input {
      WorkOrderIntake.Input(
        type: type, serviceKind: serviceKind, channel: channel, area: area, customerAccount: "01" + phone.suffix(8),
        customerName: name, customerPhone: phone, address: "清河市\(name.prefix(1))家巷\(phone.suffix(2))号", content: content,
        unitID: unit.uuidString, category: category, item: item, attitude: attitude, severity: severity, answer: answer)
    }
    let dispatch = WorkOrderAction.dispatch(unitID: handlerUnit)
    return [
      Script(
        hoursAgo: 30,
        input: input(
          "complaint", "张建国", "13812340001", "抄表员连续两月估抄，电费明显偏高，要求核实并道歉。", unit: handlerUnit, item: "marketing.meterReading",
          category: "marketing", attitude: "agitated"),
        moves: [
          (.lead, .approveIntake, 10), (.lead, dispatch, 15), (.handler, .recordFirstContact, 120),
          (.handler, .reply(summary: "已现场核对表计读数，退还多收电费 86.40 元并向客户致歉。"), 600),
          (.reviewer, .approveReply, 60), (.agent, .recordReturnVisit(satisfied: true, note: "客户对处理结果满意。"), 90),
        ]),
      Script(
        hoursAgo: 20,
        input: input(
          "complaint", "刘秀英", "13912340002", "营业厅工作人员态度生硬，办理过户时被多次要求补材料。", unit: handlerUnit, item: "conduct.attitude", category: "conduct",
          attitude: "determined"),
        moves: [
          (.lead, .approveIntake, 8), (.lead, dispatch, 12), (.handler, .recordFirstContact, 90),
          (.handler, .reply(summary: "已约谈当班人员，一次性告知所需材料，客户已办结过户。"), 300),
        ]),
      Script(
        hoursAgo: 6,
        input: input(
          "complaint", "陈志强", "13712340003", "计划停电未提前通知，冰箱食物变质。", unit: handlerUnit, item: "operations.outageNotice",
          category: "operations", area: "rural", attitude: "agitated", severity: "serious"),
        moves: [(.lead, .approveIntake, 15), (.lead, dispatch, 20)]),
      Script(
        hoursAgo: 3,
        input: input(
          "complaint", "王丽娟", "13612340004", "电压不稳，家中灯光闪烁，已反映多次。", unit: handlerUnit, item: "operations.supplyQuality",
          category: "operations", attitude: "calm"),
        moves: []),
      Script(
        hoursAgo: 2.5,
        input: input("faultRepair", "赵大伟", "13512340005", "整栋楼停电，单元门口配电箱冒烟。", unit: handlerUnit, area: "urban"),
        moves: [(.agent, dispatch, 5), (.handler, .recordArrival, 35)]),
      Script(
        hoursAgo: 50,
        input: input("serviceRequest", "孙美玲", "13412340006", "电费已缴清，申请复电。", unit: otherUnit, serviceKind: "arrearsReconnection"),
        moves: []),
      Script(
        hoursAgo: 1,
        input: input(
          "consultation", "周建华", "13312340007", "咨询峰谷分时电价的执行时段。", unit: otherUnit, answer: "已告知峰谷时段为 8:00–22:00 峰、22:00–次日 8:00 谷。"),
        moves: []),
      Script(
        hoursAgo: 0.6,
        input: input("report", "匿名", "13212340008", "抄表员收取客户好处费。", unit: otherUnit, item: "misconduct.acceptingGifts", attitude: "calm"),
        moves: []),
    ]
  }

  /// The handler's record of a demo complaint, as the monthly bulletin prints it.
  static func investigation(for order: WorkOrder) -> ComplaintInvestigation {
    ComplaintInvestigation(
      course: "客户来电反映：\(order.content)", handling: "受理当日联系客户，次日上门核实并向客户致歉，客户表示理解。",
      cause: "工作人员服务意识不强，未按服务规范告知客户。", responsibility: "经核实属供电责任，由责任供电所承担。",
      correctiveAction: "组织全所学习供电服务规范，每月开展服务明查暗访。", personnelOutcome: "按考核办法对当事人考核 200 元。")
  }
}
