import Domain
import Fluent
import Foundation

/// Who hears about an order: the people at the order's unit or above it whom the order waits on
/// now (`WaitingOn`, the rule of the 待我处理 queue); administration alone does not count.
/// WorkOrders decides this; Notifications only delivers.
enum WorkOrderRecipients {
  /// `unit`: the order's unit when the caller has it already.
  static func waitingOn(
    _ order: WorkOrder, unit known: OrgUnit? = nil, workflow: Workflow, except actorID: UUID?, on db: any Database
  ) async throws -> [UUID] {
    let waiting = workflow.waitingOn(try order.snapshot)
    guard waiting.role != nil || waiting.approver != nil else { return [] }
    let found = if let known { known } else { try await OrgUnit.find(order.$unit.id, on: db) }
    guard let unit = found else { return [] }
    let ancestors = unit.unitPath.ancestorIDs
    let users = try await ActorLoader.active(inUnits: ancestors, on: db)
    return users.filter { user in
      user.userID != actorID && waiting.includes(roles: user.roles, person: user.userID)
    }.map(\.userID)
  }
}
