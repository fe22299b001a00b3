import Foundation

/// ORG-LOCKOUT: repeated failed logins lock an account for a while (5 failures,
/// 15 minutes). Configuration, with these numbers as defaults. Every attempt is counted in the
/// database before its password is checked and forgiven when it succeeds, so attempts sent in
/// parallel cannot outrun the count.
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

  /// Whether the attempt with this number (counting unforgiven ones, itself included) may still
  /// have its password checked: later ones arrived while the lock was being set.
  public func mayCheck(attempt: Int) -> Bool { attempt <= maxFailures }

  /// Whether a failed attempt with this number locks the account.
  public func locks(afterFailures failures: Int) -> Bool { failures >= maxFailures }

  /// The end of a lock set now.
  public func lockEnd(now: Date) -> Date { now.addingTimeInterval(TimeInterval(lockMinutes) * 60) }
}

/// Failed logins from one client address, across every account and every server instance
/// (counted in the shared database): at most `maxFailures` in `windowMinutes`, then that address
/// is refused until its window ends. Defaults 20 in 15 minutes: above one person's typing,
/// far below a password-guessing run.
public struct LoginSourceThrottle: Sendable, Equatable {
  public var maxFailures: Int
  public var windowMinutes: Int

  public init(maxFailures: Int = 20, windowMinutes: Int = 15) {
    self.maxFailures = maxFailures
    self.windowMinutes = windowMinutes
  }

  public static let `default` = LoginSourceThrottle()

  /// The start of a window still open now (older windows restart at the next failure).
  public func openWindowStart(now: Date) -> Date { now.addingTimeInterval(-TimeInterval(windowMinutes) * 60) }

  public func isThrottled(failures: Int) -> Bool { failures >= maxFailures }
}
