import Domain
import Fluent
import Foundation

/// Staff scorecards (ACC-SCORE-…): the rule versions, the records behind each point, gathered
/// from cases here, from work orders and inspections through their interfaces and from imported
/// results, and who may see whose card (ACC-SCORE-SCOPE).
enum ScorecardService {
  // MARK: rules (ACC-SCORE-RULES)

  static func versions(on db: any Database) async throws -> [ScorecardRuleVersion] {
    try await RuleVersions<ScorecardRules>.versions(on: db)
  }

  /// Saves a new version (administrators only), checked whole before anything is stored.
  static func createVersion(
    effectiveFrom raw: String, rules: ScorecardRules, actor: Actor, on db: any Database, now: Date
  ) async throws -> ScorecardRuleVersion {
    try await RuleVersions<ScorecardRules>.create(effectiveFrom: raw, rules: rules, actor: actor, on: db, now: now)
  }

  // MARK: cards

  struct Card: Sendable {
    let personID: UUID
    let personName: String
    let username: String
    let unitName: String
    let ruleVersion: Int
    let scorecard: Scorecard
    /// The page of each point's record, by the evidence's reference.
    let links: [UUID: String]
  }

  /// A person's card, if the actor may see it: their own, or an overseer's of a person in their
  /// subtree (ACC-SCORE-SCOPE).
  static func card(personID: UUID, period: ScorePeriod, actor: Actor, on db: any Database, now: Date) async throws -> Card {
    guard let person = try await User.query(on: db).filter(\.$id == personID).with(\.$unit).first() else {
      throw AppError.notFound("entity.user")
    }
    if personID != actor.userID {
      guard CaseService.canOversee(actor), actor.canSee(person.unit.unitPath) else { throw AppError.forbidden }
    }
    let cards = try await compute(people: [person], period: period, on: db, now: now)
    guard let card = cards.first else { throw AppError.notFound("entity.user") }
    return card
  }

  /// The cards of the active people of a unit's subtree (default: the actor's unit), for
  /// overseers (ACC-SCORE-SCOPE).
  static func cards(unitID: UUID?, period: ScorePeriod, actor: Actor, on db: any Database, now: Date) async throws -> [Card] {
    guard CaseService.canOversee(actor) else { throw AppError.forbidden }
    let unit = try await OrgUnit.findVisible(unitID ?? actor.unitID, for: actor, on: db)
    let units = try await OrgUnit.query(on: db).filter(\.$path =~ unit.path).all().map { try $0.requireID() }
    let people = try await User.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$isActive == true).with(\.$unit)
      .sort(\.$displayName).all()
    return try await compute(people: people, period: period, on: db, now: now)
  }

  static func compute(people: [User], period: ScorePeriod, on db: any Database, now: Date) async throws -> [Card] {
    let ids = Set(try people.map { try $0.requireID() })
    let rules = ScorecardRuleVersion.inForce(for: period, among: try await versions(on: db))
    let from = BusinessTime.startOfDay(period.first)
    let to = BusinessTime.startOfDay(period.end)
    var evidence: [UUID: [ScoreEvidence]] = [:]
    var links: [UUID: String] = [:]

    // Verified complaints: the person's lines on cases not withdrawn.
    let lines = try await AccountabilityLine.query(on: db).filter(\.$personID ~~ Array(ids)).all()
    let cases = try await AccountabilityCase.query(on: db).filter(\.$id ~~ Array(Set(lines.map(\.$accountabilityCase.id))))
      .filter(\.$state != .withdrawn).filter(\.$verifiedAt >= from).filter(\.$verifiedAt < to).all()
    let byID = Dictionary(try cases.map { (try $0.requireID(), $0) }) { a, _ in a }
    for line in lines {
      guard let person = line.personID, let record = byID[line.$accountabilityCase.id], let lineID = line.id else { continue }
      let cause = record.causeFramework == .general ? GeneralCause(rawValue: record.causeCode) : nil
      evidence[person, default: []].append(
        ScoreEvidence(
          kind: .complaint(cause), day: BusinessTime.civilDate(of: record.verifiedAt), reference: lineID, label: record.workOrderNumber))
      links[lineID] = WorkOrderSummaries.href(orderID: record.workOrderID)
    }
    // Orders the person handled: unsatisfied return visits and overdue stages.
    for fact in try await WorkOrderSummaries.handledFacts(handlers: ids, from: from, to: to, on: db) {
      let reference = UUID()
      let kind: ScoreEvidenceKind = fact.kind == .unsatisfiedReturnVisit ? .returnVisitUnsatisfied : .overdueStage
      evidence[fact.handlerID, default: []].append(
        ScoreEvidence(kind: kind, day: BusinessTime.civilDate(of: fact.at), reference: reference, label: fact.number))
      links[reference] = fact.href
    }
    // Inspection findings naming the person.
    let today = BusinessTime.civilDate(of: now)
    for finding in try await InspectionSummaries.findings(naming: ids, from: period.first, to: period.end, today: today, on: db) {
      let label = String(finding.description.prefix(60))
      evidence[finding.personID, default: []].append(
        ScoreEvidence(kind: .finding, day: finding.foundOn, reference: finding.id, label: label))
      if finding.overdue {
        evidence[finding.personID, default: []].append(
          ScoreEvidence(kind: .findingOverdue, day: finding.foundOn, reference: finding.id, label: label))
      }
      links[finding.id] = finding.href
    }
    // Imported training and safety results.
    let imported = try await ImportedScore.query(on: db).filter(\.$person.$id ~~ Array(ids))
      .filter(\.$examOn >= period.first.description).filter(\.$examOn < period.end.description).all()
    for row in imported {
      guard let id = row.id, let day = CivilDate(iso: row.examOn) else { continue }
      evidence[row.$person.id, default: []].append(
        ScoreEvidence(kind: row.kind.evidence, day: day, reference: id, label: row.title, scoreTenths: row.scoreTenths))
      links[id] = Paths.accountabilityScores.link() + "#score-\(id.uuidString)"
    }

    return try people.map { person in
      let id = try person.requireID()
      let card = Scorecard.compute(period: period, evidence: evidence[id] ?? [], rules: rules?.rules ?? .default)
      return Card(
        personID: id, personName: person.displayName, username: person.username, unitName: person.$unit.value?.name ?? "",
        ruleVersion: rules?.number ?? 0, scorecard: card, links: links)
    }
  }

  /// The period a page or the API asks for (default: this month).
  static func period(_ raw: String?, now: Date) throws -> ScorePeriod {
    guard let raw, !raw.isEmpty else { return ScorePeriod.containing(BusinessTime.civilDate(of: now), cadence: .month) }
    guard let period = ScorePeriod(iso: raw) else { throw AppError.invalid("period", "accountability.score.error.period") }
    return period
  }
}
