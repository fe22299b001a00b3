import Domain
import Fluent
import Vapor

/// `/api/v1/accountability/scorecards`, the import of results and the scorecard rules
/// (ACC-SCORE-…).
enum ScorecardAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiAccountabilityScorecards.components, use: scorecards)
      .query(ScorecardPagesController.personParameter, ScorecardPagesController.unitParameter, ScorecardPagesController.periodParameter)
    api.post(Paths.apiAccountabilityScoreImport, bodyLimit: UploadLimits.Form.pay.collected, use: importScores)
    api.get(Paths.apiAccountabilityScorecardRules.components, use: rules)
    api.post(Paths.apiAccountabilityScorecardRules.components, use: createVersion)
  }

  /// One person's card (`personId`, default the caller unless `unitId` is given) or the cards of
  /// a unit's subtree, for a period (`2026-10`, `2026-Q3`, `2026-H2`; default this month).
  @Sendable static func scorecards(req: Request) async throws -> [ScorecardDTO] {
    let actor = try req.actor
    let period = try ScorecardService.period(try req.query(ScorecardPagesController.periodParameter), now: req.now)
    let person = try req.query(ScorecardPagesController.personParameter)
    let unit = try req.query(ScorecardPagesController.unitParameter)
    if person == nil, unit != nil {
      return try await ScorecardService.cards(unitID: unit, period: period, actor: actor, on: req.db, now: req.now).map(ScorecardDTO.init)
    }
    let card = try await ScorecardService.card(personID: person ?? actor.userID, period: period, actor: actor, on: req.db, now: req.now)
    return [ScorecardDTO(card)]
  }

  struct ImportResult: Content { let saved: Int }

  /// Training and safety results as a CSV or XLSX body (ACC-SCORE-IMPORT).
  @Sendable static func importScores(req: Request) async throws -> ImportResult {
    let actor = try req.actor
    try PayService.requireHR(actor)
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    return ImportResult(saved: try await ScoreImportService.importTable(data, actor: actor, on: req.db, now: req.now))
  }

  struct RuleVersion: Content {
    let number: Int
    let effectiveFrom: String
    let rules: ScorecardRules

    init(_ version: ScorecardRuleVersion) {
      number = version.number
      effectiveFrom = version.effectiveFrom.description
      rules = version.rules
    }
  }
  struct RulesResponse: Content {
    let inForce: Int?
    let items: [RuleVersion]
  }
  struct NewVersion: Content {
    let effectiveFrom: String
    let rules: ScorecardRules
  }

  @Sendable static func rules(req: Request) async throws -> RulesResponse {
    _ = try req.actor
    let versions = try await ScorecardService.versions(on: req.db)
    let month = ScorePeriod.containing(BusinessTime.civilDate(of: req.now), cadence: .month)
    return RulesResponse(inForce: ScorecardRuleVersion.inForce(for: month, among: versions)?.number, items: versions.map(RuleVersion.init))
  }

  @Sendable static func createVersion(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let body = try req.content.decode(NewVersion.self)
    let version = try await ScorecardService.createVersion(
      effectiveFrom: body.effectiveFrom, rules: body.rules, actor: try req.actor, on: req.db, now: req.now)
    return try await RuleVersion(version).encodeResponse(status: .created, for: req)
  }
}

/// A scorecard as the API gives it: points as numbers with one decimal.
struct ScorecardDTO: Content {
  struct Point: Content {
    let kind: String
    let day: String
    let label: String
    let points: Double
    let href: String
  }
  struct Component: Content {
    let component: String
    let cadence: String
    let weight: Int
    let base: Double
    let score: Double
    let points: [Point]
  }
  let personId: UUID
  let personName: String
  let unitName: String
  let period: String
  let ruleVersion: Int
  let total: Double
  let grade: String
  let components: [Component]

  init(_ card: ScorecardService.Card) {
    func number(_ tenths: Int) -> Double { Double(tenths) / 10 }
    func point(_ point: Scorecard.Point) -> Point {
      Point(
        kind: point.evidence.kind.rawValue, day: point.evidence.day.description, label: point.evidence.label, points: number(point.tenths),
        href: card.links[point.evidence.reference] ?? "")
    }
    personId = card.personID
    personName = card.personName
    unitName = card.unitName
    period = card.scorecard.period.description
    ruleVersion = card.ruleVersion
    total = number(card.scorecard.totalTenths)
    grade = card.scorecard.grade.rawValue
    components = card.scorecard.parts.map {
      Component(
        component: $0.component.rawValue, cadence: $0.cadence.rawValue, weight: $0.weight, base: number($0.baseTenths),
        score: number($0.scoreTenths), points: ($0.basis + $0.deductions).map(point))
    }
  }
}
