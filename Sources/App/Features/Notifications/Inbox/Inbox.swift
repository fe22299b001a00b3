import Domain
import Fluent
import Foundation

/// Who hears about an order, and delivering to their inboxes.
enum Inbox {
  /// The moves that take an order forward: whoever may make one of them now has the order in
  /// their queue. Side actions (raising severity, same-day reports, merging…) do not count.
  static let progressActions: Set<WorkOrderActionKind> = [
    .accept, .approveIntake, .dispatch, .recordFirstContact, .recordArrival, .recordRestoration, .reply, .approveReply,
    .approveExtension, .recordReturnVisit, .resumeFromCustomer, .concludeInspection,
  ]

  /// The people at the order's unit or above it who could move the order forward now
  /// (administration alone does not count: admins would otherwise hear of everything).
  static func recipients(
    for order: WorkOrder, unit known: OrgUnit? = nil, workflow: Workflow, except actorID: UUID?, on db: any Database, now: Date
  ) async throws -> [UUID] {
    let found = if let known { known } else { try await OrgUnit.find(order.$unit.id, on: db) }
    guard let unit = found else { return [] }
    let ancestors = unit.unitPath.ancestorIDs.compactMap(UUID.init(uuidString:))
    let users = try await ActorLoader.active(inUnits: ancestors, on: db)
    let snapshot = try order.snapshot
    return users.filter { user in
      guard user.userID != actorID else { return false }
      let actor = user.with(roles: user.roles.subtracting([.admin]))
      return !actor.roles.isEmpty
        && !progressActions.isDisjoint(
          with: WorkOrderPresenter.allowedActions(order, snapshot: snapshot, workflow: workflow, actor: actor, now: now))
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
