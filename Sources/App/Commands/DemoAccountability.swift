import Domain
import Fluent
import Vapor

/// Demo accountability: complaints verified over the last weeks open cases, which are moved into
/// every state; one batch was approved two months ago and carried into the next month.
enum DemoAccountability {
  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    let actors = try await DemoWorkOrders.actors(on: db)
    guard let agent = actors[.agent], let handler = actors[.handler], let reviewer = actors[.reviewer], let leader = actors[.leader],
      let hr = actors[.hr]
    else { return }
    for script in scripts(unit: handler.unitID) {
      _ = try await DemoWorkOrders.run(script, agent: agent, actors: actors, app: app, now: now)
    }
    let cases = try await AccountabilityCase.query(on: db).sort(\.$verifiedAt).all()
    guard cases.count >= 7 else { return }
    let thisMonth = YearMonth(BusinessTime.civilDate(of: now))
    let twoAgo = thisMonth.previous.previous

    func edit(_ record: AccountabilityCase, _ cause: GeneralCause, yuan: Int) async throws {
      let input = CaseEditing.Input(
        causeFramework: CauseFramework.general.rawValue, cause: cause.rawValue, severity: Severity.general.rawValue, outsideChannel: nil,
        lines: [.init(role: ResponsibilityRole.main.rawValue, personId: handler.userID, unitId: nil, amountFen: yuan * 100, sanction: nil)])
      try await CaseEditing.update(record, input, expected: record.version, actor: reviewer, on: db, now: now)
    }
    func fresh(_ record: AccountabilityCase) async throws -> AccountabilityCase {
      try await AccountabilityCase.find(try record.requireID(), on: db) ?? record
    }
    func move(_ stale: AccountabilityCase, _ action: CaseAction, reason: String? = nil) async throws {
      let record = try await fresh(stale)
      try await CaseService.act(
        record, action: action, expected: record.version, reason: reason, actor: action.role == .leader ? leader : reviewer, on: db,
        now: now)
    }
    func approve(_ stale: AccountabilityCase, _ month: YearMonth) async throws {
      let record = try await fresh(stale)
      try await BatchService.approve(cases: [record], expected: [record.version], month: month, actor: leader, on: db, now: now)
    }
    let four = FourDonts(
      causeEstablished: "工作人员态度生硬，未一次性告知所需材料", personEducated: "班组长已约谈当事人并组织学习服务规范",
      correctiveMeasure: "营业厅推行一次性告知单", personDealtWith: "按考核办法扣减绩效工资")

    // Settled: ¥300 approved two months ago; ¥200 of pay that month, the rest the month after.
    let settled = cases[0]
    try await edit(settled, .poorAttitude, yuan: 300)
    try await move(settled, .submit)
    try await approve(settled, twoAgo)
    // Deducting with a carry-over: ¥600 for abusive conduct approved last month.
    let deducting = cases[1]
    try await edit(deducting, .abusiveConduct, yuan: 600)
    try await move(deducting, .submit)
    try await approve(deducting, twoAgo.next)
    try await PayService.save(
      [.init(personID: handler.userID, month: twoAgo, fen: 20_000), .init(personID: handler.userID, month: twoAgo.next, fen: 20_000)],
      actor: hr, on: db, now: now)
    let toSettle = try await fresh(settled)
    try await CaseService.recordFourDonts(toSettle, four, expected: toSettle.version, actor: reviewer, on: db, now: now)
    try await move(settled, .settle)
    // Approved this month, waiting for this month's pay.
    try await edit(cases[2], .qualityErrorWithLoss, yuan: 250)
    try await move(cases[2], .submit)
    try await approve(cases[2], thisMonth)
    // In the batch before the leadership group, sent back, withdrawn; the rest stay proposed.
    try await move(cases[3], .submit)
    try await move(cases[4], .submit)
    try await move(cases[4], .sendBack, reason: "请补充客户损失的核实材料后再报")
    try await move(cases[5], .withdraw, reason: "复核认定为客户原因，撤销核实结论")
  }

  static func scripts(unit: UUID) -> [DemoWorkOrders.Script] {
    let people: [(String, String, String, String)] = [
      ("何志明", "13812350011", "营业员办理业务时语气生硬，不愿解释电费构成。", "conduct.attitude"),
      ("许丽华", "13812350012", "装表接电拖延，超过承诺时限仍未送电。", "marketing.connection"),
      ("梁国栋", "13812350013", "抢修人员与客户发生争吵。", "conduct.standards"),
      ("宋晓燕", "13812350014", "电费单地址错误，多次反映未改正。", "marketing.tariff"),
      ("郭建平", "13812350015", "营业厅无故提前关门。", "conduct.attitude"),
    ]
    let dispatch = WorkOrderAction.dispatch(unitID: unit)
    return people.enumerated().map { index, person in
      let category = String(person.3.split(separator: ".").first ?? "conduct")
      return DemoWorkOrders.Script(
        hoursAgo: Double(24 * (30 - index * 4)),
        input: WorkOrderIntake.Input(
          type: "complaint", serviceKind: nil, channel: "phone95598", area: "urban", customerAccount: "01" + person.1.suffix(8),
          customerName: person.0, customerPhone: person.1, address: "清河市\(person.0.prefix(1))家巷\(person.1.suffix(2))号",
          content: person.2, unitID: unit.uuidString, category: category, item: person.3, attitude: "agitated", severity: nil, answer: nil),
        moves: [
          (.lead, .approveIntake, 10), (.lead, dispatch, 15), (.handler, .recordFirstContact, 60),
          (.handler, .reply(summary: "已核实属实，向客户致歉并整改。"), 240),
        ])
    }
  }
}
