import Foundation
import Testing

@testable import Domain

@Suite("Staff scorecards")
struct ScorecardTests {
  let rules = ScorecardRules.default
  func day(_ iso: String) -> CivilDate { CivilDate(iso: iso) ?? CivilDate(dayNumber: 0) }
  func period(_ iso: String) -> ScorePeriod { ScorePeriod(iso: iso) ?? ScorePeriod.containing(day("2000-01-01"), cadence: .month) }
  func item(_ kind: ScoreEvidenceKind, _ iso: String, score: Int? = nil) -> ScoreEvidence {
    ScoreEvidence(kind: kind, day: day(iso), reference: UUID(), label: kind.rawValue, scoreTenths: score)
  }

  @Test(
    "Rule ACC-SCORE-PERIODS: months, quarters and half-years parse, span their days and nothing else parses",
    arguments: [
      ("2026-10", "2026-10-01", "2026-10-31"), ("2026-Q3", "2026-07-01", "2026-09-30"), ("2026-H2", "2026-07-01", "2026-12-31"),
      ("2026-Q1", "2026-01-01", "2026-03-31"), ("2026-H1", "2026-01-01", "2026-06-30"), ("2024-02", "2024-02-01", "2024-02-29"),
    ])
  func periods(text: String, first: String, last: String) {
    let parsed = ScorePeriod(iso: text)
    #expect(parsed?.first.description == first)
    #expect(parsed?.last.description == last)
    #expect(parsed?.description == text)
  }

  @Test(
    "Rule ACC-SCORE-PERIODS: malformed periods are refused",
    arguments: ["2026-13", "2026-Q5", "2026-H3", "2026-Q0", "26-10", "2026-X1", "", "2026-10-01", "２０２６-10"])
  func badPeriods(text: String) {
    #expect(ScorePeriod(iso: text) == nil)
  }

  @Test("Rule ACC-SCORE-PERIODS: a monthly card has service quality only, a quarterly adds ability and attitude, a half-year all three")
  func componentsByCadence() {
    #expect(Scorecard.compute(period: period("2026-10"), evidence: [], rules: rules).parts.map(\.component) == [.serviceQuality])
    #expect(
      Scorecard.compute(period: period("2026-Q4"), evidence: [], rules: rules).parts.map(\.component) == [
        .serviceQuality, .abilityAttitude,
      ])
    #expect(Scorecard.compute(period: period("2026-H2"), evidence: [], rules: rules).parts.map(\.component) == ScoreComponent.allCases)
    #expect(ScorePeriod.containing(day("2026-08-15"), cadence: .quarter).description == "2026-Q3")
  }

  @Test(
    "Rule ACC-SCORE-COMPONENTS: each kind of record deducts its points from its component",
    arguments: [
      (ScoreEvidenceKind.complaintQuality, ScoreComponent.serviceQuality, 900),
      (.complaintQualityLoss, .serviceQuality, 850),
      (.complaintCompanyRule, .serviceQuality, 900),
      (.returnVisitUnsatisfied, .serviceQuality, 950),
      (.overdueStage, .serviceQuality, 970),
      (.finding, .serviceQuality, 980),
      (.findingOverdue, .serviceQuality, 950),
      (.complaintAttitude, .abilityAttitude, 850),
      (.complaintAbusive, .abilityAttitude, 700),
    ])
  func deductions(kind: ScoreEvidenceKind, component: ScoreComponent, expected: Int) {
    let card = Scorecard.compute(period: period("2026-H2"), evidence: [item(kind, "2026-08-03")], rules: rules)
    for part in card.parts {
      #expect(part.scoreTenths == (part.component == component ? expected : 1000))
      #expect(part.deductions.count == (part.component == component ? 1 : 0))
    }
  }

  @Test("Rule ACC-SCORE-COMPONENTS: imported results are the base as their mean; without any the component starts at 100")
  func importedBase() {
    let evidence = [
      item(.trainingResult, "2026-07-10", score: 700), item(.trainingResult, "2026-08-10", score: 800),
      item(.complaintAttitude, "2026-08-11"),
    ]
    let card = Scorecard.compute(period: period("2026-Q3"), evidence: evidence, rules: rules)
    let ability = card.parts.first { $0.component == .abilityAttitude }
    #expect(ability?.baseTenths == 750)
    #expect(ability?.basis.count == 2)
    #expect(ability?.scoreTenths == 600)
    let safety = Scorecard.compute(period: period("2026-H2"), evidence: [item(.safetyResult, "2026-12-31", score: 555)], rules: rules)
      .parts.first { $0.component == .safety }
    #expect(safety?.scoreTenths == 555)
    #expect(Scorecard.compute(period: period("2026-H2"), evidence: [], rules: rules).parts.allSatisfy { $0.scoreTenths == 1000 })
  }

  @Test("Rule ACC-SCORE-COMPONENTS: a score never goes below zero, and records outside the period do not count")
  func floorAndPeriod() {
    let many = (1...12).map { _ in item(.complaintQualityLoss, "2026-10-05") }
    let card = Scorecard.compute(
      period: period("2026-10"), evidence: many + [item(.complaintQuality, "2026-11-01"), item(.complaintQuality, "2026-09-30")],
      rules: rules)
    #expect(card.parts.first?.scoreTenths == 0)
    #expect(card.parts.first?.deductions.count == 12)
    #expect(card.grade == .fail)
  }

  @Test("Rule ACC-SCORE-TOTAL: the total is the weighted mean of the components present")
  func weightedTotal() {
    // Service quality 90 (weight 50), ability 60 (30), safety 80 (20): (4500 + 1800 + 1600) / 100 = 79.0
    let evidence = [
      item(.complaintQuality, "2026-07-02"), item(.trainingResult, "2026-07-03", score: 600), item(.safetyResult, "2026-11-30", score: 800),
    ]
    let half = Scorecard.compute(period: period("2026-H2"), evidence: evidence, rules: rules)
    #expect(half.totalTenths == 790)
    #expect(half.grade == .pass)
    // The quarter has service quality (50) and ability (30): (90·50 + 60·30) / 80 = 78.75 → 78.8
    #expect(Scorecard.compute(period: period("2026-Q3"), evidence: evidence, rules: rules).totalTenths == 788)
  }

  @Test(
    "Rule ACC-SCORE-GRADES: 80 and above excellent, 60 to below 80 pass, below 60 fail — boundaries exactly",
    arguments: [(1000, ScoreGrade.excellent), (800, .excellent), (799, .pass), (600, .pass), (599, .fail), (0, .fail)])
  func grades(tenths: Int, grade: ScoreGrade) {
    #expect(rules.grade(totalTenths: tenths) == grade)
  }

  @Test("Rule ACC-SCORE-GRADES: the boundaries are configuration")
  func configuredBoundaries() {
    var custom = rules
    custom.excellentFrom = 90
    custom.passFrom = 70
    #expect(custom.problem() == nil)
    #expect(custom.grade(totalTenths: 850) == .pass)
    #expect(custom.grade(totalTenths: 699) == .fail)
    #expect(custom.grade(totalTenths: 900) == .excellent)
  }

  @Test("Rule ACC-SCORE-RULES: unusable rules are refused naming the field")
  func problems() {
    #expect(rules.problem() == nil)
    var r = rules
    r.components[0].weight = 60
    #expect(r.problem() == "components.weight")
    r = rules
    r.components.removeLast()
    #expect(r.problem() == "components.safety")
    r = rules
    r.passFrom = 80
    #expect(r.problem() == "excellentFrom")
    r.passFrom = 100
    #expect(r.problem() == "excellentFrom")
    r.passFrom = 0
    #expect(r.problem() == "passFrom")
    r = rules
    r.components[0].deductions.append(.init(kind: .complaintQuality, points: 1))
    #expect(r.problem() == "components.service_quality.deductions.complaint_quality")
    r = rules
    r.components[0].deductions[0].points = 101
    #expect(r.problem() == "components.service_quality.deductions.complaint_quality.points")
    r = rules
    r.components[1].base = .finding
    #expect(r.problem() == "components.ability_attitude.base")
  }

  @Test("Rule ACC-SCORE-RULES: a period is scored under the version in force on its first day")
  func versions() {
    let one = ScorecardRuleVersion(number: 1, effectiveFrom: day("2000-01-01"), rules: rules)
    var stricter = rules
    stricter.excellentFrom = 90
    let two = ScorecardRuleVersion(number: 2, effectiveFrom: day("2026-10-01"), rules: stricter)
    #expect(ScorecardRuleVersion.inForce(for: period("2026-09"), among: [one, two])?.number == 1)
    #expect(ScorecardRuleVersion.inForce(for: period("2026-10"), among: [one, two])?.number == 2)
    #expect(ScorecardRuleVersion.inForce(for: period("2026-H2"), among: [one, two])?.number == 1)
  }
}
