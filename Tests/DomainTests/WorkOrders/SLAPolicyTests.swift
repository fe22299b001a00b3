import Foundation
import Testing

@testable import Domain

/// WO-CLOCK-SELECTION and the WO-CLOCK-… rules: rules chosen by type, sub-type, channel and area
/// class.
@Suite("SLA policy selection")
struct SLAPolicyTests {
  let policy = SLAPolicy.defaultV1

  @Test(
    "Rule WO-CLOCK-SELECTION: default limits per stage",
    arguments: [
      (OrderProfile(type: .complaint), StageClock.dispatch, ClockDuration.minutes(60)),
      (OrderProfile(type: .complaint), .firstContact, .workingDays(1)),
      (OrderProfile(type: .report), .firstContact, .workingDays(1)),
      (OrderProfile(type: .complaint), .reply, .workingDays(4)),
      (OrderProfile(type: .report), .reply, .workingDays(9)),
      (OrderProfile(type: .complaint, channel: .hotline12398), .reply, .workingDays(10)),
      (OrderProfile(type: .report, channel: .hotline12398), .reply, .workingDays(10)),
      (OrderProfile(type: .complaint, channel: .hotline12345), .reply, .calendarDays(7)),
      (OrderProfile(type: .complaint), .returnVisit, .minutes(1440)),
      (OrderProfile(type: .faultRepair, area: .urban), .repairArrival, .minutes(45)),
      (OrderProfile(type: .faultRepair, area: .rural), .repairArrival, .minutes(90)),
      (OrderProfile(type: .faultRepair, area: .remote), .repairArrival, .minutes(120)),
      (OrderProfile(type: .faultRepair, area: .urban), .repairRestoration, .minutes(180)),
      (OrderProfile(type: .faultRepair, area: .rural), .repairRestoration, .minutes(240)),
      (OrderProfile(type: .faultRepair, area: .remote), .repairRestoration, .minutes(240)),
      (OrderProfile(type: .serviceRequest, serviceKind: .arrearsReconnection), .serviceCompletion, .minutes(1440)),
      (OrderProfile(type: .serviceRequest, serviceKind: .applianceDamage), .serviceCompletion, .minutes(1440)),
      (OrderProfile(type: .serviceRequest, serviceKind: .meterAnomaly), .serviceCompletion, .workingDays(4)),
      (OrderProfile(type: .serviceRequest, serviceKind: .meterReadingAnomaly), .serviceCompletion, .workingDays(6)),
      (OrderProfile(type: .serviceRequest, serviceKind: .other), .serviceCompletion, .workingDays(5)),
      (OrderProfile(type: .complaint), .sameDayReport, .endOfStartDay),
    ])
  func defaults(profile: OrderProfile, stage: StageClock, duration: ClockDuration) {
    #expect(policy.rule(for: stage, profile: profile)?.duration == duration)
  }

  @Test(
    "Rule WO-CLOCK-SELECTION: stages that do not apply have no rule (no first-contact limit for repair, nothing for consultations)",
    arguments: [
      (OrderProfile(type: .faultRepair), StageClock.firstContact),
      (OrderProfile(type: .consultation), .dispatch),
      (OrderProfile(type: .opinion), .reply),
      (OrderProfile(type: .complaint), .repairArrival),
      (OrderProfile(type: .serviceRequest), .serviceCompletion),  // sub-type unknown
    ])
  func notApplicable(profile: OrderProfile, stage: StageClock) {
    #expect(policy.rule(for: stage, profile: profile) == nil)
  }

  @Test("Rule WO-CLOCK-SELECTION: the most specific matching rule wins (channel rule over type rule)")
  func specificity() {
    let rules = policy.rules(for: OrderProfile(type: .complaint, channel: .hotline12345))
    #expect(rules.filter { $0.stage == .reply }.map(\.code) == ["reply.12345"])
    #expect(Set(rules.map(\.stage)).count == rules.count)
  }

  @Test("Rule WO-CLOCK-APPOINTMENT: repair arrival and service completion are measured against an agreed appointment (约时)")
  func appointmentStages() {
    let honouring = policy.rules.filter(\.honoursAppointment).map(\.stage)
    #expect(Set(honouring) == [.repairArrival, .serviceCompletion])
  }

  @Test("Rule WO-CLOCK-SELECTION: policies are versioned data that round-trip as JSON")
  func versionedData() throws {
    let data = try JSONEncoder().encode(policy)
    let decoded = try JSONDecoder().decode(SLAPolicy.self, from: data)
    #expect(decoded == policy)
    #expect(decoded.version == 1)
  }
}
