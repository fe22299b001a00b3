import Foundation
import Testing

@testable import Tabular

@Suite("Numbers in CSV cells")
struct CSVNumbersTests {
  static func decimal(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer { CSVNumbers.decimal($0, 0, $0.count) }
  }

  static func integer(_ text: String) -> Int? {
    Array(text.utf8).withUnsafeBufferPointer { CSVNumbers.integer($0, 0, $0.count) }
  }

  @Test("Every decimal string reads as exactly what Double(String) gives, on the fast path and off it")
  func exact() {
    var g = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let s = String(format: "%.\(Int.random(in: 0...17, using: &g))f", Double.random(in: -1e6...1e6, using: &g))
      #expect(Self.decimal(s) == Double(s), "\(s)")
    }
    for s in ["0", "-0.125", "+7", ".5", "5.", "3e2", "1.5E-3", "123456789012345678", "0.1000000000000000055511151231257827"] {
      #expect(Self.decimal(s) == Double(s), "\(s)")
    }
  }

  @Test("Text, hexadecimal and the spellings of infinity and NaN are not decimal numbers; out of range is infinite")
  func notNumbers() {
    for s in ["", "-", "x7", "1,5", "0x10", "inf", "nan", "1e", "1.2.3", "NA", " 1"] { #expect(Self.decimal(s) == nil, "\(s)") }
    #expect(Self.decimal("1e999") == .infinity)
  }

  @Test("Whole numbers up to nine digits with a sign; anything else is nil")
  func integers() {
    #expect(Self.integer("5") == 5 && Self.integer("-3") == -3 && Self.integer("+123456789") == 123_456_789)
    for s in ["", "+", "1234567890", "1.0", "x", "1 "] { #expect(Self.integer(s) == nil, "\(s)") }
  }

  @Test("Trimming takes spaces and tabs off both ends only")
  func trimming() {
    let bytes = Array(" \t 4 2\t ".utf8)
    bytes.withUnsafeBufferPointer { b in
      let (s, e) = CSVNumbers.trimmed(b, 0, b.count)
      #expect(String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self) == "4 2")
    }
  }
}
