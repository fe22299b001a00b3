import Domain
import Fluent
import Foundation
import SQLKit

/// The imported interruption history as a source of records (rule REL-SOURCES).
struct InterruptionHistorySource: InterruptionSource {
  func interruptions(units: [UUID], from: Date, to: Date, on db: any Database) async throws -> [SourcedInterruption] {
    var result: [SourcedInterruption] = []
    // Units in slices, so that no statement carries more bind values than a database takes.
    var start = 0
    while start < units.count {
      let slice = Array(units[start..<min(units.count, start + 500)])
      start += 500
      let rows = try await InterruptionRecord.query(on: db).filter(\.$unit.$id ~~ slice).filter(\.$startAt >= from)
        .filter(\.$startAt < to).all()
      result.reserveCapacity(result.count + rows.count)
      for row in rows { result.append(SourcedInterruption(externalID: row.externalID, interruption: row.interruption, cause: row.cause)) }
    }
    return result
  }
}
