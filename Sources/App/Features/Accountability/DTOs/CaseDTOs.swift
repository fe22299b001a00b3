import Domain
import Vapor

/// A case as `GET /api/v1/accountability/cases` returns it.
struct CaseDTO: Content {
  struct Line: Content {
    let role: String
    let personId: UUID?
    let unitId: UUID?
    let minFen: Int
    let maxFen: Int?
    let amountFen: Int
    let sanction: String?
    let examPassedOn: String?
  }
  let id: UUID
  let version: Int
  let workOrderId: UUID
  let workOrderNumber: String
  let unitId: UUID
  let halfYear: String
  let state: String
  let causeFramework: String
  let cause: String
  let severity: String
  let outsideChannel: String?
  let doubled: Bool
  let deductionMonth: String?
  let fourDonts: FourDonts
  let reason: String?
  let lines: [Line]

  init(_ record: AccountabilityCase, lines: [AccountabilityLine]) throws {
    id = try record.requireID()
    version = record.version
    workOrderId = record.workOrderID
    workOrderNumber = record.workOrderNumber
    unitId = record.$unit.id
    halfYear = record.halfYear
    state = record.state.rawValue
    causeFramework = record.cause.framework.rawValue
    cause = record.causeCode
    severity = record.severity.rawValue
    outsideChannel = record.outsideChannel
    doubled = record.outsideChannel != nil
    deductionMonth = record.deductionMonth
    fourDonts = try record.fourDonts
    reason = record.reason
    self.lines = lines.map {
      Line(
        role: $0.role.rawValue, personId: $0.personID, unitId: $0.unitID, minFen: $0.minFen, maxFen: $0.maxFen,
        amountFen: $0.amountFen, sanction: $0.sanction?.rawValue, examPassedOn: $0.examPassedOn)
    }
  }
}

/// `POST /api/v1/accountability/cases/{id}/actions`.
struct CaseActionRequest: Content {
  let action: String
  let version: Int
  var reason: String?
  var deductionMonth: String?
  var fourDonts: FourDonts?
  /// For `record_exam`: the line (0-based) and the day.
  var line: Int?
  var examPassedOn: String?
  /// For `update`.
  var causeFramework: String?
  var cause: String?
  var severity: String?
  var outsideChannel: String?
  var lines: [CaseEditing.LineInput]?
}

/// A row of the deduction ledger (ACC-LEDGER).
struct LedgerRowDTO: Content {
  let personId: UUID
  let caseId: UUID
  let lineId: UUID
  let month: String
  let kind: String
  let chargedFen: Int
  let deductedFen: Int
  let carriedFen: Int

  init(_ entry: LedgerEntry) throws {
    personId = entry.$person.id
    caseId = entry.caseID
    lineId = entry.lineID
    month = entry.month
    kind = entry.kind.rawValue
    chargedFen = entry.chargedFen
    deductedFen = entry.deductedFen
    carriedFen = entry.carriedFen
  }
}
