import Domain
import Fluent
import Vapor

/// Demo connection applications in the first county's first station (rule COM-APPLICATION): a
/// residential connection energised on time, a 60 kW shop accepted by the customer centre and
/// now late, a high-voltage factory waiting for the customer, and a new residential application.
enum DemoCommitments {
  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    guard let handler = try await DemoSeed.actor("handler", on: db) else { return }
    guard
      let station = try await OrgUnit.query(on: db).filter(\.$path =~ handler.unitPath.value).filter(\.$kind == .station)
        .sort(\.$code).first()
    else { return }
    let unit = try station.requireID().uuidString
    let day: TimeInterval = 86_400
    func at(_ seconds: TimeInterval) -> String { BusinessTime.iso8601(now.addingTimeInterval(-seconds)) }
    func apply(
      _ account: String, _ name: String, _ kind: String, _ cls: String, _ voltage: String, _ kw: String, accepted: TimeInterval
    )
      async throws -> ConnectionApplication
    {
      try await ConnectionApplications.create(
        .init(
          kind: kind, customerAccount: account, customerName: name, customerPhone: "139\(account.suffix(8))", connectionClass: cls,
          voltage: voltage, capacityKw: kw, unitID: unit, acceptedAt: at(accepted)),
        actor: handler, localizer: app.localizer, on: db, now: now)
    }
    func stage(_ application: ConnectionApplication, _ stage: CommitmentStage, _ start: TimeInterval, _ finish: TimeInterval?) async throws
    {
      guard let current = try await ConnectionApplication.find(application.id, on: db) else { return }
      try await ConnectionApplications.recordStage(
        current, stage: stage.rawValue, startedAt: at(start), finishedAt: finish.map(at), version: current.version, actor: handler,
        localizer: app.localizer, on: db, now: now)
    }

    let home = try await apply("3301200001", "周建国", "newConnection", "residential", "220V", "8", accepted: 12 * day)
    try await stage(home, .siteSurvey, 11 * day, 11 * day - 7_200)
    try await stage(home, .supplyPlan, 11 * day - 7_200, 10 * day)
    try await stage(home, .energising, 9 * day, 9 * day - 10_800)

    let shop = try await apply("3301200002", "东关便民超市", "capacityIncrease", "lowVoltageNonResidential", "380V", "60", accepted: 20 * day)
    try await stage(shop, .siteSurvey, 19 * day, 19 * day - 3_600)
    try await stage(shop, .supplyPlan, 18 * day, 17 * day)

    let factory = try await apply("3301200003", "清河精密机械有限公司", "newConnection", "highVoltageSingle", "10kV", "800", accepted: 8 * day)
    try await stage(factory, .siteSurvey, 7 * day, 7 * day - 14_400)
    if let current = try await ConnectionApplication.find(factory.id, on: db) {
      try await ConnectionApplications.wait(
        current, reason: "客户配电房土建未完工", at: at(3 * day), version: current.version, actor: handler, on: db, now: now)
    }

    _ = try await apply("3301200004", "林晓红", "newConnection", "residential", "220V", "6", accepted: 2 * day)
  }
}
