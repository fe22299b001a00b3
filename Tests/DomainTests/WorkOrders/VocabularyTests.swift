import Foundation
import Testing

@testable import Domain

/// WO-TYPES, WO-SERVICE-KINDS, WO-CHANNELS, WO-AREAS, WO-INTAKE-ATTITUDE-SEVERITY: the vocabulary's
/// codes are stable storage values.
@Suite("Work-order vocabulary")
struct VocabularyTests {
  @Test(
    "Rule WO-TYPES, WO-CHANNELS: stable codes for every vocabulary",
    arguments: [
      (
        OrderType.allCases.map(\.rawValue),
        ["faultRepair", "complaint", "report", "opinion", "suggestion", "consultation", "query", "praise", "serviceRequest"]
      ),
      (
        ServiceRequestKind.allCases.map(\.rawValue),
        ["arrearsReconnection", "applianceDamage", "meterAnomaly", "meterReadingAnomaly", "other"]
      ),
      (
        Channel.allCases.map(\.rawValue),
        ["phone95598", "web", "letter", "visit", "hotline12398", "hotline12345", "other"]
      ),
      (AreaClass.allCases.map(\.rawValue), ["urban", "rural", "remote"]),
      (CustomerAttitude.allCases.map(\.rawValue), ["calm", "agitated", "determined"]),
      (Severity.allCases.map(\.rawValue), ["general", "serious", "major"]),
    ])
  func stableCodes(actual: [String], expected: [String]) {
    #expect(actual == expected)
  }

  @Test("Rule WO-TYPES: codes round-trip through JSON (Codable)")
  func codableRoundTrip() throws {
    let profile = OrderProfile(type: .serviceRequest, serviceKind: .meterAnomaly, channel: .hotline12345, area: .remote)
    let data = try JSONEncoder().encode(profile)
    #expect(try JSONDecoder().decode(OrderProfile.self, from: data) == profile)
    #expect(String(decoding: try JSONEncoder().encode(OrderType.report), as: UTF8.self) == "\"report\"")
  }

  @Test(
    "Rule WO-SAME-DAY-REPORT: serious and major events need a same-day report to Marketing",
    arguments: [(Severity.general, false), (.serious, true), (.major, true)])
  func sameDayReportSeverity(severity: Severity, required: Bool) {
    #expect(severity.requiresSameDayReport == required)
  }

  @Test("Rule WO-INTAKE-ATTITUDE-SEVERITY: severity is ordered general < serious < major")
  func severityOrder() {
    #expect(Severity.general < .serious && Severity.serious < .major)
  }
}
