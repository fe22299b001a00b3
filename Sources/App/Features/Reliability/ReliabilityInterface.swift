import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

// What Reliability offers other features, and all of it they may name (FeatureBoundaryTests):
// `InterruptionSource`, `SourcedInterruption` and `InterruptionSources` (`app.interruptionSources`):
// a feature that keeps interruption records (the outage register) registers a source in
// `configure`, and the indices count its records too (rule REL-SOURCES).

/// One record as a source returns it: the interruption, and the id under which other systems
/// know it (nil: the record is only in this source).
struct SourcedInterruption: Sendable {
  let externalID: String?
  let interruption: Interruption
  /// Shown in the interruption lists.
  let cause: String
}

/// Somewhere interruption records are kept.
protocol InterruptionSource: Sendable {
  /// The records of these units that start at or after `from` and before `to`.
  func interruptions(units: [UUID], from: Date, to: Date, on db: any Database) async throws -> [SourcedInterruption]
}

/// Every registered source; the indices read them all and count each interruption once, from the
/// first source registered that returns it: the same external id, or the same unit, type, start
/// and end to the minute in an earlier source (rule REL-SOURCES).
final class InterruptionSources: Sendable {
  private let sources = NIOLockedValueBox<[any InterruptionSource]>([])

  func add(_ source: any InterruptionSource) { sources.withLockedValue { $0.append(source) } }

  var all: [any InterruptionSource] { sources.withLockedValue { $0 } }

  /// The records of every source, each external id once.
  func interruptions(units: [UUID], from: Date, to: Date, on db: any Database) async throws -> [SourcedInterruption] {
    var seen = Set<String>()
    var earlierEvents = Set<Interruption.Event>()
    var result: [SourcedInterruption] = []
    for source in all {
      var events = Set<Interruption.Event>()
      for record in try await source.interruptions(units: units, from: from, to: to, on: db) {
        if let id = record.externalID, !seen.insert(id).inserted { continue }
        let event = record.interruption.event
        // Records of one source are never merged: two lines of a file are two interruptions.
        if earlierEvents.contains(event) { continue }
        events.insert(event)
        result.append(record)
      }
      earlierEvents.formUnion(events)
    }
    return result
  }
}

struct InterruptionSourcesKey: StorageKey {
  typealias Value = InterruptionSources
}

extension Application {
  var interruptionSources: InterruptionSources {
    if let existing = storage[InterruptionSourcesKey.self] { return existing }
    let created = InterruptionSources()
    storage[InterruptionSourcesKey.self] = created
    return created
  }
}
