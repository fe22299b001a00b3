import Domain
import Fluent
import Foundation

/// Which cases and ledger rows a person may see (ACC-SCOPE): overseers (Marketing, the leadership
/// group, HR, leads, administrators) those of their unit subtree; everyone else only the cases
/// with a line of their own, and only their own ledger.
enum CaseQueries {
  struct Filter: Sendable {
    var workOrderID: UUID?
    var state: CaseState?
    var unitID: UUID?
    var halfYear: String?
  }

  static func list(
    _ filter: Filter, for actor: Actor, on db: any Database, limit: Int = 500
  ) async throws -> [(AccountabilityCase, [AccountabilityLine])] {
    let query = AccountabilityCase.query(on: db)
    if let id = filter.workOrderID { query.filter(\.$workOrderID == id) }
    if let state = filter.state { query.filter(\.$state == state) }
    if let unit = filter.unitID { query.filter(\.$unit.$id == unit) }
    if let half = filter.halfYear { query.filter(\.$halfYear == half) }
    if CaseService.canOversee(actor) {
      if !actor.isAdmin {
        let visible = try await OrgUnit.visible(to: actor, on: db).map { try $0.requireID() }
        query.filter(\.$unit.$id ~~ visible)
      }
    } else {
      let own = try await AccountabilityLine.query(on: db).filter(\.$personID == actor.userID).all().map(\.$accountabilityCase.id)
      query.filter(\.$id ~~ Array(Set(own)))
    }
    let cases = try await query.sort(\.$verifiedAt, .descending).limit(limit).all()
    let lines = try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id ~~ cases.map { try $0.requireID() })
      .sort(\.$position).all()
    let byCase = Dictionary(grouping: lines, by: { $0.$accountabilityCase.id })
    return try cases.map { ($0, byCase[try $0.requireID()] ?? []) }
  }

  static func lines(of record: AccountabilityCase, on db: any Database) async throws -> [AccountabilityLine] {
    try await AccountabilityLine.query(on: db).filter(\.$accountabilityCase.$id == record.requireID()).sort(\.$position).all()
  }

  /// A person's ledger rows, if the actor may see them: their own, or an overseer's of a person in
  /// their subtree.
  static func ledger(personID: UUID, for actor: Actor, on db: any Database) async throws -> [LedgerEntry] {
    if personID != actor.userID {
      guard CaseService.canOversee(actor),
        let person = try await User.query(on: db).filter(\.$id == personID).with(\.$unit).first(), actor.canSee(person.unit.unitPath)
      else { throw AppError.forbidden }
    }
    return try await LedgerEntry.query(on: db).filter(\.$person.$id == personID).sort(\.$month).sort(\.$createdAt).all()
  }
}
