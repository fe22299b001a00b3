import Domain
import Fluent
import Foundation

/// HR's monthly deduction list (ACC-LEDGER): every ledger row of a month for the people of the
/// actor's subtree, with the person, the unit and the work order it comes from.
enum DeductionList {
  struct Row: Codable, Sendable {
    let personId: UUID
    let personName: String
    let unitName: String
    let caseId: UUID
    let workOrderNumber: String
    let kind: String
    let chargedFen: Int
    let deductedFen: Int
    let carriedFen: Int
  }

  struct Totals: Codable, Sendable {
    let chargedFen: Int
    let deductedFen: Int
    let carriedFen: Int
  }

  struct Month: Codable, Sendable {
    let month: String
    let items: [Row]
    let totals: Totals
  }

  static func month(_ month: YearMonth, for actor: Actor, on db: any Database) async throws -> Month {
    guard CaseService.canOversee(actor) else { throw AppError.forbidden }
    let units = try await OrgUnit.visible(to: actor, on: db)
    let unitNames = Dictionary(try units.map { (try $0.requireID(), $0.name) }, uniquingKeysWith: { a, _ in a })
    let people = try await User.query(on: db).filter(\.$unit.$id ~~ Array(unitNames.keys)).all()
    let byID = Dictionary(try people.map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
    let entries = try await LedgerEntry.query(on: db).filter(\.$month == month.description).filter(\.$person.$id ~~ Array(byID.keys))
      .sort(\.$createdAt).all()
    let cases = try await AccountabilityCase.query(on: db).filter(\.$id ~~ Array(Set(entries.map(\.caseID)))).all()
    let numbers = Dictionary(try cases.map { (try $0.requireID(), $0.workOrderNumber) }, uniquingKeysWith: { a, _ in a })
    let rows = entries.map { entry in
      let person = byID[entry.$person.id]
      return Row(
        personId: entry.$person.id, personName: person?.displayName ?? "", unitName: person.flatMap { unitNames[$0.$unit.id] } ?? "",
        caseId: entry.caseID, workOrderNumber: numbers[entry.caseID] ?? "",
        kind: entry.kind.rawValue, chargedFen: entry.chargedFen,
        deductedFen: entry.deductedFen, carriedFen: entry.carriedFen)
    }.sorted { ($0.unitName, $0.personName) < ($1.unitName, $1.personName) }
    return Month(
      month: month.description, items: rows,
      totals: Totals(
        chargedFen: rows.reduce(0) { $0 + $1.chargedFen }, deductedFen: rows.reduce(0) { $0 + $1.deductedFen },
        carriedFen: rows.reduce(0) { $0 + $1.carriedFen }))
  }
}
