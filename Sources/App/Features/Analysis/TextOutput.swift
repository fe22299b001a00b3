import Analytics
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain-text table with columns padded to the widest cell (CJK characters count as two).
struct TextTable {
  let header: [String]
  private(set) var rows: [[String]] = []

  init(header: [String]) { self.header = header }

  mutating func add(_ row: [String]) { rows.append(row) }

  func render() -> String {
    let all = [header] + rows
    let count = all.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: count)
    for r in all { for (k, c) in r.enumerated() { widths[k] = max(widths[k], Self.width(c)) } }
    func line(_ r: [String]) -> String {
      r.enumerated().map { k, c in
        let pad = String(repeating: " ", count: widths[k] - Self.width(c))
        // Numbers right-aligned, text left-aligned.
        return Self.isNumeric(c) ? pad + c : c + pad
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }

  static func width(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { acc, u in
      let v = u.value
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v)
      return acc + (wide ? 2 : 1)
    }
  }

  static func isNumeric(_ s: String) -> Bool { !s.isEmpty && Double(s) != nil }

  static func fmt(_ x: Double, digits: Int = 4, trim: Bool = false) -> String {
    guard x.isFinite else { return "—" }
    var s = String(format: "%.\(digits)f", x)
    if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }
    if trim, s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s
  }

  static func interval(_ c: ConfidenceInterval, digits: Int = 3) -> String {
    "[\(fmt(c.lower, digits: digits)), \(fmt(c.upper, digits: digits))]"
  }
}
