import Foundation

/// Repeated failed logins lock an account for a while (DESIGN.md web rules; issue 2: 5 failures,
/// 15 minutes). Configuration, with these numbers as defaults.
public struct LoginLockoutPolicy: Sendable, Equatable {
  public var maxFailures: Int
  public var lockMinutes: Int

  public init(maxFailures: Int = 5, lockMinutes: Int = 15) {
    self.maxFailures = maxFailures
    self.lockMinutes = lockMinutes
  }

  public static let `default` = LoginLockoutPolicy()

  public func isLocked(until lockedUntil: Date?, now: Date) -> Bool {
    guard let lockedUntil else { return false }
    return lockedUntil > now
  }

  /// After a failure: the new failure count and, once the limit is reached, the end of the lock.
  public func afterFailure(previousFailures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
    let failures = previousFailures + 1
    if failures >= maxFailures {
      return (0, now.addingTimeInterval(TimeInterval(lockMinutes * 60)))
    }
    return (failures, nil)
  }
}
