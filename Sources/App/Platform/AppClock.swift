import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The time as the application sees it: live in production, fixed and movable in tests, so that
/// deadlines and lockouts are tested without waiting.
protocol AppClock: Sendable {
  func now() -> Date
}

struct SystemClock: AppClock {
  func now() -> Date { Date() }
}

/// A clock that stands still until a test moves it.
final class FixedClock: AppClock {
  private let current: NIOLockedValueBox<Date>

  init(_ start: Date) { current = NIOLockedValueBox(start) }

  func now() -> Date { current.withLockedValue { $0 } }

  func advance(by seconds: TimeInterval) {
    current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
  }

  func set(_ date: Date) { current.withLockedValue { $0 = date } }
}

struct AppClockKey: StorageKey {
  typealias Value = any AppClock
}

extension Application {
  var clock: any AppClock {
    get { storage[AppClockKey.self] ?? SystemClock() }
    set { storage[AppClockKey.self] = newValue }
  }
}

extension Request {
  var now: Date { application.clock.now() }
}
