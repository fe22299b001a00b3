import Domain
import Foundation

/// Who may do what with inspections (INSP-ROLES): inspectors record them, the responsible unit's people
/// rectify, inspectors close; everyone else who works with stations reads, within their unit subtree.
enum InspectionAccess {
  static func canRead(_ actor: Actor) -> Bool { !actor.roles.isDisjoint(with: InspectionRoles.readers) }
  static func canRecord(_ actor: Actor) -> Bool { actor.isAdmin || actor.has(.inspector) }

  static func requireRead(_ actor: Actor) throws {
    guard canRead(actor) else { throw AppError.forbidden }
  }

  /// Rectifying is for the responsible unit's subtree (or the named person); closing and reopening for inspectors.
  static func may(_ action: FindingAction, _ finding: FindingFacts, actor: Actor) -> Bool {
    guard actor.canSee(finding.unitPath) else { return false }
    switch action {
    case .rectify: return !actor.roles.isDisjoint(with: InspectionRoles.rectifiers) || finding.responsibleUserID == actor.userID
    case .close, .reopen: return canRecord(actor)
    }
  }

  struct FindingFacts {
    let unitPath: UnitPath
    let responsibleUserID: UUID?
  }
}
