import Domain
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// What other features keep that depends on the working calendar (stored deadlines) is
/// recomputed after every change to it: they register here; the calendar pages and API call
/// `changed` once a change is committed, with the first day it touches.
final class CalendarObservers: Sendable {
  typealias Handler = @Sendable (_ db: any Database, _ from: CivilDate, _ now: Date) async throws -> Void
  private let handlers = NIOLockedValueBox<[Handler]>([])

  func add(_ handler: @escaping Handler) { handlers.withLockedValue { $0.append(handler) } }

  func changed(from day: CivilDate, on db: any Database, now: Date) async throws {
    for handler in handlers.withLockedValue({ $0 }) { try await handler(db, day, now) }
  }
}

struct CalendarObserversKey: StorageKey {
  typealias Value = CalendarObservers
}

extension Application {
  var calendarObservers: CalendarObservers {
    if let existing = storage[CalendarObserversKey.self] { return existing }
    let created = CalendarObservers()
    storage[CalendarObserversKey.self] = created
    return created
  }
}
