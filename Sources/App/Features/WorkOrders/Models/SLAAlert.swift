import Domain
import Fluent
import Foundation

/// A warning before a stage deadline (50 / 75 / 90 % by default) or, on breach, a 催办 addressed
/// to the responsible unit. Unique per order, stage, clock run and level, so that however many
/// sweepers run, each fires once.
final class SLAAlert: Model, @unchecked Sendable {
  static let schema = "sla_alerts"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @EnumField(key: "stage") var stage: Domain.StageClock
  @EnumField(key: "level") var level: WarningLevel
  @Field(key: "clock_started_at") var clockStartedAt: Date
  @Field(key: "due_at") var dueAt: Date
  @Field(key: "is_chase") var isChase: Bool
  @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?

  // MARK: relations
  @Parent(key: "order_id") var order: WorkOrder
  @Parent(key: "unit_id") var unit: OrgUnit

  init() {}

  init(orderID: UUID, unitID: UUID, warning: DueWarning, clockStartedAt: Date, dueAt: Date, at: Date) {
    self.$order.id = orderID
    self.$unit.id = unitID
    self.stage = warning.stage
    self.level = warning.level
    self.clockStartedAt = clockStartedAt
    self.dueAt = dueAt
    self.isChase = warning.isChase
    self.createdAt = at
  }
}

extension SLAAlert {
  /// The levels already raised for each clock that is running now (a restarted clock starts
  /// afresh).
  static func sent(for orderID: UUID, ledger: ClockLedger, on db: any Database) async throws -> [Domain.StageClock: Set<WarningLevel>] {
    let alerts = try await SLAAlert.query(on: db).filter(\.$order.$id == orderID).all()
    var sent: [Domain.StageClock: Set<WarningLevel>] = [:]
    for (stage, record) in ledger.running {
      let levels = alerts.filter { $0.stage == stage && abs($0.clockStartedAt.timeIntervalSince(record.startedAt)) < 1 }
        .map(\.level)
      sent[stage] = Set(levels)
    }
    return sent
  }
}

extension SLAAlert {
  /// 催办 raised on orders still open in the actor's unit subtree (everywhere for admins).
  static func openChases(visibleTo actor: Actor, on db: any Database) async throws -> Int {
    let scope = actor.isAdmin ? nil : try await OrgUnit.visible(to: actor, on: db).compactMap(\.id)
    let chases = SLAAlert.query(on: db).filter(\.$isChase == true)
      .join(WorkOrder.self, on: \SLAAlert.$order.$id == \WorkOrder.$id)
      .filter(WorkOrder.self, \.$state != WorkOrderState.closed).filter(WorkOrder.self, \.$state != WorkOrderState.merged)
    if let scope { chases.filter(WorkOrder.self, \.$unit.$id ~~ scope) }
    return try await chases.count()
  }
}
