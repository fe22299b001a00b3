import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress bar on standard error. On a terminal it redraws one line; otherwise (a log file
/// or pipe) it prints a line at every tenth so logs stay readable.
final class StderrProgressBar: @unchecked Sendable {
  private let label: String
  private let lock = NSLock()
  private let isTerminal: Bool
  private var lastShown = -1
  private let width = 30

  init(label: String) {
    self.label = label
    self.isTerminal = isatty(2) != 0
  }

  func update(_ done: Int, _ total: Int) {
    guard total > 0 else { return }
    let permille = min(1000, done * 1000 / total)
    lock.lock()
    defer { lock.unlock() }
    let step = isTerminal ? permille / 5 : permille / 100  // 0.5 % steps on a terminal, 10 % in logs
    guard step > lastShown else { return }
    lastShown = step
    let filled = permille * width / 1000
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let text = "\(label) [\(bar)] \(done)/\(total) \(permille / 10)%"
    if isTerminal {
      FileHandle.standardError.write(Data(("\r" + text + (permille >= 1000 ? "\n" : "")).utf8))
    } else {
      FileHandle.standardError.write(Data((text + "\n").utf8))
    }
  }
}
