import Domain

/// Who reads and who keeps the outage register, rule OUT-ROLES.
enum OutageAccess {
  /// Register outages and move them: the dispatch desk and the units' service staff.
  static let keepers: Set<Role> = [.lead, .handler, .staff]

  static func canKeep(_ actor: Actor) -> Bool { actor.isAdmin || !actor.roles.isDisjoint(with: keepers) }

  static func requireKeeper(_ actor: Actor) throws {
    guard canKeep(actor) else { throw AppError.forbidden }
  }

  /// Register a fault outage from a group of repair calls (OUT-MERGE-CALLS): the keepers and the
  /// 95598 agents who took the calls.
  static func canMergeCalls(_ actor: Actor) -> Bool { canKeep(actor) || actor.has(.agent) }

  /// The customer file replaces what the grid is: administrators and staff only.
  static func canImportGrid(_ actor: Actor) -> Bool { actor.isAdmin || actor.has(.staff) }
}
