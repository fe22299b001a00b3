import Domain
import Fluent
import Vapor

/// Demo scorecards (ACC-SCORE-…): the demo handler's card has a point of every kind (complaints
/// by cause from the demo cases, an unsatisfied return visit, an overdue stage, inspection
/// findings, an imported training and a safety result); two colleagues at the same unit, one
/// excellent and one failing.
enum DemoScorecards {
  /// The complaints of the failing colleague.
  static let failures = [
    ("冯淑珍", "13812360031", "电表箱门损坏半月未修，存在安全隐患。", "operations.supplyQuality"),
    ("曹永刚", "13812360032", "更换电表后读数错误，多收电费。", "marketing.tariff"),
    ("彭秀兰", "13812360033", "申请的峰谷电价一直未执行。", "marketing.tariff"),
  ]
  /// Work orders this seed files: the unsatisfied return visit, the overdue reply, the failures.
  static var orderCount: Int { 2 + failures.count }

  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    let actors = try await DemoWorkOrders.actors(on: db)
    guard let agent = actors[.agent], let handler = actors[.handler], let reviewer = actors[.reviewer], let hr = actors[.hr],
      let handlerUser = try await User.find(handler.userID, on: db)
    else { return }
    let dispatch = WorkOrderAction.dispatch(unitID: handler.unitID)
    func complaint(_ name: String, _ phone: String, _ content: String, item: String) -> WorkOrderIntake.Input {
      WorkOrderIntake.Input(
        type: "complaint", serviceKind: nil, channel: "phone95598", area: "urban", customerAccount: "01" + phone.suffix(8),
        customerName: name, customerPhone: phone, address: "清河市\(name.prefix(1))家巷\(phone.suffix(2))号", content: content,
        unitID: handler.unitID.uuidString, category: String(item.split(separator: ".").first ?? "conduct"), item: item,
        attitude: "agitated", severity: nil, answer: nil)
    }
    // An unsatisfied return visit on an order the handler took.
    _ = try await DemoWorkOrders.run(
      .init(
        hoursAgo: 26, input: complaint("韩桂芳", "13812360021", "业扩报装资料提交后一周无人联系。", item: "marketing.connection"),
        moves: [
          (.lead, .approveIntake, 10), (.lead, dispatch, 15), (.handler, .recordFirstContact, 30),
          (.handler, .reply(summary: "已联系客户补办手续，当日完成受理。"), 120), (.reviewer, .approveReply, 30),
          (.agent, .recordReturnVisit(satisfied: false, note: "客户认为办理仍然拖延，不满意。"), 60),
        ]), agent: agent, actors: actors, app: app, now: now)
    // A reply stage left past its deadline: the sweep raises the breach.
    _ = try await DemoWorkOrders.run(
      .init(
        hoursAgo: 24 * 12, input: complaint("邓振华", "13812360022", "低压线路老化，多次申请改造无人答复。", item: "operations.supplyQuality"),
        moves: [(.lead, .approveIntake, 10), (.lead, dispatch, 15), (.handler, .recordFirstContact, 60)]), agent: agent, actors: actors,
      app: app, now: now)
    _ = try await SLASweepJob().run(on: app, now: now)

    // Two colleagues of the handler: one excellent, one failing.
    let excellent = User(
      username: "zhouwj", displayName: "周文静", passwordHash: handlerUser.passwordHash, roles: [.handler], unitID: handler.unitID)
    let failing = User(
      username: "zhaolx", displayName: "赵立新", passwordHash: handlerUser.passwordHash, roles: [.handler], unitID: handler.unitID)
    try await excellent.create(on: db)
    try await failing.create(on: db)
    let excellentID = try excellent.requireID()
    let failingID = try failing.requireID()

    // The failing colleague: three verified complaints of work-quality errors with customer loss.
    let before = Set(try await AccountabilityCase.query(on: db).all().compactMap(\.id))
    for (index, person) in failures.enumerated() {
      _ = try await DemoWorkOrders.run(
        .init(
          hoursAgo: 8 + Double(index), input: complaint(person.0, person.1, person.2, item: person.3),
          moves: [
            (.lead, .approveIntake, 5), (.lead, dispatch, 5), (.handler, .recordFirstContact, 20),
            (.handler, .reply(summary: "已核实属实，向客户致歉并整改。"), 60),
          ]), agent: agent, actors: actors, app: app, now: now)
    }
    let added = try await AccountabilityCase.query(on: db).all().filter { !before.contains($0.id ?? UUID()) }
    for record in added {
      let lines = try await CaseQueries.lines(of: record, on: db)
      guard lines.count == 1 else { continue }
      let input = CaseEditing.Input(
        causeFramework: CauseFramework.general.rawValue, cause: GeneralCause.qualityErrorWithLoss.rawValue,
        severity: Severity.general.rawValue, outsideChannel: nil,
        lines: [.init(role: ResponsibilityRole.main.rawValue, personId: failingID, unitId: nil, amountFen: 20_000, sanction: nil)])
      try await CaseEditing.update(record, input, expected: record.version, actor: reviewer, on: db, now: now)
    }

    // Imported results: training and safety for all three.
    let today = BusinessTime.civilDate(of: now)
    let results: [(UUID, ImportedScoreKind, Int, String)] = [
      (handler.userID, .training, 860, "营业厅服务规范培训考试"), (handler.userID, .safety, 900, "安全规程年度考试"),
      (excellentID, .training, 950, "营业厅服务规范培训考试"), (excellentID, .safety, 980, "安全规程年度考试"),
      (failingID, .training, 450, "营业厅服务规范培训考试"), (failingID, .safety, 550, "安全规程年度考试"),
    ]
    try await ScoreImportService.save(
      results.enumerated().map { index, row in
        .init(personID: row.0, kind: row.1, day: today, tenths: row.2, title: row.3, line: index + 2)
      }, actor: hr, on: db, now: now)
  }
}
