import Domain
import Fluent
import Vapor

/// Demo inspections (明查暗访): last month every station of the handler's county was visited; this month some
/// were not yet, and the findings are open, overdue, rectified and closed.
enum DemoInspections {
  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    guard let inspector = try await DemoSeed.actor("inspector", on: db), let handler = try await DemoSeed.actor("handler", on: db) else {
      return
    }
    let stations = try await OrgUnit.query(on: db).filter(\.$path =~ handler.unitPath.value).sort(\.$code).all()
      .filter { $0.kind == .station }
    let items = try await ChecklistItemRow.query(on: db).sort(\.$position).all()
    let today = BusinessTime.civilDate(of: now)
    let lastMonth = CivilDate(dayNumber: today.dayNumber - today.day - 20)
    for station in stations {
      _ = try await visit(station, on: lastMonth, failing: [:], items: items, inspector: inspector, db: db, now: now)
    }
    guard let first = stations.first else { return }
    // This month: the first station twice, with findings; the others not yet (the plan shows them).
    let early = today.adding(days: -12)
    let overdue = try await visit(
      first, on: early < lastMonth ? today : early,
      failing: ["phone-four-rings": "暗访拨打值班电话，铃响 6 声后才接听，未使用规范用语。", "leaflets": "营业厅宣传资料架缺少峰谷电价和电费缴纳方式的宣传单。"],
      items: items, inspector: inspector, responsible: handler, db: db, now: now)
    let recent = try await visit(
      first, on: today,
      failing: ["hall-tidy": "营业厅柜台上放有私人水杯和手机充电器。", "badge-uniform": "一名营业员未佩戴工号牌。", "tools-spares": "抢修工具柜内绝缘手套过期未更换。"],
      items: items, inspector: inspector, responsible: handler, db: db, now: now)
    let findings = try await InspectionFinding.query(on: db).filter(\.$inspection.$id ~~ [overdue, recent].compactMap { $0 })
      .with(\.$item).all()
    for finding in findings {
      guard let id = finding.id, let code = finding.item?.code else { continue }
      switch code {
      case "hall-tidy", "leaflets":
        let moved = try await InspectionService.act(
          findingID: id, action: .rectify, version: finding.version, text: "已清理柜台私人物品，补齐宣传资料，并在班前会上重申厅堂管理要求。", actor: handler,
          on: db, now: now)
        if code == "leaflets" {
          _ = try await InspectionService.act(
            findingID: id, action: .close, version: moved.version, text: nil, actor: inspector, on: db, now: now)
        }
      default: continue
      }
    }
  }

  private static func visit(
    _ station: OrgUnit, on day: CivilDate, failing: [String: String], items: [ChecklistItemRow], inspector: Actor,
    responsible: Actor? = nil, db: any Database, now: Date
  ) async throws -> UUID? {
    var results: [UUID: String] = [:]
    var findings: [UUID: InspectionService.FindingInput] = [:]
    for item in items {
      guard let id = item.id else { continue }
      let failed = failing[item.code]
      results[id] = failed == nil ? "pass" : "fail"
      if let failed {
        findings[id] = .init(description: failed, deadline: nil, responsibleUserID: responsible?.userID.uuidString)
      }
    }
    let input = InspectionService.Input(
      unitID: try station.requireID().uuidString, visitedOn: day.description, method: failing.isEmpty ? "announced" : "unannounced",
      summary: failing.isEmpty ? "各项检查合格。" : "发现 \(failing.count) 项问题，已当场反馈供电所负责人，限期整改。", results: results,
      findings: findings)
    return try await InspectionService.record(input, rules: .standard, actor: inspector, on: db, now: now).id
  }
}
