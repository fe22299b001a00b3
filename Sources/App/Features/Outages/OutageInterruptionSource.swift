import Domain
import Fluent
import Foundation

/// The outage register as a source of the reliability indices (rules REL-SOURCES,
/// OUT-INTERRUPTIONS): its restored outages, one record per restoration time. They carry no
/// external id: a register outage has no id in the marketing system's history, so history
/// imports should not repeat outages that were registered here.
struct OutageInterruptionSource: InterruptionSource {
  func interruptions(units: [UUID], from: Date, to: Date, on db: any Database) async throws -> [SourcedInterruption] {
    try await OutageRecords.interruptions(unitIDs: units, from: from, to: to, on: db).map {
      SourcedInterruption(externalID: nil, interruption: $0, cause: "")
    }
  }
}
