import Domain
import Fluent
import Foundation

/// Marketing's corrections of a proposed or sent-back case: cause, severity, outside channel and
/// the lines, each checked against the case's rule version (ACC-AMOUNTS, ACC-SANCTIONS) and all
/// saved together or not at all.
enum CaseEditing {
  struct LineInput: Codable, Sendable {
    var role: String
    var personId: UUID?
    var unitId: UUID?
    var amountFen: Int
    var sanction: String?
  }

  struct Input: Codable, Sendable {
    var causeFramework: String
    var cause: String
    var severity: String
    var outsideChannel: String?
    var lines: [LineInput]
  }

  static func update(_ record: AccountabilityCase, _ input: Input, expected: Int, actor: Actor, on db: any Database, now: Date) async throws
  {
    try CaseService.requireReviewer(actor)
    guard record.version == expected else { throw CaseService.stale(record) }
    guard CaseWorkflow.linesEditable(record.state) else { throw AppError.invalid("action", "accountability.error.not_editable") }
    guard let framework = CauseFramework(rawValue: input.causeFramework) else {
      throw AppError.invalid("causeFramework", "validation.choice")
    }
    guard let severity = Severity(rawValue: input.severity) else { throw AppError.invalid("severity", "validation.choice") }
    let channel = input.outsideChannel.flatMap { $0.isEmpty ? nil : $0 }
    guard (1...CaseLimits.lines).contains(input.lines.count) else {
      throw AppError.invalid("lines", "accountability.error.line_count", String(CaseLimits.lines))
    }
    let rules = try await CaseService.rules(of: record, on: db)
    let cause = CaseCause(framework: framework, code: input.cause)
    var lines: [AccountabilityLine] = []
    for (index, item) in input.lines.enumerated() {
      let field = "lines[\(index)]"
      guard let role = ResponsibilityRole(rawValue: item.role) else { throw AppError.invalid("\(field).role", "validation.choice") }
      let sanction: Sanction?
      if let raw = item.sanction, !raw.isEmpty {
        guard let known = Sanction(rawValue: raw) else {
          throw AppError.invalid("\(field).sanction", "accountability.error.sanction_not_allowed")
        }
        sanction = known
      } else {
        sanction = nil
      }
      let question = LineQuestion(cause: cause, severity: severity, role: role, outsideChannel: channel)
      let range: LineRange
      switch rules.check(question, amountFen: item.amountFen, sanction: sanction) {
      case .success(let checked): range = checked
      case .failure(let error):
        let at = ["cause", "outsideChannel"].contains(error.field) ? error.field : "\(field).\(error.field)"
        throw AppError.invalid(at, "accountability.error.\(error.reason.rawValue)")
      }
      let line = AccountabilityLine()
      line.position = index
      line.role = role
      if role == .unit {
        // The unit of a false reply is the case's own unless another is named (ACC-UNIT-FALSE-REPLY).
        let unitID = item.unitId ?? record.$unit.id
        guard let unit = try await OrgUnit.find(unitID, on: db), actor.canSee(unit.unitPath) else {
          throw AppError.invalid("\(field).unitId", "validation.unknown_reference")
        }
        line.unitID = unitID
      } else {
        guard let personID = item.personId,
          let person = try await User.query(on: db).filter(\.$id == personID).with(\.$unit).first(), person.isActive,
          actor.canSee(person.unit.unitPath)
        else {
          throw AppError.invalid("\(field).personId", "validation.unknown_reference")
        }
        line.personID = personID
      }
      line.minFen = range.minFen
      line.maxFen = range.maxFen
      line.amountFen = item.amountFen
      line.sanction = sanction
      lines.append(line)
    }
    let before = try CaseSnapshot(record)
    record.causeFramework = framework
    record.causeCode = input.cause
    record.severity = severity
    record.outsideChannel = channel
    let caseID = try record.requireID()
    let stored = lines
    try await CaseService.save(record, expected: expected, before: before, actor: actor, on: db, now: now) { tx in
      try await AccountabilityLine.query(on: tx).filter(\.$accountabilityCase.$id == caseID).delete()
      for line in stored {
        line.$accountabilityCase.id = caseID
        try await line.create(on: tx)
      }
    }
  }
}
