import Foundation
import Testing

@testable import Domain

// Values written in tests; a malformed one fails its test rather than crashing the run
// (rule ARCH-TEST-FIXTURES).

/// An instant in ISO 8601 with its offset.
func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Date {
  guard let date = BusinessTime.parseInstant(text) else {
    Issue.record("not an instant: \(text)", sourceLocation: sourceLocation)
    return .distantPast
  }
  return date
}

/// A civil date written YYYY-MM-DD.
func civil(_ iso: String, sourceLocation: SourceLocation = #_sourceLocation) -> CivilDate {
  guard let day = CivilDate(iso: iso) else {
    Issue.record("not a date: \(iso)", sourceLocation: sourceLocation)
    return BusinessTime.civilDate(of: Date(timeIntervalSince1970: 0))
  }
  return day
}

/// A civil date from its numbers.
func civil(year: Int, month: Int, day: Int, sourceLocation: SourceLocation = #_sourceLocation) -> CivilDate {
  civil(String(format: "%04d-%02d-%02d", year, month, day), sourceLocation: sourceLocation)
}

extension Array {
  /// The last element; an empty array fails the test (rule ARCH-TEST-FIXTURES).
  func requireLast(sourceLocation: SourceLocation = #_sourceLocation) throws -> Element {
    try #require(last, sourceLocation: sourceLocation)
  }
}
