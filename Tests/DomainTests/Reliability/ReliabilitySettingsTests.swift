import Foundation
import Testing

@testable import Domain

@Suite("Reliability settings")
struct ReliabilitySettingsTests {
  @Test("Rule REL-SETTINGS: a new version outside its ranges is refused naming the first bad field")
  func ranges() {
    // Setup: the documented defaults and the edges that are allowed
    #expect(ReliabilitySettings.default.problem() == nil)
    let edges = ReliabilitySettings(
      ieeeSustainedMinutes: 60, dltSustainedMinutes: 0, majorEventBeta: nil, majorEventHistoryYears: 10, urbanTarget: 1, ruralTarget: 0.9001
    )
    #expect(edges.problem() == nil)
    // Act: one field out of range at a time
    let cases: [(ReliabilitySettings, String)] = [
      (ReliabilitySettings(ieeeSustainedMinutes: 61), "ieeeSustainedMinutes"),
      (ReliabilitySettings(ieeeSustainedMinutes: -1), "ieeeSustainedMinutes"),
      (ReliabilitySettings(dltSustainedMinutes: 60.5), "dltSustainedMinutes"),
      (ReliabilitySettings(majorEventBeta: 0), "majorEventBeta"),
      (ReliabilitySettings(majorEventBeta: 10.5), "majorEventBeta"),
      (ReliabilitySettings(majorEventHistoryYears: 0), "majorEventHistoryYears"),
      (ReliabilitySettings(majorEventHistoryYears: 11), "majorEventHistoryYears"),
      (ReliabilitySettings(urbanTarget: 0.9), "urbanTarget"),
      (ReliabilitySettings(urbanTarget: 1.01), "urbanTarget"),
      (ReliabilitySettings(ruralTarget: 99.8), "ruralTarget"),
    ]
    // Check: each names its field
    for (settings, field) in cases { #expect(settings.problem() == field, "\(settings)") }
  }

  @Test(
    "Rule ORG-RULE-VERSIONS: the version in force on a day is the latest started on or before it; a new one starts today or later on a day of its own"
  )
  func versions() throws {
    // Setup: version 1 from 2000, version 2 from 2026-07-01
    let v1 = RuleVersion(number: 1, effectiveFrom: try #require(CivilDate(iso: "2000-01-01")), rules: ReliabilitySettings.default)
    let v2 = RuleVersion(
      number: 2, effectiveFrom: try #require(CivilDate(iso: "2026-07-01")), rules: ReliabilitySettings(ieeeSustainedMinutes: 10))
    let versions = [v2, v1]
    // Check: the day before, the day of and after the change
    #expect(RuleVersion.inForce(on: try #require(CivilDate(iso: "2026-06-30")), among: versions)?.number == 1)
    #expect(RuleVersion.inForce(on: try #require(CivilDate(iso: "2026-07-01")), among: versions)?.number == 2)
    #expect(RuleVersion.inForce(on: try #require(CivilDate(iso: "1999-12-31")), among: versions) == nil)
    // Check: scheduling in the past or on a taken day is refused
    let today = try #require(CivilDate(iso: "2026-12-06"))
    #expect(
      RuleVersion.scheduleProblem(effectiveFrom: try #require(CivilDate(iso: "2026-12-05")), today: today, existing: versions)
        == "effectiveFrom")
    #expect(
      RuleVersion.scheduleProblem(
        effectiveFrom: try #require(CivilDate(iso: "2026-07-01")), today: try #require(CivilDate(iso: "2026-06-01")), existing: versions)
        == "effectiveFrom")
    #expect(RuleVersion.scheduleProblem(effectiveFrom: today, today: today, existing: versions) == nil)
  }
}
