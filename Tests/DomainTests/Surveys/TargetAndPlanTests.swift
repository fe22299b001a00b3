import Foundation
import Testing

@testable import Domain

@Suite("Satisfaction targets and the yearly survey plan")
struct TargetAndPlanTests {
  @Test(
    "Rule SV-TARGETS: score ≥ stretch → stretch met (only when stretch ≥ assessment), ≥ assessment → passed",
    arguments: [
      (76.0, 78.0, 78.0, TargetOutcome.stretchMet),
      (76, 78, 79.5, .stretchMet),
      (76, 78, 77.99, .passed),
      (76, 78, 76, .passed),
      (76, 78, 75.99, .failed),
      // 78/77: the stretch target is below the assessment target, so it cannot be met alone.
      (78, 77, 77.5, .failed),
      (78, 77, 78, .passed),
      (78, 77, 90, .passed),
      (42, 60, 60, .stretchMet),
      (42, 60, 50, .passed),
      (42, 60, 41, .failed),
      // Equal targets: reaching them is the stretch.
      (77, 77, 77, .stretchMet),
    ])
  func outcome(assessment: Double, stretch: Double, score: Double, expected: TargetOutcome) {
    #expect(SatisfactionTarget(assessment: assessment, stretch: stretch).outcome(for: score) == expected)
  }

  @Test("Rule SV-PLAN-MILESTONES: default plan dates 15 May, 30 Jun, 31 Oct, 15 Nov, 30 Nov")
  func defaultMilestones() {
    let milestones = SurveyPlan.defaultMilestones(year: 2026)
    #expect(milestones.map(\.kind) == MilestoneKind.allCases)
    #expect(milestones.map(\.due.description) == ["2026-05-15", "2026-06-30", "2026-10-31", "2026-11-15", "2026-11-30"])
    #expect(SurveyPlan.defaultMilestones(year: 0).isEmpty)
  }

  @Test("Rule SV-PLAN-MILESTONES: plan dates are editable")
  func editable() {
    var milestone = SurveyPlan.defaultMilestones(year: 2026)[1]
    milestone.due = civil(year: 2026, month: 7, day: 10)
    #expect(milestone.status(completedOn: nil, today: civil(year: 2026, month: 7, day: 5)) == .pending)
  }

  @Test(
    "Rule SV-PLAN-MILESTONES: milestone status: done on or before due, late after; open is overdue from the day after",
    arguments: [
      ("2026-06-30", nil as String?, "2026-06-01", MilestoneStatus.pending),
      ("2026-06-30", nil, "2026-06-30", .pending),
      ("2026-06-30", nil, "2026-07-01", .overdue),
      ("2026-06-30", "2026-06-30", "2026-09-01", .done),
      ("2026-06-30", "2026-06-10", "2026-06-11", .done),
      ("2026-06-30", "2026-07-01", "2026-07-01", .doneLate),
    ])
  func status(due: String, completed: String?, today: String, expected: MilestoneStatus) {
    let milestone = SurveyMilestone(kind: .rostersSubmitted, due: civil(due))
    let completedOn = completed.flatMap(CivilDate.init(iso:))
    #expect(milestone.status(completedOn: completedOn, today: civil(today)) == expected)
  }
}
