import Domain
import Fluent
import Foundation

/// Who hears about an order, and delivering to their inboxes.
enum Inbox {
  /// The people at the order's unit or above it whom the order waits on now (`WaitingOn`, the
  /// rule of the 待我处理 queue); administration alone does not count.
  static func recipients(
    for order: WorkOrder, unit known: OrgUnit? = nil, workflow: Workflow, except actorID: UUID?, on db: any Database
  ) async throws -> [UUID] {
    let waiting = workflow.waitingOn(try order.snapshot)
    guard waiting.role != nil || waiting.approver != nil else { return [] }
    let found = if let known { known } else { try await OrgUnit.find(order.$unit.id, on: db) }
    guard let unit = found else { return [] }
    let ancestors = unit.unitPath.ancestorIDs.compactMap(UUID.init(uuidString:))
    let users = try await ActorLoader.active(inUnits: ancestors, on: db)
    return users.filter { user in
      user.userID != actorID && waiting.includes(roles: user.roles, person: user.userID.uuidString)
    }.map(\.userID)
  }

  static func deliver(
    to users: [UUID], kind: String, messageKey: String, args: [String], link: String, at: Date, on db: any Database
  ) async throws {
    // One INSERT for all recipients: a county's new order reaches every agent and lead above it.
    guard !users.isEmpty else { return }
    try await users.map {
      InboxNotification(userID: $0, kind: kind, messageKey: messageKey, args: args, link: link, at: at)
    }.insert(on: db)
  }

  static func unreadCount(userID: UUID, on db: any Database) async throws -> Int {
    try await InboxNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
  }
}
