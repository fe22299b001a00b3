import Foundation

/// Counts finished resamples from worker threads and forwards (done, total) to the reporter.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let report: (@Sendable (Int, Int) -> Void)?

  init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
    self.total = total
    self.report = report
  }

  func increment() {
    guard let report else { return }
    lock.lock()
    done += 1
    let d = done
    report(d, total)
    lock.unlock()
  }

  func finish() {
    guard let report else { return }
    lock.lock()
    done = total
    report(total, total)
    lock.unlock()
  }
}

/// Stage timings on stderr when WANJIA_ANALYZE_TIMING=1 (used to read the benchmark).
final class LapTimer {
  private let enabled = ProcessInfo.processInfo.environment["WANJIA_ANALYZE_TIMING"] == "1"
  private var last = DispatchTime.now().uptimeNanoseconds

  func lap(_ label: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    FileHandle.standardError.write(Data(String(format: "timing %@: %.3f s\n", label, Double(now - last) / 1e9).utf8))
    last = now
  }
}
