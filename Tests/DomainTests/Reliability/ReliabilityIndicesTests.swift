import Foundation
import Testing

@testable import Domain

@Suite("Reliability indices")
struct ReliabilityIndicesTests {
  let unit = UUID()
  let rural = UUID()

  func at(_ text: String) -> Date {
    guard let date = BusinessTime.parseInstant(text) else {
      Issue.record("bad instant \(text)")
      return Date(timeIntervalSince1970: 0)
    }
    return date
  }

  func day(_ text: String) -> CivilDate {
    CivilDate(iso: text) ?? CivilDate(dayNumber: 0)
  }

  func cut(_ start: String, minutes: Double, customers: Int, type: OutageType = .fault, unit: UUID? = nil) -> Interruption {
    let begin = at(start)
    return Interruption(unitID: unit ?? self.unit, type: type, start: begin, end: begin + minutes * 60, customers: customers)
  }

  func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
  }

  @Test("Rule REL-SUSTAINED-IEEE, REL-SUSTAINED-DLT: 3-, 5- and 6-minute interruptions against both thresholds")
  func thresholds() {
    // N_T = 100. 3 min × 10, 5 min × 20, 6 min × 30, one day.
    let records = [
      cut("2026-03-01T10:00:00+08:00", minutes: 3, customers: 10),
      cut("2026-03-01T11:00:00+08:00", minutes: 5, customers: 20),
      cut("2026-03-01T12:00:00+08:00", minutes: 6, customers: 30),
    ]
    let report = ReliabilityIndices.compute(
      interruptions: records, units: [unit: ReliabilityUnit(customers: 100, area: .urban)], from: day("2026-03-01"),
      to: day("2026-03-01"))
    // IEEE: only the 6-minute one is sustained; 3 and 5 minutes are momentary.
    #expect(report.customersServed == 100)
    #expect(report.ieee.sustainedInterruptions == 1)
    #expect(close(report.ieee.saifi, 0.3))
    #expect(close(report.ieee.saidi, 1.8))
    #expect(close(report.ieee.caidi, 6))
    #expect(close(report.ieee.asai, 0.99875))
    #expect(close(report.ieee.caifi, 1))
    #expect(close(report.ieee.ctaidi, 6))
    #expect(report.ieee.momentaryInterruptions == 2)
    #expect(close(report.ieee.maifi, 0.3))
    // DL/T 836: 5 and 6 minutes count, 3 minutes does not.
    #expect(report.dlt.interruptions == 2)
    #expect(close(report.dlt.aitc, 0.5))
    #expect(close(report.dlt.aihc, 2.8))
    #expect(close(report.dlt.rs1, 1 - 2.8 / 1440))
    #expect(close(report.dlt.rs3, 1 - 2.8 / 1440))
    #expect(report.faultInterruptions == 3)
    #expect(close(report.averageFaultRestorationMinutes, 14.0 / 3))
    // Configured thresholds move the lines.
    let strict = ReliabilityIndices.compute(
      interruptions: records, units: [unit: ReliabilityUnit(customers: 100, area: .urban)], from: day("2026-03-01"),
      to: day("2026-03-01"), settings: ReliabilitySettings(ieeeSustainedMinutes: 4, dltSustainedMinutes: 2))
    #expect(strict.ieee.sustainedInterruptions == 2)
    #expect(strict.dlt.interruptions == 3)
  }

  @Test("Rule REL-START-DAY: an interruption across midnight counts wholly to the day it starts, in Beijing time")
  func acrossMidnight() {
    let units = [unit: ReliabilityUnit(customers: 100, area: .urban)]
    // 23:30 on 1 March to 01:30 on 2 March, 40 customers: 120 minutes on 1 March.
    let late = cut("2026-03-01T23:30:00+08:00", minutes: 120, customers: 40)
    // 16:30 UTC on 1 March is 00:30 on 2 March in Beijing.
    let utc = cut("2026-03-01T16:30:00Z", minutes: 10, customers: 10)
    let first = ReliabilityIndices.compute(interruptions: [late, utc], units: units, from: day("2026-03-01"), to: day("2026-03-01"))
    #expect(close(first.ieee.saidi, 48))
    #expect(close(first.ieee.saifi, 0.4))
    #expect(first.daily.map(\.saidi) == [48])
    let second = ReliabilityIndices.compute(interruptions: [late, utc], units: units, from: day("2026-03-02"), to: day("2026-03-02"))
    #expect(close(second.ieee.saidi, 1))
    #expect(close(second.ieee.saifi, 0.1))
    let both = ReliabilityIndices.compute(interruptions: [late, utc], units: units, from: day("2026-03-01"), to: day("2026-03-02"))
    #expect(both.daily.count == 2)
    #expect(close(both.daily[0].saidi, 48))
    #expect(close(both.daily[1].saidi, 1))
    #expect(both.periodMinutes == 2880)
  }

  @Test("Rule REL-MED: T_MED from the history's days above zero (zero days dropped), natural logs, 2.5β; indices without MEDs")
  func majorEventDays() {
    let units = [unit: ReliabilityUnit(customers: 100, area: .urban)]
    let records = [
      // History, daily SAIDI 1, 2, 4, 8 (10 minutes × 10, 20, 40, 80 customers of 100).
      cut("2021-06-01T09:00:00+08:00", minutes: 10, customers: 10),
      cut("2022-06-01T09:00:00+08:00", minutes: 10, customers: 20),
      cut("2023-06-01T09:00:00+08:00", minutes: 10, customers: 40),
      cut("2025-12-31T09:00:00+08:00", minutes: 10, customers: 80),
      // A momentary interruption: its day's SAIDI stays zero and the day is dropped.
      cut("2024-02-29T09:00:00+08:00", minutes: 4, customers: 100),
      // Before the five years: not in the history.
      cut("2020-12-31T09:00:00+08:00", minutes: 1000, customers: 100),
      // The period: 30 on 1 January (above T_MED), 10 on 2 January.
      cut("2026-01-01T09:00:00+08:00", minutes: 100, customers: 30),
      cut("2026-01-02T09:00:00+08:00", minutes: 20, customers: 50),
    ]
    let report = ReliabilityIndices.compute(interruptions: records, units: units, from: day("2026-01-01"), to: day("2026-01-02"))
    // ln 1, ln 2, ln 4, ln 8: α = 1.5 ln 2, β = ln 2 · √(5/3) (sample deviation), T_MED = exp(α + 2.5β).
    #expect(report.majorEventHistoryDays == 4)
    #expect(close(report.majorEventAlpha, 1.5 * log(2.0)))
    #expect(close(report.majorEventBeta, log(2.0) * (5.0 / 3).squareRoot()))
    #expect(close(report.majorEventThreshold, 26.492023203468023, 1e-9))
    #expect(report.majorEventDays == [day("2026-01-01")])
    #expect(report.daily.map(\.isMajorEvent) == [true, false])
    #expect(close(report.ieee.saidi, 40))
    #expect(close(report.ieee.saifi, 0.8))
    #expect(close(report.withoutMajorEvents.saidi, 10))
    #expect(close(report.withoutMajorEvents.saifi, 0.5))
    #expect(close(report.withoutMajorEvents.caidi, 20))
    #expect(close(report.withoutMajorEvents.caifi, 1))
    #expect(close(report.withoutMajorEvents.asai, 1 - 10.0 / 2880))
    // Only records before the five years: no history, no threshold, no Major Event Day.
    let short = ReliabilityIndices.compute(
      interruptions: Array(records.suffix(3)), units: units, from: day("2026-01-01"), to: day("2026-01-02"))
    #expect(short.majorEventThreshold == nil)
    #expect(short.majorEventDays.isEmpty)
    #expect(short.withoutMajorEvents == short.ieee)
    // The method off.
    let off = ReliabilityIndices.compute(
      interruptions: records, units: units, from: day("2026-01-01"), to: day("2026-01-02"),
      settings: ReliabilitySettings(majorEventBeta: nil))
    #expect(off.majorEventDays.isEmpty)
  }

  @Test("Rule REL-RS3, REL-URBAN-RURAL: RS-3 leaves out supply shortage; urban and rural against their targets")
  func supplyShortageAndAreas() {
    let units = [
      unit: ReliabilityUnit(customers: 100, area: .urban),
      rural: ReliabilityUnit(customers: 300, area: .rural),
    ]
    let records = [
      cut("2026-03-01T10:00:00+08:00", minutes: 60, customers: 50, type: .fault),
      cut("2026-03-01T18:00:00+08:00", minutes: 120, customers: 300, type: .overCapacity, unit: rural),
      cut("2026-03-01T08:00:00+08:00", minutes: 30, customers: 100, type: .planned, unit: rural),
    ]
    let report = ReliabilityIndices.compute(interruptions: records, units: units, from: day("2026-03-01"), to: day("2026-03-01"))
    // Total: (3000 + 36000 + 3000) / 400 = 105 minutes; without shortage 6000 / 400 = 15.
    #expect(close(report.dlt.aihc, 105))
    #expect(close(report.dlt.rs1, 1 - 105.0 / 1440))
    #expect(close(report.dlt.rs3, 1 - 15.0 / 1440))
    #expect(close(report.dlt.aitc, 450.0 / 400))
    // Urban: 3000 / 100 = 30 minutes; rural (36000 + 3000) / 300 = 130.
    #expect(report.urban.customersServed == 100)
    #expect(close(report.urban.aihc, 30))
    #expect(report.urban.target == 0.999)
    #expect(report.urban.meetsTarget == false)
    #expect(report.rural.customersServed == 300)
    #expect(close(report.rural.aihc, 130))
    #expect(close(report.rural.rs3, 1 - 10.0 / 1440))
    #expect(report.rural.target == 0.998)
    // CN: 50 of 100 urban customers, rural 400 interruptions capped at its 300 customers.
    #expect(report.ieee.customersInterrupted == 350)
    #expect(close(report.ieee.caifi, 450.0 / 350))
    // Records of units outside the set are ignored.
    let other = cut("2026-03-01T10:00:00+08:00", minutes: 60, customers: 50, unit: UUID())
    let same = ReliabilityIndices.compute(interruptions: records + [other], units: units, from: day("2026-03-01"), to: day("2026-03-01"))
    #expect(same == report)
  }

  @Test("Rule REL-SAIFI: no customers served gives zeros, never a division by zero")
  func noCustomers() {
    let report = ReliabilityIndices.compute(
      interruptions: [cut("2026-03-01T10:00:00+08:00", minutes: 60, customers: 5)],
      units: [unit: ReliabilityUnit(customers: 0, area: nil)], from: day("2026-03-01"), to: day("2026-03-31"))
    #expect(report.ieee.saifi == 0)
    #expect(report.ieee.saidi == 0)
    #expect(report.dlt.rs1 == 1)
    #expect(report.daily.count == 31)
    #expect(report.ieee.caifi == nil)
  }
}
